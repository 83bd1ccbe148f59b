package io.github.migrationtest.verifier.source.alembic;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.Revision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The revisions of an Alembic history as the helper lists them from Alembic's own revision map, in
 * topological order (every revision after all of its down revisions), and what is wrong with them.
 *
 * @param revisions the revisions in the order they are applied
 * @param files each revision's file as the helper names it (absolute), by position
 * @param findings heads, missing and deliberately failing downgrades, downgrades that do nothing
 * @param versionTables the version table env.py configures offline ({@code schema.name} or {@code name}),
 *     then any other that env.py's text passes as {@code version_table=} (its online branch may differ)
 * @param versionTableGuessed whether env.py could not run offline, so that the first is Alembic's default, taken
 *     without env.py's word: the table it configures is then learnt from an online run (see AlembicSource)
 */
record AlembicHistory(List<Revision> revisions, List<String> files, List<HistoryFinding> findings,
                      List<String> versionTables, boolean versionTableGuessed) {

    static AlembicHistory read(JsonObject answer, AlembicProject project) {
        List<Revision> revisions = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<HistoryFinding> findings = new ArrayList<>();
        for (JsonElement element : answer.getAsJsonArray("revisions")) {
            JsonObject item = element.getAsJsonObject();
            String id = item.get("id").getAsString();
            String file = item.get("file").getAsString();
            String shown = project.display(file);
            String description = firstLine(item.get("doc").getAsString());
            JsonObject downgrade = item.getAsJsonObject("downgrade");
            String kind = downgrade.get("kind").getAsString();
            files.add(file);
            switch (kind) {
                case "missing" -> {
                    String reason = shown + " has no downgrade() function";
                    revisions.add(Revision.irreversible(id, description, List.of(shown), reason
                            + ": add one that undoes upgrade(), or declare the revision irreversible with a reason"));
                    findings.add(HistoryFinding.warning(Kind.MISSING_DOWNGRADE, shown, "has no downgrade() function",
                            "add a downgrade() that undoes upgrade()"));
                }
                case "raises" -> {
                    String where = shown + ":" + downgrade.get("line").getAsInt();
                    String message = downgrade.get("message").getAsString();
                    revisions.add(Revision.irreversible(id, description, List.of(shown),
                            "its downgrade() raises on purpose (" + where + ": " + message + ")"));
                    findings.add(HistoryFinding.warning(Kind.MISSING_DOWNGRADE, where,
                            "downgrade() only raises (" + message + "): the revision is irreversible",
                            "write a downgrade() that undoes upgrade(), if it can be undone"));
                }
                default -> {
                    revisions.add(Revision.reversible(id, description, List.of(shown)));
                    if (kind.equals("pass")) {
                        findings.add(HistoryFinding.note(Kind.NO_OP_STEP, shown + ":" + downgrade.get("line").getAsInt(),
                                "downgrade() does nothing (its body is only pass or a docstring); the round trip shows"
                                        + " whether upgrade() left anything to undo"));
                    }
                }
            }
        }
        List<String> heads = strings(answer, "heads");
        Map<String, List<String>> labels = new HashMap<>();
        for (JsonElement element : answer.getAsJsonArray("revisions")) {
            JsonObject item = element.getAsJsonObject();
            labels.put(item.get("id").getAsString(), strings(item, "branchLabels"));
        }
        if (heads.size() > 1 && labelledBranches(heads, labels)) {
            // Independent branches by design (Alembic's "multiple bases"), each named, run with `upgrade heads`.
            findings.add(HistoryFinding.note(Kind.MULTIPLE_HEADS, project.display(project.ini().toString()),
                    "the history has " + heads.size() + " heads, each on a branch of its own label ("
                            + heads.stream().map(head -> head + ": " + String.join(", ", labels.get(head)))
                                    .collect(Collectors.joining("; "))
                            + "): run as `alembic upgrade heads` runs it"));
        } else if (heads.size() > 1) {
            findings.add(HistoryFinding.error(Kind.MULTIPLE_HEADS, project.display(project.ini().toString()),
                    "the history has " + heads.size() + " heads (" + String.join(", ", heads)
                            + "): `alembic upgrade head` refuses to run it",
                    "merge them: alembic merge -m \"merge heads\" " + String.join(" ", heads)
                            + "; or, for branches kept apart on purpose (run with `alembic upgrade heads`), give"
                            + " each its own branch_labels"));
        }
        JsonObject table = answer.getAsJsonObject("versionTable");
        String versionTable = table.get("name").getAsString();
        boolean guessed = !text(table, "problem").isEmpty();
        if (guessed) {
            findings.add(HistoryFinding.note(Kind.UNSUPPORTED, project.display(project.ini().toString()),
                    "env.py could not be run offline to learn its version table (" + text(table, "problem")
                            + "); learnt from its online run on a scratch database before the first revision, else"
                            + " taken to be Alembic's default, alembic_version"));
        }
        if (table.has("schema") && !table.get("schema").isJsonNull()) {
            versionTable = table.get("schema").getAsString() + "." + versionTable;
        }
        List<String> versionTables = new ArrayList<>(List.of(versionTable));
        if (table.has("written")) {
            strings(table, "written").stream().filter(name -> !versionTables.contains(name)).forEach(versionTables::add);
        }
        return new AlembicHistory(revisions, files, findings, versionTables, guessed);
    }

    /**
     * Whether every head is on a branch with a label of its own (Alembic gives a revision the labels of the branch it is
     * on): heads kept apart on purpose, as Alembic's "working with multiple bases" describes, not forgotten merges.
     */
    private static boolean labelledBranches(List<String> heads, Map<String, List<String>> labels) {
        Set<List<String>> seen = new HashSet<>();
        return heads.stream().allMatch(head -> !labels.getOrDefault(head, List.of()).isEmpty()
                && seen.add(labels.get(head)));
    }

    /** A history that cannot be read at all: one error finding naming the file, line and fix. */
    static AlembicHistory unreadable(JsonObject failure, AlembicProject project) {
        String file = project.display(text(failure, "file"));
        int line = failure.has("line") ? failure.get("line").getAsInt() : 0;
        String where = file.isEmpty() ? project.display(project.ini().toString()) : line > 0 ? file + ":" + line : file;
        String fix = failure.has("lacking") && failure.get("lacking").isJsonObject()
                ? lowerFirst(AlembicSource.lackingFix(failure.getAsJsonObject("lacking"), where))
                : "fix the error; when a module is missing, run with the Python that has the project's packages"
                        + " (--python; this run's is " + text(failure, "python") + ", " + text(failure, "pythonVersion")
                        + ") or put them on PYTHONPATH";
        HistoryFinding finding = HistoryFinding.error(Kind.UNREADABLE, where,
                "Alembic cannot read the history: " + text(failure, "message"), fix);
        return new AlembicHistory(List.of(), List.of(), List.of(finding), List.of("alembic_version"), false);
    }

    static String text(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    static List<String> strings(JsonObject object, String key) {
        List<String> values = new ArrayList<>();
        object.getAsJsonArray(key).forEach(e -> values.add(e.getAsString()));
        return values;
    }

    private static String firstLine(String doc) {
        String stripped = doc.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }

    /** A fix as a history finding words it, in lower case after the location. */
    private static String lowerFirst(String fix) {
        return fix.isEmpty() ? fix : Character.toLowerCase(fix.charAt(0)) + fix.substring(1);
    }
}
