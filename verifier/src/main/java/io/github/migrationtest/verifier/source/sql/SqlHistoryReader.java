package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.FlywayNames;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.sql.FileNames.DbmateOnly;
import io.github.migrationtest.verifier.source.sql.FileNames.FizzMigration;
import io.github.migrationtest.verifier.source.sql.FileNames.GoMigration;
import io.github.migrationtest.verifier.source.sql.FileNames.Ignored;
import io.github.migrationtest.verifier.source.sql.FileNames.Misnamed;
import io.github.migrationtest.verifier.source.sql.FileNames.Named;
import io.github.migrationtest.verifier.source.sql.FileNames.Naming;
import io.github.migrationtest.verifier.source.sql.FileNames.Unrecognised;
import io.github.migrationtest.verifier.source.sql.NamedFile.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a directory of SQL migrations into ordered revisions, reporting every file that is
 * misnamed, duplicated, empty, not UTF-8 or missing its other half as a finding.
 */
public final class SqlHistoryReader {

    /** How a sqlx simple migration opts out of the transaction sqlx otherwise runs it in. */
    private static final String SQLX_TRANSACTION = "sqlx runs a migration in a transaction unless its file starts with"
            + " -- no-transaction";

    private static final int MAX_DEPTH = 8;

    /** An SQL file whose name fits no convention, and why. */
    /** A {@code .sql} file no convention reads; {@code dbmateRuns}: dbmate would run it, as its name starts with digits. */
    private record Stray(String file, String why, boolean dbmateRuns) {}

    private final Path root;
    private final String display;
    private final Pattern userPattern;
    private final boolean flyway;
    private final FlywayNames flywayNames;
    private final List<HistoryFinding> findings = new ArrayList<>();
    private final ScriptPartsReader parts = new ScriptPartsReader(findings);
    /** The versions with a down file for some database (see {@link FileNames#downVersion}). */
    private final Set<String> downVersions = new HashSet<>();

    private SqlHistoryReader(Path root, String display, Pattern userPattern, boolean flyway, FlywayNames flywayNames) {
        this.root = root;
        this.display = display;
        this.userPattern = userPattern;
        this.flyway = flyway;
        this.flywayNames = flywayNames == null ? FlywayNames.DEFAULT : flywayNames;
    }

    /**
     * Reads SQL pairs in any known convention, or in the user's pattern when one is given; of a folder holding one
     * history per database ({@link DatabaseFolders}), the PostgreSQL one.
     */
    public static SqlHistory read(Path root, String display, Pattern userPattern) {
        Optional<DatabaseFolders> folders = Files.isDirectory(root) ? DatabaseFolders.of(root) : Optional.empty();
        if (folders.isEmpty()) {
            return new SqlHistoryReader(root, display, userPattern, false, FlywayNames.DEFAULT).read();
        }
        String others = folders.get().others().stream().map(other -> joined(display, other) + "/")
                .collect(Collectors.joining(", "));
        Optional<Path> found = folders.get().postgres();
        if (found.isEmpty()) {
            return new SqlHistory(List.of(), List.of(HistoryFinding.error(Kind.NO_MIGRATIONS, display, "holds one"
                    + " history per database (" + others + "), none of them for PostgreSQL",
                    "point at a PostgreSQL history: migrationtest verifies PostgreSQL migrations")));
        }
        Path postgres = found.get();
        String shown = joined(display, postgres.getFileName().toString());
        SqlHistoryReader reader = new SqlHistoryReader(postgres, shown, userPattern, false, FlywayNames.DEFAULT);
        reader.findings.add(HistoryFinding.note(Kind.IGNORED_FILE, display, "holds one history per database: "
                + shown + "/ is verified, " + others + " are other databases' (point at " + shown
                + " to say so yourself)"));
        return reader.read();
    }

    /**
     * Reads a Flyway location: {@code V}/{@code U} scripts and Java migrations; {@code R__} scripts
     * and files Flyway would ignore are left to Flyway.
     */
    public static SqlHistory readFlyway(Path root, String display) {
        return readFlyway(root, display, FlywayNames.DEFAULT);
    }

    /** Reads a Flyway location whose files are named by Flyway's naming settings ({@code sqlMigrationPrefix}, ...). */
    public static SqlHistory readFlyway(Path root, String display, FlywayNames names) {
        return new SqlHistoryReader(root, display, null, true, names).read();
    }

    private SqlHistory read() {
        if (!locationIsUsable() || !patternIsUsable()) {
            return new SqlHistory(List.of(), findings);
        }
        List<NamedFile> found = new ArrayList<>();
        IgnoredFiles ignored = new IgnoredFiles(display);
        List<Stray> unrecognised = new ArrayList<>();
        List<String> goMigrations = new ArrayList<>();
        Map<String, FizzMigration> fizzMigrations = new TreeMap<>();
        List<NamedFile> withoutSections = new ArrayList<>();
        Map<String, Misnamed> misnamed = new TreeMap<>();
        FileNames names = new FileNames(userPattern, flywayNames);
        List<Path> files = files();
        boolean topLevelOnly = readsOnlyItsOwnFolder(names, files);
        for (Path file : files) {
            FileNames.downVersion(file.getFileName().toString()).ifPresent(downVersions::add);
            String relative = root.relativize(file).toString().replace('\\', '/');
            String shown = show(relative);
            if (topLevelOnly && relative.contains("/")) {
                ignored.add(shown, FileNames.Ignored.IN_A_SUBFOLDER);
                continue;
            }
            Naming naming = names.classify(file, relative, shown);
            boolean dbmateRuns = naming instanceof DbmateOnly;
            if (naming instanceof DbmateOnly d) {
                naming = parts.hasDbmateSections(d.file()) ? new Named(d.file()) : d.otherwise();
            }
            if (naming instanceof Named n) {
                if (n.file().role() != Role.UP_AND_DOWN) {
                    found.add(n.file());
                } else {
                    Convention sections = parts.sectionsConvention(n.file());
                    (sections == Convention.GOLANG_MIGRATE ? withoutSections : found).add(n.file().as(sections));
                }
            } else if (naming instanceof Ignored i) {
                ignored.add(shown, i);
            } else if (naming instanceof Misnamed m) {
                misnamed.put(shown, m);
            } else if (naming instanceof GoMigration) {
                goMigrations.add(shown);
            } else if (naming instanceof FizzMigration fizz) {
                fizzMigrations.put(shown, fizz);
            } else if (naming instanceof Unrecognised u) {
                if (relative.endsWith(".sql")) {
                    unrecognised.add(new Stray(shown, u.why(), dbmateRuns));
                } else {
                    ignored.add(shown, Ignored.NOT_A_MIGRATION);
                }
            }
        }
        addSimpleMigrations(found, withoutSections);
        // Only pop and popx run fizz files: their presence says popx as surely as a database in a name.
        List<NamedFile> named = PopxDialects.recognise(found, ignored.hasOtherDatabases() || !fizzMigrations.isEmpty());
        Convention convention = chooseConvention(named);
        reportMisnamed(convention, misnamed, unrecognised, ignored);
        if (!flyway) {
            reportStrays(convention, unrecognised, goMigrations, ignored);
            reportFizz(convention, named, fizzMigrations, ignored);
            findings.addAll(ignored.notes());
        }
        if (convention == null) {
            if (!fizzMigrations.isEmpty() && !flyway) {
                return new SqlHistory(List.of(), findings); // the fizz files are named, each with its fix
            }
            Optional<HistoryFinding> otherNames = flyway ? FlywayNaming.otherNames(display, flywayNames, files,
                    file -> show(root.relativize(file).toString().replace('\\', '/')))
                    : Optional.empty();
            if (otherNames.isPresent()) {
                findings.add(otherNames.get());
                return new SqlHistory(List.of(), findings);
            }
            findings.add(HistoryFinding.error(Kind.NO_MIGRATIONS, display, "holds no migration files",
                    "point at the directory that holds them, named " + (flyway ? flywayExample()
                            : "like " + Convention.GOLANG_MIGRATE.example() + " (or another known convention)")));
            return new SqlHistory(List.of(), findings);
        }
        List<NamedFile> chosen = named.stream().filter(f -> f.convention() == convention).toList();
        if (convention == Convention.DBMATE) {
            chosen = DbmateVersions.firstOfEachVersion(chosen, findings);
        }
        List<PlannedRevision> revisions = revisions(chosen);
        noOpNote(revisions).ifPresent(findings::add);
        if (convention == Convention.DIESEL) {
            reportFoldersWithoutUpgrade();
            List<String> empty = chosen.stream().filter(SqlHistoryReader::isZeroBytes).map(NamedFile::display).toList();
            if (!empty.isEmpty()) {
                findings.add(HistoryFinding.warning(Kind.NO_OP_STEP, display, empty.size() + " file(s) are empty (0 bytes),"
                        + " which diesel's command line refuses (\"Attempted to run an empty migration\") where migrations"
                        + " embedded in the application run nothing: " + IgnoredFiles.some(empty),
                        "write a comment in each (-- nothing to undo) to make it a no-op for both"));
            }
        }
        boolean sqlxOnly = !chosen.isEmpty() && chosen.stream().allMatch(NamedFile::isSqlxSimple);
        return new SqlHistory(revisions, findings, convention, sqlxOnly);
    }

    /**
     * diesel reads every folder of the migrations folder (but those whose name starts with {@code .}) as a migration, and
     * refuses the whole directory when one has no {@code up.sql} ({@code FileBasedMigrations::from_path}: "Unknown
     * migration format"), also a {@code docs/} folder: {@code diesel migration run} and {@code embed_migrations!} stop there.
     */
    private void reportFoldersWithoutUpgrade() {
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isDirectory).filter(dir -> !dir.getFileName().toString().startsWith("."))
                    .filter(dir -> !Files.isRegularFile(dir.resolve("up.sql"))).sorted()
                    .forEach(dir -> findings.add(HistoryFinding.error(Kind.UNRECOGNISED_NAME,
                            show(root.relativize(dir).toString().replace('\\', '/')) + "/", "is a folder without up.sql,"
                                    + " which diesel refuses along with the whole migrations folder (\"Unknown migration"
                                    + " format\")", "move it out of the migrations folder, or give it an up.sql")));
        } catch (IOException | UncheckedIOException e) {
            // listed already: files() reported what could not be read
        }
    }

    /** diesel's file-based migrations check the file's text for length 0, not for blank: a newline is enough. */
    private static boolean isZeroBytes(NamedFile file) {
        try {
            return Files.size(file.path()) == 0;
        } catch (IOException e) {
            return false; // reported where the file is read
        }
    }

    /**
     * Files no convention reads: an error where the tool would refuse or silently skip what looks like a
     * migration; listed as ignored where the tool ignores them (diesel: anything outside a migration folder).
     */
    private void reportStrays(Convention convention, List<Stray> unrecognised, List<String> goMigrations, IgnoredFiles ignored) {
        for (Stray stray : unrecognised) {
            if (convention != null && convention.ignoresStraySqlFiles()) {
                ignored.add(stray.file(), new Ignored("is not in a <version>_<name>/ migration folder", ""));
            } else if (convention == Convention.DBMATE && stray.dbmateRuns()) {
                findings.add(HistoryFinding.error(Kind.UNRECOGNISED_NAME, stray.file(), "has no '-- migrate:up' section,"
                        + " and dbmate runs every .sql file whose name starts with digits, so it refuses this one",
                        "add '-- migrate:up' and '-- migrate:down' sections, or move it out of the migration folder"));
            } else {
                findings.add(HistoryFinding.error(Kind.UNRECOGNISED_NAME, stray.file(), stray.why(), namingFix()));
            }
        }
        for (String file : goMigrations) {
            if (convention != null && convention.runsGoMigrations()) {
                findings.add(HistoryFinding.error(Kind.UNSUPPORTED, file,
                        "is a goose migration written in Go, which only goose's Go runtime can run",
                        "write it as an SQL migration; until then the SQL revisions are verified without it, so a later"
                                + " one that relies on it fails"));
            } else {
                ignored.add(file, Ignored.NOT_A_MIGRATION);
            }
        }
    }

    /**
     * {@code <version>_<name>.sql} files without goose's or dbmate's sections, when they are the whole history,
     * are sqlx's "simple" migrations (what {@code sqlx migrate add} makes by default): upgrades with no
     * downgrade. Beside migrations of any convention (goose, dbmate, up/down pairs) they are strays, an
     * error as before: those tools would not run them, and sqlx's own CLI does not mix the two kinds.
     */
    private void addSimpleMigrations(List<NamedFile> found, List<NamedFile> withoutSections) {
        boolean others = !found.isEmpty();
        boolean pairs = found.stream().anyMatch(file -> file.convention() == Convention.GOLANG_MIGRATE);
        for (NamedFile file : withoutSections) {
            if (pairs) {
                // Among up/down pairs it is most likely one that lost its ".up": the name says what to rename it to.
                String up = file.display().replaceFirst("\\.sql$", ".up.sql");
                findings.add(HistoryFinding.error(Kind.UNRECOGNISED_NAME, file.display(), "is neither an up nor a down"
                        + " file: golang-migrate skips it, and sqlx runs it as a migration it cannot revert, so the two"
                        + " tools would build different schemas from this folder",
                        "rename it to " + up + " and give it a .down.sql, or delete it"));
            } else if (others) {
                parts.reportWithoutSections(file, found.stream().map(NamedFile::convention).collect(Collectors.toSet()));
            } else {
                found.add(file.asUpgradeOnly());
            }
        }
    }

    /**
     * A fizz migration popx would run on Postgres is an error: we cannot translate fizz, and without it the
     * later revisions are verified against a schema that lacks its changes. One that a Postgres SQL file of
     * the same version and direction replaces is not run on Postgres, so it is only listed.
     */
    private void reportFizz(Convention convention, List<NamedFile> named, Map<String, FizzMigration> fizzMigrations,
                            IgnoredFiles ignored) {
        fizzMigrations.forEach((file, fizz) -> {
            Optional<NamedFile> replacement = named.stream().filter(f -> f.convention() == Convention.POPX
                    && !f.dialect().isEmpty() && f.version().equals(fizz.version()) && f.role() == fizz.role()).findFirst();
            if (convention != null && convention != Convention.POPX) {
                ignored.add(file, Ignored.NOT_A_MIGRATION);
            } else if (replacement.isPresent()) {
                ignored.add(file, new Ignored("is replaced on Postgres by " + replacement.get().display(), ""));
            } else {
                findings.add(HistoryFinding.error(Kind.UNSUPPORTED, file,
                        "is a migration in fizz, pop's DSL, which only pop/popx translate to SQL",
                        "render it to SQL for Postgres beside it (" + fizzRendering(file, fizz)
                                + "; a .postgres. file replaces the fizz one, as in popx); until then the SQL"
                                + " revisions are verified without it, so a later one that relies on it fails"));
            }
        });
    }

    /** The name popx would run instead of a fizz file: {@code 1_x.postgres.up.sql} for {@code 1_x.up.fizz}. */
    private static String fizzRendering(String file, FizzMigration fizz) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        String direction = fizz.role() == Role.UP ? ".up.fizz" : ".down.fizz";
        String stem = name.substring(0, name.length() - direction.length()).replace(".autocommit", "");
        return stem + ".postgres" + (name.contains(".autocommit.") ? ".autocommit" : "") + direction.replace(".fizz", ".sql");
    }

    /**
     * A near miss of the history's own convention (or of any, when none was found) is an error with the
     * name to give it: the tool would skip it without a word, in production too. A near miss of another
     * convention is treated as any other file that fits none.
     */
    private void reportMisnamed(Convention convention, Map<String, Misnamed> misnamed, List<Stray> unrecognised,
                                IgnoredFiles ignored) {
        misnamed.forEach((file, m) -> {
            if (convention == null || convention == m.convention()) {
                findings.add(HistoryFinding.error(Kind.UNRECOGNISED_NAME, file, m.why(),
                        "rename it to " + m.expected() + ", or move it out of the migration folder"));
            } else if (file.endsWith(".sql")) {
                unrecognised.add(new Stray(file, "fits no naming convention", false));
            } else {
                ignored.add(file, Ignored.NOT_A_MIGRATION);
            }
        });
    }

    /** One note for the steps that run no SQL (empty files or sections): legal, and worth knowing. */
    private Optional<HistoryFinding> noOpNote(List<PlannedRevision> revisions) {
        List<String> steps = new ArrayList<>();
        for (PlannedRevision plan : revisions) {
            if (!plan.up().isEmpty() && plan.up().stream().allMatch(ScriptPart::isEmpty)) {
                steps.add(plan.revision().id() + " up");
            }
            if (plan.revision().hasDowngrade() && plan.down().stream().allMatch(ScriptPart::isEmpty)) {
                steps.add(plan.revision().id() + " down");
            }
        }
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(HistoryFinding.note(Kind.NO_OP_STEP, display, steps.size() + " step(s) run no SQL (an empty"
                + " file or section is a no-op, as for the tool; the round trip judges it): " + IgnoredFiles.some(steps)));
    }

    private boolean locationIsUsable() {
        if (!Files.exists(root)) {
            findings.add(HistoryFinding.error(Kind.MISSING_LOCATION, display, "does not exist",
                    "check the path (a relative path is resolved against " + Path.of("").toAbsolutePath() + ")"));
            return false;
        }
        if (!Files.isDirectory(root)) {
            findings.add(HistoryFinding.error(Kind.MISSING_LOCATION, display, "is a file, not a directory",
                    "point at the directory that holds the migration files"));
            return false;
        }
        if (!Files.isReadable(root)) {
            findings.add(HistoryFinding.error(Kind.UNREADABLE, display, "cannot be read",
                    "check its permissions"));
            return false;
        }
        return true;
    }

    private boolean patternIsUsable() {
        if (userPattern == null) {
            return true;
        }
        List<String> missing = Stream.of("version", "name", "direction")
                .filter(group -> !userPattern.pattern().contains("(?<" + group + ">"))
                .toList();
        if (!missing.isEmpty()) {
            findings.add(HistoryFinding.error(Kind.UNSUPPORTED, userPattern.pattern(),
                    "the file pattern has no named group " + String.join(", ", missing),
                    "write it with (?<version>...), (?<name>...) and (?<direction>...), e.g. "
                            + "(?<version>\\d+)-(?<name>.+)\\.(?<direction>up|down)\\.sql"));
            return false;
        }
        return true;
    }

    private List<Path> files() {
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
            // Each path is made relative once: a comparator doing it made the sort cost a tenth of a second cold.
            Map<String, Path> byRelative = new TreeMap<>();
            walk.filter(Files::isRegularFile).forEach(p -> {
                Path relative = root.relativize(p);
                if (!inHiddenDirectory(relative)) {
                    byRelative.put(relative.toString(), p);
                }
            });
            return List.copyOf(byRelative.values());
        } catch (IOException | UncheckedIOException e) {
            findings.add(HistoryFinding.error(Kind.UNREADABLE, display,
                    "cannot be listed (" + e.getMessage() + ")", "check the permissions of it and its subdirectories"));
            return List.of();
        }
    }

    /**
     * Whether the history's tool reads only the files of the folder it is given: golang-migrate, sqlx, goose and dbmate
     * list that folder's files and skip its subfolders, so a {@code seeds/} or {@code archive/} folder beside the
     * migrations is not theirs. Told by the folder's own files: migrations of those tools there, and nowhere a name
     * that only popx gives (a database or {@code .autocommit} in it, a fizz file), whose histories may span folders
     * (Keto merges networkx's). Flyway reads subfolders, diesel's migrations are subfolders.
     */
    private boolean readsOnlyItsOwnFolder(FileNames names, List<Path> files) {
        if (flyway || userPattern != null) {
            return false;
        }
        boolean topLevel = false;
        for (Path file : files) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            Naming naming = names.classify(file, relative, relative);
            if (naming instanceof FizzMigration || (naming instanceof Named n && (!n.file().dialect().isEmpty()
                    || (n.file().convention() == Convention.GOLANG_MIGRATE && !n.file().noTransaction().isEmpty())))) {
                return false; // popx
            }
            if (naming instanceof Ignored i && !i.dialect().isEmpty()) {
                return false; // another database's file: popx
            }
            // A name only dbmate runs counts when the file is dbmate's: a stray "001-notes.sql" beside diesel's
            // folders must not make the reader skip them.
            topLevel |= !relative.contains("/") && (naming instanceof DbmateOnly d && parts.hasDbmateSections(d.file())
                    || naming instanceof Named n && (n.file().convention() == Convention.GOLANG_MIGRATE
                            || n.file().convention() == Convention.DBMATE));
        }
        return topLevel;
    }

    /** A file in {@code .git} and the like is nobody's migration; a hidden file beside migrations is listed as ignored. */
    private static boolean inHiddenDirectory(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private Convention chooseConvention(List<NamedFile> named) {
        Map<Convention, List<NamedFile>> byConvention = new EnumMap<>(Convention.class);
        for (NamedFile file : named) {
            if (!flyway || file.convention() == Convention.FLYWAY) {
                byConvention.computeIfAbsent(file.convention(), c -> new ArrayList<>()).add(file);
            }
        }
        Optional<Convention> chosen = byConvention.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<Convention, List<NamedFile>> e) -> e.getValue().size())
                        .thenComparing(e -> -e.getKey().ordinal()))
                .map(Map.Entry::getKey);
        if (byConvention.size() > 1) {
            String mix = byConvention.entrySet().stream()
                    .map(e -> e.getValue().size() + " " + e.getKey().label() + " (e.g. " + e.getValue().get(0).display() + ")")
                    .collect(Collectors.joining(", "));
            findings.add(HistoryFinding.error(Kind.MIXED_CONVENTIONS, display, "mixes naming conventions: " + mix,
                    "keep one convention per directory; only the " + chosen.orElseThrow().label() + " files are used"));
        }
        return chosen.orElse(null);
    }

    private List<PlannedRevision> revisions(List<NamedFile> files) {
        Map<Version, List<NamedFile>> ups = new TreeMap<>();
        Map<Version, List<NamedFile>> downs = new TreeMap<>();
        TreeMap<Version, List<NamedFile>> baselines = new TreeMap<>();
        for (NamedFile file : files) {
            if (file.role() == Role.BASELINE) {
                baselines.computeIfAbsent(file.version(), v -> new ArrayList<>()).add(file);
                continue;
            }
            if (file.role() == Role.REPEATABLE) {
                if (!flyway) {
                    findings.add(HistoryFinding.error(Kind.UNSUPPORTED, file.display(),
                            "is a Flyway repeatable migration, which has no place in an ordered list of SQL pairs",
                            "verify the directory as a Flyway source (type flyway)"));
                }
                continue;
            }
            (file.isUp() ? ups : downs).computeIfAbsent(file.version(), v -> new ArrayList<>()).add(file);
        }
        downs.forEach((version, orphans) -> {
            if (!ups.containsKey(version)) {
                orphans.forEach(this::reportOrphan);
            }
        });
        List<PlannedRevision> planned = new ArrayList<>();
        if (!baselines.isEmpty()) {
            baseline(baselines, ups, downs).ifPresent(planned::add);
        }
        ups.forEach((version, candidates) -> {
            NamedFile up = firstOfDuplicates(PopxDialects.forPostgres(candidates));
            Optional<ScriptPartsReader.Parts> upParts = parts.upgrade(up);
            if (upParts.isEmpty()) {
                return;
            }
            List<NamedFile> downCandidates = PopxDialects.forPostgres(downs.getOrDefault(version, List.of()));
            Optional<ScriptPart> downPart = downCandidates.isEmpty() ? upParts.get().down()
                    : parts.downgrade(firstOfDuplicates(downCandidates));
            planned.add(plan(up, upParts.get().up(), downCandidates, downPart));
        });
        return planned;
    }

    /**
     * Flyway's baseline migrations: on a new database Flyway runs the latest one ({@code B<version>__<name>.sql}) in
     * place of every versioned migration up to its version, which it marks ignored, then the versions after it. So the
     * walk does too: the latest baseline is the first revision, one-way (nothing undoes it), and the versions up to it,
     * with their undo scripts, are taken out of {@code ups} and {@code downs} and listed in a note.
     */
    private Optional<PlannedRevision> baseline(TreeMap<Version, List<NamedFile>> baselines,
                                               Map<Version, List<NamedFile>> ups, Map<Version, List<NamedFile>> downs) {
        Version latest = baselines.lastKey();
        NamedFile chosen = firstOfDuplicates(baselines.get(latest));
        List<String> replaced = new ArrayList<>();
        for (Map<Version, List<NamedFile>> direction : List.of(ups, downs)) {
            direction.entrySet().removeIf(entry -> {
                if (entry.getKey().compareTo(latest) > 0) {
                    return false;
                }
                entry.getValue().forEach(file -> replaced.add(file.display()));
                return true;
            });
        }
        baselines.headMap(latest).values().forEach(older -> older.forEach(file -> replaced.add(file.display())));
        if (!replaced.isEmpty()) {
            findings.add(HistoryFinding.note(Kind.IGNORED_FILE, chosen.display(), "replaces on a new database, as"
                    + " Flyway runs it, the " + replaced.size() + " migration file(s) up to its version, which are not"
                    + " run: " + IgnoredFiles.some(replaced)));
        }
        return parts.upgrade(chosen).flatMap(ScriptPartsReader.Parts::up).map(up -> new PlannedRevision(
                Revision.oneWay(latest.dotted(), chosen.description(), List.of(chosen.display()), "a Flyway baseline"
                        + " migration builds a new database's schema at its version in one step, and nothing undoes it"),
                List.of(up), List.of(), latest.dotted(), ""));
    }

    private PlannedRevision plan(NamedFile up, Optional<ScriptPart> upPart, List<NamedFile> downFiles, Optional<ScriptPart> down) {
        String id = up.convention() == Convention.FLYWAY ? up.version().dotted() : up.version().raw();
        List<String> files = new ArrayList<>();
        files.add(up.display());
        downFiles.stream().limit(1).map(NamedFile::display).forEach(files::add);
        boolean emptyDowngrade = down.isEmpty() && downFiles.isEmpty() && up.convention() == Convention.GOLANG_MIGRATE
                && !up.isSqlxSimple();
        if (emptyDowngrade) {
            // golang-migrate reads a missing down file as an empty migration (its newMigration), and sqlx's revert
            // leaves a version without one alone: either way its downgrade changes nothing, which the round trip judges.
            findings.add(HistoryFinding.note(Kind.MISSING_DOWNGRADE, up.display(), "has no down file: its downgrade"
                    + " runs no SQL, as golang-migrate runs an empty migration in its place (and sqlx's revert leaves the"
                    + " version applied); if the upgrade changes the"
                    + " schema, add " + counterpartName(up)));
            down = Optional.of(ScriptPart.whole(counterpartName(up), ""));
        }
        Revision revision;
        if (emptyDowngrade) {
            revision = Revision.withEmptyDowngrade(id, up.description(), files, counterpartName(up));
        } else if (down.isPresent()) {
            revision = Revision.reversible(id, up.description(), files);
        } else {
            String reason = downFiles.isEmpty() ? missingDownReason(up) : downFiles.get(0).display() + " cannot be used";
            if (downFiles.isEmpty() && up.convention() == Convention.POPX && !downVersions.contains(up.version().raw())) {
                // popx's MigrationBox.check refuses the whole history then: no run gets past it.
                findings.add(HistoryFinding.error(Kind.MISSING_DOWNGRADE, up.display(), "has no down file, so popx"
                        + " refuses to run the history (\"migration " + up.version().raw() + " has no corresponding down"
                        + " migration\")", "add " + counterpartName(up) + " (an empty file if nothing is to be undone)"));
            } else if (downFiles.isEmpty() && up.role() != Role.UP_AND_DOWN && !up.isSqlxSimple()) {
                findings.add(HistoryFinding.warning(Kind.MISSING_DOWNGRADE, up.display(), "has no down file",
                        "add " + counterpartName(up) + ", or declare revision " + id + " irreversible"));
            }
            revision = Revision.irreversible(id, up.description(), files, reason);
        }
        // A sqlx simple migration is sqlx's alone: sqlx runs it in a transaction of its own whatever its statements
        // (golang-migrate's pairs, which sqlx's look like, let the statements decide).
        String inTransactionUnless = up.isSqlxSimple() ? SQLX_TRANSACTION : up.convention().transactionOptOut();
        return new PlannedRevision(revision, upPart.map(List::of).orElse(List.of()), down.map(List::of).orElse(List.of()),
                up.version().recorded(up.convention()), inTransactionUnless);
    }

    private NamedFile firstOfDuplicates(List<NamedFile> candidates) {
        NamedFile first = candidates.get(0);
        for (NamedFile duplicate : candidates.subList(1, candidates.size())) {
            findings.add(HistoryFinding.error(Kind.DUPLICATE_VERSION, duplicate.display(),
                    "has the same version (" + duplicate.version().raw() + ") as " + first.display(),
                    "give each migration its own version; only " + first.display() + " is used"));
        }
        return first;
    }

    private void reportOrphan(NamedFile down) {
        String upName = counterpartName(down);
        String message = down.convention() == Convention.FLYWAY
                ? "is a U script without its V script" : "is a down file without its up file";
        findings.add(HistoryFinding.error(Kind.DOWNGRADE_WITHOUT_UPGRADE, down.display(), message,
                "add " + upName + " or delete this file"));
    }

    /** {@code V<version>__<name>.sql with U<version>__<name>.sql}, under the history's names. */
    private String flywayExample() {
        if (flywayNames.isDefault()) {
            return Convention.FLYWAY.example();
        }
        return flywayNames.example() + " with " + flywayNames.name(FlywayNames.Kind.UNDO, "<version>", "<name>")
                + " (" + String.join(", ", flywayNames.describe()) + ")";
    }

    private String missingDownReason(NamedFile up) {
        if (up.role() == Role.UP_AND_DOWN) {
            return up.display() + " has no '-- migrate:down' section";
        }
        if (up.isSqlxSimple()) {
            return up.display() + " is a sqlx simple migration, which sqlx cannot revert: to verify a downgrade, make it"
                    + " a reversible pair " + up.display().replaceFirst("\\.sql$", ".up.sql") + " and .down.sql";
        }
        return "no down file: add " + counterpartName(up);
    }

    /** The name the other half of a pair would have: the down file of an up file, or the reverse. */
    private String counterpartName(NamedFile file) {
        boolean up = file.isUp();
        String shown = file.display();
        return switch (file.convention()) {
            case GOLANG_MIGRATE, POPX -> up ? shown.replaceFirst("\\.up\\.sql$", ".down.sql") : shown.replaceFirst("\\.down\\.sql$", ".up.sql");
            case DIESEL -> up ? shown.replaceFirst("up\\.sql$", "down.sql") : shown.replaceFirst("down\\.sql$", "up.sql");
            case FLYWAY -> sibling(shown, flywayNames.name(up ? FlywayNames.Kind.UNDO : FlywayNames.Kind.VERSIONED,
                    file.version().raw(), file.name()));
            default -> "a" + (up ? " down" : "n up") + " file for version " + file.version().raw();
        };
    }

    private static String sibling(String shown, String name) {
        int slash = Math.max(shown.lastIndexOf('/'), shown.lastIndexOf('\\'));
        return shown.substring(0, slash + 1) + name;
    }

    private String namingFix() {
        if (userPattern != null) {
            return "rename it to match the pattern, or change the pattern";
        }
        return "name it " + Convention.GOLANG_MIGRATE.example() + ", or " + Convention.FLYWAY.example()
                + ", or give a file pattern with groups version, name and direction";
    }

    private String show(String relative) {
        return joined(display, relative);
    }

    private static String joined(String display, String relative) {
        return display.endsWith("/") ? display + relative : display + "/" + relative;
    }
}
