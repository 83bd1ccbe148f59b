package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.StatementListener;
import io.github.migrationtest.verifier.source.jdbc.ListeningConnection.Attribution;
import io.github.migrationtest.verifier.source.jdbc.ListeningConnection.Located;
import io.github.migrationtest.verifier.source.jdbc.StatementFinder;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import liquibase.change.Change;
import liquibase.change.core.SQLFileChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.resource.ResourceAccessor;

/**
 * Places the statements Liquibase runs in the user's files: only those run while a changeset is applied
 * or rolled back are the user's (between Liquibase's {@code willRun} and {@code ran}, {@code willRollback}
 * and {@code rolledBack} events); its writes to DATABASECHANGELOG and DATABASECHANGELOGLOCK there are not.
 *
 * <p>A statement is placed at the line of its text in the changeset (a formatted-SQL changeset, a
 * {@code <sql>} change, a {@code --rollback} line or a {@code <rollback>} body), or in the file of an
 * {@code sqlFile} change; a statement Liquibase generates (a {@code createIndex}, an {@code addColumn})
 * has no text in the file, so it is placed at its change's element, and in a rollback (where Liquibase
 * tells no change) at the changeset's declaration: the nearest line a reader can act on.
 */
final class LiquibaseStatements extends AbstractChangeExecListener implements Attribution {

    /** Where the next changeset of a changelog starts, in any of its formats. */
    private static final Pattern NEXT_CHANGESET = Pattern.compile(
            "(?i)(<changeSet\\b|\\bchangeSet\\s*:|\"changeSet\"\\s*:|--\\s*changeset\\s)");

    private final LiquibaseSource.Changelog changelog;
    private final Supplier<StatementListener> listener;
    private final Connection connection;
    private final Map<String, Optional<ChangelogFile>> files = new HashMap<>();
    private String bookkeeping = "DATABASECHANGELOG";
    private ChangeSet changeSet;
    private Optional<ChangelogFile> file = Optional.empty();
    private int changeSetLine;
    private boolean rollingBack;
    private Change change;
    private Optional<ChangelogFile> changeFile = Optional.empty();

    /**
     * @param connection the step's connection, which the listener is told of
     */
    LiquibaseStatements(LiquibaseSource.Changelog changelog, Supplier<StatementListener> listener, Connection connection) {
        this.changelog = changelog;
        this.listener = listener;
        this.connection = connection;
    }

    /** A file of the changelog's: its text, and where its statements were found so far. */
    private record ChangelogFile(String text, StatementFinder statements) {

        /**
         * Its lines that hold an allow comment, the others empty, as a script runner tells them; an XML
         * comment's end is not part of the reason.
         */
        String marked() {
            return text.contains(StatementListener.COMMENT_MARK) ? text.lines()
                    .map(line -> line.contains(StatementListener.COMMENT_MARK) ? line.replaceFirst("\\s*-->\\s*$", "") : "")
                    .collect(Collectors.joining("\n")) : "";
        }
    }

    private Optional<ChangelogFile> read(String path) {
        return files.computeIfAbsent(path, p -> LiquibaseErrors.read(changelog.accessor(), p)
                .map(text -> new ChangelogFile(text, StatementFinder.of(changelog.display(p), text))));
    }

    private void starting(ChangelogFile started) {
        listener.get().scriptStarting(connection, started.statements().file(), started.marked());
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.RunStatus runStatus) {
        open(changeSet, database, false);
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.ExecType execType) {
        close();
    }

    @Override
    public void runFailed(ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception exception) {
        close();
    }

    @Override
    public void willRollback(ChangeSet changeSet, DatabaseChangeLog log, Database database) {
        open(changeSet, database, true);
    }

    @Override
    public void rolledBack(ChangeSet changeSet, DatabaseChangeLog log, Database database) {
        close();
    }

    @Override
    public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception exception) {
        close();
    }

    /** In an update, the change about to run; a rollback tells them while it builds its statements, not as they run. */
    @Override
    public void willRun(Change change, ChangeSet changeSet, DatabaseChangeLog log, Database database) {
        if (!rollingBack && this.changeSet != null) {
            this.change = change;
            changeFile = change instanceof SQLFileChange sqlFile ? sqlFile(sqlFile) : Optional.empty();
            changeFile.ifPresent(f -> {
                f.statements().within(1, 0);
                starting(f);
            });
        }
    }

    private void open(ChangeSet opened, Database database, boolean rollback) {
        if (listener.get() == StatementListener.NONE) {
            return;
        }
        changeSet = opened;
        rollingBack = rollback;
        change = null;
        changeFile = Optional.empty();
        bookkeeping = database.getDatabaseChangeLogTableName().toUpperCase(Locale.ROOT);
        String path = physicalPath(opened);
        file = read(path);
        changeSetLine = file.map(f -> LiquibaseErrors.lineOf(f.text(), opened.getId())).orElse(0);
        file.ifPresent(f -> {
            f.statements().within(changeSetLine, nextChangeSetLine(f.text(), changeSetLine));
            starting(f);
        });
    }

    private void close() {
        changeSet = null;
        change = null;
    }

    @Override
    public Optional<Located> locate(String sql) {
        if (changeSet == null || sql.toUpperCase(Locale.ROOT).contains(bookkeeping)) {
            return Optional.empty();
        }
        for (ChangelogFile in : List.of(changeFile, file).stream().flatMap(Optional::stream).toList()) {
            OptionalInt line = in.statements().find(sql);
            if (line.isPresent()) {
                return Optional.of(new Located(in.statements().file(), line.getAsInt()));
            }
        }
        String display = file.map(f -> f.statements().file()).orElseGet(() -> changelog.display(physicalPath(changeSet)));
        return Optional.of(new Located(display, changeLine().orElse(changeSetLine)));
    }

    /**
     * The line of the running change's element in the changeset: the n-th element of its kind there, n
     * its place among the changeset's changes of that kind.
     */
    private OptionalInt changeLine() {
        if (change == null || file.isEmpty() || changeSetLine == 0) {
            return OptionalInt.empty();
        }
        String name = change.getSerializedObjectName();
        List<Change> changes = changeSet.getChanges();
        long before = changes.subList(0, Math.max(0, changes.indexOf(change))).stream()
                .filter(c -> c.getSerializedObjectName().equals(name)).count();
        String text = file.get().text();
        Matcher element = Pattern.compile("(<|\"|-\\s{0,8})" + Pattern.quote(name) + "\\b").matcher(text);
        int from = offsetOfLine(text, changeSetLine);
        for (long seen = -1; element.find(from); from = element.end()) {
            if (++seen == before) {
                return OptionalInt.of(lineAt(text, element.start()));
            }
        }
        return OptionalInt.empty();
    }

    private Optional<ChangelogFile> sqlFile(SQLFileChange sqlFile) {
        String path = sqlFile.getPath();
        if (path == null) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(sqlFile.isRelativeToChangelogFile())) {
            ResourceAccessor accessor = changelog.accessor();
            String changelogPath = physicalPath(changeSet);
            try {
                path = LiquibaseCommands.inScope(accessor, () -> accessor.get(changelogPath).resolveSibling(sqlFile.getPath()).getPath());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return read(path);
    }

    private static String physicalPath(ChangeSet changeSet) {
        return ChangelogReader.physicalPath(changeSet);
    }

    /** The line the changeset after the one declared at {@code line} starts on; 0 for none. */
    private static int nextChangeSetLine(String text, int line) {
        if (line == 0) {
            return 0;
        }
        int from = text.indexOf('\n', offsetOfLine(text, line));
        Matcher next = NEXT_CHANGESET.matcher(text);
        return from >= 0 && next.find(from) ? lineAt(text, next.start()) : 0;
    }

    private static int offsetOfLine(String text, int line) {
        int offset = 0;
        for (int i = 1; i < line && offset >= 0; i++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return text.length();
            }
        }
        return offset;
    }

    private static int lineAt(String text, int offset) {
        return 1 + (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
    }
}
