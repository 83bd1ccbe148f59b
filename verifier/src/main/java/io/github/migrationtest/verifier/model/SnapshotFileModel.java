package io.github.migrationtest.verifier.model;

import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.diff.Difference;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotFormatException;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code snapshot:<file>}: a committed snapshot in the text form {@code migrationtest snapshot}
 * writes, a golden file that shows a schema change as a readable diff in review. In update mode
 * the head schema is written to it instead of compared, as Jest's {@code -u} does.
 */
public final class SnapshotFileModel implements SchemaModel {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFileModel.class);

    private final ModelFile file;
    private final Function<ModelFile, String> howToUpdate;

    /** @param howToUpdate how the user writes the head schema to the file, for the fix of a missing or broken file */
    public SnapshotFileModel(ModelFile file, Function<ModelFile, String> howToUpdate) {
        this.file = file;
        this.howToUpdate = howToUpdate;
    }

    public ModelFile file() {
        return file;
    }

    @Override
    public String description() {
        return "snapshot file " + file.name();
    }

    /** Reads the file; needs no database. */
    @Override
    public SchemaSnapshot snapshot(PostgresServer server, SnapshotOptions options) {
        return read();
    }

    /**
     * The snapshot the file holds.
     *
     * @throws ModelFileException when it is missing, unreadable or not a snapshot, naming the line and the fix
     */
    public SchemaSnapshot read() {
        return read(file.path(), file.name());
    }

    /** How the user writes the head schema to this file, in words for a {@code Fix:} line. */
    public String howToUpdate() {
        return howToUpdate.apply(file);
    }

    /**
     * Update mode: writes {@code head} to the file when the file holds anything else (creating it and
     * its folders when missing, rewriting it when it cannot be read) and says what it did; leaves the
     * file untouched, comments and all, when it already holds {@code head}.
     *
     * @return what was done, e.g. {@code updated schema.snapshot: 2 objects changed}; empty when nothing was
     * @throws ModelFileException when the file cannot be written
     */
    public Optional<String> update(SchemaSnapshot head) {
        Path target = file.writeTo();
        String where = file.writesElsewhere() ? target + " (the source of " + file.name() + ")" : file.name();
        String done;
        if (!Files.exists(target)) {
            done = "created " + where + " with the head schema (" + objects(head.objects().size()) + ")";
        } else {
            try {
                SchemaSnapshot stored = read(target, where);
                if (stored.equals(head)) {
                    return Optional.empty();
                }
                int changed = changedObjects(stored, head);
                done = changed == 0 ? "rewrote " + where + " in canonical form"
                        : "updated " + where + ": " + objects(changed) + " changed";
            } catch (ModelFileException unreadable) {
                done = "rewrote " + where + " with the head schema; it could not be read (" + unreadable.failure() + ")";
            }
        }
        write(target, where, SnapshotText.render(head));
        LOG.info("Snapshot update mode: {}", done);
        return Optional.of(done);
    }

    private SchemaSnapshot read(Path path, String name) {
        // Git on Windows may check the file out with CRLF line ends; the format is LF.
        String text = ModelFiles.read(name, path, "Create it with the head schema: " + howToUpdate(),
                "Make it a readable snapshot file, or write it anew: " + howToUpdate()).replace("\r\n", "\n");
        try {
            return SnapshotText.parse(text);
        } catch (SnapshotFormatException e) {
            String correct = e.line() > 0 ? "Correct line " + e.line() : "Correct it";
            throw ModelFileException.at(name, e.line(), "not a snapshot: " + e.problem(),
                    correct + " (a merge conflict?), or write the file anew from the head schema: " + howToUpdate(), e);
        }
    }

    /** How many objects differ, counting a table once however many of its properties changed. */
    private static int changedObjects(SchemaSnapshot stored, SchemaSnapshot head) {
        DiffOptions everything = DiffOptions.defaults().withStrictColumnOrder();
        return (int) SchemaDiff.compare(stored, head, everything).differences().stream()
                .map(Difference::path).distinct().count();
    }

    private static String objects(int count) {
        return count + (count == 1 ? " object" : " objects");
    }

    /** Through a file beside it, so that an interrupted run never leaves half a golden file. */
    private static void write(Path target, String where, String text) {
        try {
            Path folder = target.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, target.getFileName().toString(), ".partial");
            try {
                Files.writeString(partial, text, StandardCharsets.UTF_8);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw ModelFileException.at(where, 0, "cannot be written: " + ModelFiles.reason(e),
                    "Make the file and its folder writable, or leave update mode off", e);
        }
    }
}
