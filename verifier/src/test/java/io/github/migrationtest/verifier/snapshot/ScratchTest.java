package io.github.migrationtest.verifier.snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class ScratchTest {
    @Test
    void scratch() throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty("scratch.url", "jdbc:postgresql://localhost:55439/f1?user=postgres"))) {
            SchemaSnapshot s = SnapshotReader.read(c, SnapshotOptions.defaults());
            String text = SnapshotText.render(s);
            Files.writeString(Path.of("/tmp/snaphelper-out.txt"), text);
            assertThat(SnapshotText.parse(text)).isEqualTo(s);
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) SnapshotReader.read(c, SnapshotOptions.defaults());
            System.err.println("avg ms " + (System.nanoTime() - t0) / 20 / 1e6);
            ReadScope scope = new ReadScope(c, SnapshotOptions.defaults(), List.of(2200L, 17245L, 17244L));
            for (CatalogReader r : List.of(new DatabaseWideReader(), new TableReader(),
            new ColumnReader(), new ConstraintReader(), new IndexReader(), new TriggerReader(),
            new SequenceReader(), new ViewReader(), new RoutineReader(), new TypeReader())) {
                for (int i = 0; i < 5; i++) r.read(scope, new ArrayList<>());
                long t1 = System.nanoTime();
                for (int i = 0; i < 20; i++) r.read(scope, new ArrayList<>());
                System.err.println(r.getClass().getSimpleName() + " " + (System.nanoTime() - t1) / 20 / 1e6);
            }
        }
    }
}
