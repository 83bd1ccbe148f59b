package io.github.migrationtest.verifier.model;

import static io.github.migrationtest.verifier.model.HeadSchemas.USERS;
import static io.github.migrationtest.verifier.model.HeadSchemas.USERS_WITH_NICKNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.snapshot.SnapshotText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot file model reads a golden file, and in update mode writes it; no database needed. */
class SnapshotFileModelTest {

    @TempDir
    Path dir;

    private SnapshotFileModel model(Path file) {
        return new SnapshotFileModel(ModelFile.at(file.toString()), f -> "run with --update-snapshot");
    }

    @Test
    void should_read_the_snapshot_a_file_holds_whatever_its_line_ends() throws IOException {
        Path file = Files.writeString(dir.resolve("schema.snapshot"), SnapshotText.render(USERS).replace("\n", "\r\n"));

        assertThat(model(file).read()).isEqualTo(USERS);
        assertThat(model(file).description()).isEqualTo("snapshot file " + file);
    }

    @Test
    void should_read_the_snapshot_a_file_holds_after_a_byte_order_mark() throws IOException {
        Path file = Files.writeString(dir.resolve("schema.snapshot"), "\uFEFF" + SnapshotText.render(USERS));

        assertThat(model(file).read()).isEqualTo(USERS);
    }

    @Test
    void should_fail_when_the_file_is_missing_naming_it_and_how_to_create_it() {
        Path file = dir.resolve("schema.snapshot");

        assertThatThrownBy(() -> model(file).read()).isInstanceOfSatisfying(ModelFileException.class, e -> {
            assertThat(e.failure().location()).isEqualTo(file.toString());
            assertThat(e.failure().message()).isEqualTo("does not exist");
            assertThat(e.fix()).isEqualTo("Create it with the head schema: run with --update-snapshot");
        }).hasMessage(file + ": does not exist. Fix: Create it with the head schema: run with --update-snapshot");
    }

    @Test
    void should_fail_when_the_file_is_not_utf_8_saying_so_and_how_to_write_it_anew() throws IOException {
        Path file = Files.write(dir.resolve("schema.snapshot"), new byte[] {'#', ' ', (byte) 0xC3, '(', '\n'});

        assertThatThrownBy(() -> model(file).read()).isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": cannot be read: it is not UTF-8 text. Fix: Make it a readable snapshot file,"
                        + " or write it anew: run with --update-snapshot");
    }

    @Test
    void should_fail_when_the_file_is_not_a_snapshot_naming_the_line() throws IOException {
        Path file = Files.writeString(dir.resolve("schema.snapshot"),
                "# migrationtest schema snapshot 1\n\n<<<<<<< HEAD\ntable public.users\n");

        assertThatThrownBy(() -> model(file).read()).isInstanceOfSatisfying(ModelFileException.class, e -> {
            assertThat(e.failure().location()).isEqualTo(file + ":3");
            assertThat(e.failure().message()).isEqualTo("not a snapshot: unknown object kind in: <<<<<<< HEAD");
            assertThat(e.fix()).isEqualTo("Correct line 3 (a merge conflict?), or write the file anew from the head"
                    + " schema: run with --update-snapshot");
        });
    }

    @Test
    void should_create_a_missing_file_and_its_folders_in_update_mode_and_say_so() {
        Path file = dir.resolve("src/test/resources/schema.snapshot");

        Optional<String> done = model(file).update(USERS);

        assertThat(done).contains("created " + file + " with the head schema (2 objects)");
        assertThat(model(file).read()).isEqualTo(USERS);
    }

    @Test
    void should_leave_a_file_that_holds_the_head_schema_untouched_comments_and_all() throws IOException {
        Path file = Files.writeString(dir.resolve("schema.snapshot"), "# reviewed by the DBA\n" + SnapshotText.render(USERS));
        FileTime before = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, before);

        assertThat(model(file).update(USERS)).isEmpty();
        assertThat(Files.readString(file)).startsWith("# reviewed by the DBA\n");
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(before);
    }

    @Test
    void should_rewrite_a_differing_file_in_update_mode_counting_the_objects_changed() throws IOException {
        Path file = Files.writeString(dir.resolve("schema.snapshot"), SnapshotText.render(USERS));

        assertThat(model(file).update(USERS_WITH_NICKNAME)).contains("updated " + file + ": 1 object changed");
        assertThat(Files.readString(file)).isEqualTo(SnapshotText.render(USERS_WITH_NICKNAME));
    }

    @Test
    void should_rewrite_a_file_that_is_not_a_snapshot_in_update_mode() throws IOException {
        Path file = Files.writeString(dir.resolve("schema.snapshot"), "<<<<<<< HEAD\n");

        assertThat(model(file).update(USERS)).hasValueSatisfying(done -> assertThat(done)
                .startsWith("rewrote " + file + " with the head schema; it could not be read (" + file + ":1: "));
        assertThat(model(file).read()).isEqualTo(USERS);
    }

    @Test
    void should_write_a_class_path_resource_to_its_source_and_say_so() throws IOException {
        Path copy = Files.writeString(Files.createDirectories(dir.resolve("target/test-classes")).resolve("schema.snapshot"),
                SnapshotText.render(USERS));
        Path source = dir.resolve("src/test/resources/schema.snapshot");
        SnapshotFileModel model = new SnapshotFileModel(new ModelFile("classpath:schema.snapshot", copy, source),
                f -> "run the tests with -Dmigrationtest.snapshot.update=true");

        assertThat(model.update(USERS_WITH_NICKNAME)).contains("created " + source
                + " (the source of classpath:schema.snapshot) with the head schema (3 objects)");
        assertThat(Files.readString(copy)).isEqualTo(SnapshotText.render(USERS));
        assertThat(Files.readString(source)).isEqualTo(SnapshotText.render(USERS_WITH_NICKNAME));
    }
}
