package io.github.migrationtest.bench;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/**
 * Two builds' incremental snapshot reads, side by side in one process: the way to price a change to a read, which moves
 * it by tenths of a millisecond. Whole verifications swing 10-20% between runs on a shared machine, more than most such
 * changes; here each jar (in a class loader of its own, with its own driver) reads its own clone of the same schema
 * (SnapshotBenchmark's 100 tables, views, functions and triggers), and the two alternate, each read after a comment on
 * one table, as a walk's reads follow a statement. Quoted: each side's median and mean, and the median of the paired
 * differences with its quartiles (the mean shows what the median hides: a read that plans its queries again).
 * Run: {@code mvn -q -Pbench -pl bench -am verify -DskipTests -Dbench=ReadPairBenchmark -Dpair.a=<jar>
 * -Dpair.b=<jar> [-Dpair.reads=3000]}, the jars being {@code verifier/target/migrationtest.jar} of two builds.
 */
public final class ReadPairBenchmark {

    private ReadPairBenchmark() {
    }

    /** One build's reader on its own database, its classes loaded from the build's jar. */
    private record Side(URLClassLoader loader, Object reader, Method read, Connection connection) implements AutoCloseable {

        static Side open(Path jar, DisposableDatabase database) throws Exception {
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Driver driver = (Driver) loader.loadClass("org.postgresql.Driver").getDeclaredConstructor().newInstance();
            Properties login = new Properties();
            login.setProperty("user", database.user());
            login.setProperty("password", database.password());
            Connection connection = driver.connect(database.jdbcUrl(), login);
            Class<?> readerClass = loader.loadClass("io.github.migrationtest.verifier.snapshot.IncrementalReader");
            Class<?> optionsClass = loader.loadClass("io.github.migrationtest.verifier.snapshot.SnapshotOptions");
            Object options = optionsClass.getMethod("defaults").invoke(null);
            Object reader = readerClass.getMethod("start", Connection.class, optionsClass).invoke(null, connection, options);
            Method read = readerClass.getMethod("read", Connection.class);
            read.invoke(reader, connection); // the first read is whole
            return new Side(loader, reader, read, connection);
        }

        /** A comment changed on one table, then the read that follows it; the read's nanoseconds. */
        long readAfterAChange(int i) throws Exception {
            try (Statement statement = connection.createStatement()) {
                statement.execute("COMMENT ON TABLE t50 IS 'probe " + (i % 2) + "'");
            }
            long started = System.nanoTime();
            read.invoke(reader, connection);
            return System.nanoTime() - started;
        }

        @Override
        public void close() throws Exception {
            try (loader) {
                connection.close();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path a = jar("pair.a");
        Path b = jar("pair.b");
        int reads = Integer.getInteger("pair.reads", 3000);
        PostgresServer server = PostgresServer.shared();
        try (DisposableDatabase schema = server.createDatabase()) {
            SnapshotBenchmark.createSchema(schema, 100);
            try (DisposableDatabase forA = server.createDatabaseFrom(schema);
                 DisposableDatabase forB = server.createDatabaseFrom(schema);
                 Side sideA = Side.open(a, forA);
                 Side sideB = Side.open(b, forB)) {
                long[] timesA = new long[reads];
                long[] timesB = new long[reads];
                for (int i = 0; i < reads; i++) {
                    boolean aFirst = i % 2 == 0; // neither side always reads right after the other
                    if (aFirst) {
                        timesA[i] = sideA.readAfterAChange(i);
                    }
                    timesB[i] = sideB.readAfterAChange(i);
                    if (!aFirst) {
                        timesA[i] = sideA.readAfterAChange(i);
                    }
                }
                report(a, b, Arrays.copyOfRange(timesA, reads / 5, reads), Arrays.copyOfRange(timesB, reads / 5, reads));
            }
        }
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalArgumentException("-D" + property + " must name a build's jar (verifier/target/migrationtest.jar),"
                    + " not " + value);
        }
        return Path.of(value);
    }

    /** The first fifth of the reads warm both sides up and is left out. */
    private static void report(Path a, Path b, long[] timesA, long[] timesB) {
        double[] differences = new double[timesA.length];
        for (int i = 0; i < timesA.length; i++) {
            differences[i] = (timesA[i] - timesB[i]) / 1e6;
        }
        Arrays.sort(differences);
        System.out.printf("%nPartial reads after a comment, %d pairs (embedded Postgres)%n", timesA.length);
        System.out.printf("  A %s: median %.3f ms, mean %.3f ms%n", a, median(timesA), mean(timesA));
        System.out.printf("  B %s: median %.3f ms, mean %.3f ms%n", b, median(timesB), mean(timesB));
        System.out.printf("  A - B, paired: median %+.3f ms (quartiles %+.3f, %+.3f)%n", differences[differences.length / 2],
                differences[differences.length / 4], differences[3 * differences.length / 4]);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }
}
