package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.script.ScriptSource;
import io.github.migrationtest.verifier.source.script.ScriptText;
import io.github.migrationtest.verifier.source.sql.NamedFile.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the SQL a file contributes, reporting non-UTF-8 and unreadable files as findings. An empty
 * or comment-only file (or section) is a legal no-op step, as it is for every tool we know.
 */
final class ScriptPartsReader {

    /** The upgrade and (for dbmate) downgrade SQL of one file. */
    record Parts(Optional<ScriptPart> up, Optional<ScriptPart> down) {}

    private final List<HistoryFinding> findings;
    // A file named like a dbmate migration is read to tell whether it is one, and its sections are
    // needed later: each file is checked and its comment lines read once. Its SQL is read when it runs.
    private final Map<Path, ScriptText.Read> reads = new HashMap<>();
    private final Map<Path, CommentLines> comments = new HashMap<>();
    // One source per file: its comments and its SQL are read from it, so a small file is kept once (ScriptSource).
    private final Map<Path, ScriptSource> sources = new HashMap<>();

    /** The environment goose's {@code ENVSUB} substitutes from. */
    private final Map<String, String> environment;

    ScriptPartsReader(List<HistoryFinding> findings) {
        this(findings, System.getenv());
    }

    ScriptPartsReader(List<HistoryFinding> findings, Map<String, String> environment) {
        this.findings = findings;
        this.environment = environment;
    }

    /**
     * Which tool a {@code <version>_<name>.sql} file is written for, by its section markers: goose's
     * {@code -- +goose Up} (or a {@code +goose} comment goose refuses) or dbmate's {@code -- migrate:up}; with neither it
     * is a sqlx "simple" migration
     * (sqlx's default: an upgrade with no downgrade), read as golang-migrate/sqlx. One that cannot be read
     * counts as dbmate, to be reported when its SQL is read.
     */
    Convention sectionsConvention(NamedFile file) {
        if (!(read(file.path()) instanceof ScriptText.Valid)) {
            return Convention.DBMATE;
        }
        CommentLines lines = comments(file.path());
        if (GooseSections.hasUp(lines)) {
            return Convention.GOOSE;
        }
        if (DbmateSections.isDbmate(lines)) {
            return Convention.DBMATE;
        }
        // A '+goose' comment goose refuses ('--- +goose Up') still says whose file it is: goose's error is reported
        // rather than the file run whole, both sections at once, as a sqlx simple migration.
        return GooseSections.mentionsGoose(lines) ? Convention.GOOSE : Convention.GOLANG_MIGRATE;
    }

    /** Whether the file has dbmate's sections (and not goose's): for a name only dbmate runs. */
    boolean hasDbmateSections(NamedFile file) {
        return read(file.path()) instanceof ScriptText.Valid && !GooseSections.hasUp(comments(file.path()))
                && DbmateSections.isDbmate(comments(file.path()));
    }

    /**
     * A file without sections where goose or dbmate files are the history: neither tool would run it. Its name is
     * theirs; what it lacks is the section that tool requires of every file (goose's documentation: "the only mandatory
     * annotation is -- +goose Up"), and goose and dbmate read every file before they run one, so neither runs the folder.
     *
     * @param others the conventions of the history's other files
     */
    void reportWithoutSections(NamedFile file, Set<Convention> others) {
        String fix = others.equals(Set.of(Convention.GOOSE))
                ? "add '-- +goose Up' above its upgrade, and '-- +goose Down' above its downgrade, as in the other files"
                : others.equals(Set.of(Convention.DBMATE))
                ? "add '-- migrate:up' above its upgrade, and '-- migrate:down' above its downgrade, as in the other files"
                : "add '-- +goose Up' (goose) or '-- migrate:up' (dbmate) sections, or name it "
                        + Convention.GOLANG_MIGRATE.example();
        findings.add(HistoryFinding.error(Kind.UNRECOGNISED_NAME, file.display(),
                "has no '-- +goose Up' and no '-- migrate:up': goose and dbmate require their upgrade section in every"
                        + " file, and refuse the whole folder without it", fix));
    }

    private ScriptText.Read read(Path file) {
        return reads.computeIfAbsent(file, ScriptText::check);
    }

    private ScriptSource source(Path file) {
        return sources.computeIfAbsent(file, ScriptSource::of);
    }

    private CommentLines comments(Path file) {
        return comments.computeIfAbsent(file, f -> CommentLines.read(source(f)));
    }

    /** The upgrade SQL, or empty when the file cannot be used (already reported). */
    Optional<Parts> upgrade(NamedFile file) {
        if (file.role() == Role.JAVA_UP) {
            return Optional.of(new Parts(Optional.empty(), Optional.empty()));
        }
        Optional<ScriptSource> text = text(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (file.role() == Role.UP_AND_DOWN) {
            return file.convention() == Convention.GOOSE ? goose(file, text.get())
                    : DbmateSections.read(file, text.get(), comments(file.path()), findings);
        }
        return Optional.of(new Parts(Optional.of(whole(file, text.get())), Optional.empty()));
    }

    /** A goose file's sections, its variables substituted where it asks for that ({@link GooseEnvsub}). */
    private Optional<Parts> goose(NamedFile file, ScriptSource text) {
        CommentLines lines = comments(file.path());
        String written = text.text(); // read once for both checks; the sections' source is it unless substituted
        Optional<HistoryFinding> refused = GooseAnnotations.check(file.display(), written);
        refused.ifPresent(findings::add);
        if (!GooseSections.hasUp(lines)) {
            return Optional.empty(); // a '+goose' line goose refuses instead of its Up: no section to run (reported)
        }
        Optional<Parts> parts = !GooseEnvsub.isUsed(lines) ? Optional.of(GooseSections.read(file.display(), text, lines))
                : GooseEnvsub.apply(file.display(), text, environment, findings)
                        .map(substituted -> GooseSections.read(file.display(), substituted, CommentLines.read(substituted)));
        if (refused.filter(HistoryFinding::isError).isPresent()) {
            return parts; // where goose refuses the file, where it ends statements is moot
        }
        parts.ifPresent(read -> read.up().ifPresent(up -> {
            String sections = up.source() == text ? written : up.source().text();
            findings.addAll(GooseStatementEnds.check(up, "upgrade", sections));
            read.down().ifPresent(down -> findings.addAll(GooseStatementEnds.check(down, "downgrade", sections)));
        }));
        return parts;
    }

    /** The downgrade SQL, or empty when the file cannot be used (already reported). */
    Optional<ScriptPart> downgrade(NamedFile file) {
        return text(file).map(t -> whole(file, t));
    }

    private static ScriptPart whole(NamedFile file, ScriptSource text) {
        ScriptPart part = ScriptPart.whole(file.display(), text);
        if (file.noTransaction().isEmpty() && file.convention() == Convention.GOLANG_MIGRATE) {
            String sqlx = SqlxHeader.noTransaction(file);
            return sqlx.isEmpty() ? part : part.outside(sqlx).sentAsOneQuery("sqlx sends a '-- no-transaction' file as"
                    + " one query, which Postgres runs as one transaction");
        }
        if (file.noTransaction().isEmpty()) {
            return part;
        }
        return switch (file.convention()) {
            // Both send such a file as one query (diesel's batch_execute, popx's Exec without arguments).
            case DIESEL -> part.outside(file.noTransaction()).sentAsOneQuery("diesel sends a migration that runs"
                    + " outside a transaction as one query (batch_execute), which Postgres runs as one transaction");
            case POPX -> part.outside(file.noTransaction()).sentAsOneQuery("popx sends an .autocommit migration as one"
                    + " query, which Postgres runs as one transaction");
            default -> part.outside(file.noTransaction());
        };
    }

    private static boolean startsWithMark(NamedFile file) {
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] start = in.readNBytes(3);
            return start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF;
        } catch (IOException e) {
            return false; // reported where the file is read
        }
    }

    private Optional<ScriptSource> text(NamedFile file) {
        if (file.convention() != Convention.FLYWAY && file.convention() != Convention.PATTERN && startsWithMark(file)) {
            // Flyway skips the mark; these tools send it with the first statement, or do not find their first marker.
            findings.add(HistoryFinding.error(Kind.MALFORMED_MIGRATION, file.display(), "starts with a UTF-8 byte order"
                    + " mark, which " + file.convention().label() + " does not skip: it goes to Postgres in front of the"
                    + " first statement (a syntax error there), or hides the file's first marker",
                    "save the file as UTF-8 without a byte order mark"));
        }
        ScriptText.Read read = read(file.path());
        if (read instanceof ScriptText.NotUtf8 bad) {
            findings.add(HistoryFinding.error(Kind.NOT_UTF8, file.display(),
                    "is not UTF-8 (invalid byte at offset " + bad.offset() + ")", "re-save it as UTF-8"));
            return Optional.empty();
        }
        if (read instanceof ScriptText.HasNul nul) {
            findings.add(HistoryFinding.error(Kind.NUL_BYTE, file.display(), nul.describe(),
                    "remove the NUL byte (a file saved as UTF-16, or binary data pasted in?)"));
            return Optional.empty();
        }
        if (read instanceof ScriptText.Unreadable unreadable) {
            findings.add(HistoryFinding.error(Kind.UNREADABLE, file.display(),
                    "cannot be read (" + unreadable.reason() + ")", "check its permissions"));
            return Optional.empty();
        }
        return Optional.of(source(file.path()));
    }
}
