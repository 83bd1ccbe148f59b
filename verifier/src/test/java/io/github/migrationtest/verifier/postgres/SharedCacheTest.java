package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedCacheTest {

    @TempDir
    Path cache;

    @Test
    void threads_of_one_jvm_that_ask_at_once_wait_for_one_build() throws Exception {
        Path target = cache.resolve("entry");
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch bothAsked = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    bothAsked.countDown();
                    bothAsked.await();
                    return SharedCache.ensure(target, entry -> Files.isRegularFile(entry.resolve("done")), scratch -> {
                        builds.incrementAndGet();
                        LockSupport.parkNanos(300_000_000); // long enough for the other thread to reach the lock
                        Files.writeString(scratch.resolve("done"), "yes");
                        return scratch;
                    });
                }));
            }
            for (Future<Path> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(target);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(builds).hasValue(1);
        assertThat(target.resolve("done")).hasContent("yes");
        try (var left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("entry", ".lock");
        }
    }

    @Test
    void an_entry_no_run_used_for_the_limit_is_pruned_and_a_recent_one_kept() throws Exception {
        Path old = built("postgres-14.22.0");
        Path recent = built("postgres-17.7.0");
        age(old, Duration.ofDays(15));
        age(recent, Duration.ofDays(13));

        List<Path> deleted = SharedCache.prune(cache, Duration.ofDays(14), entry -> false);

        assertThat(deleted).containsExactly(old);
        try (var left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("postgres-17.7.0", ".lock");
        }
    }

    @Test
    void using_an_entry_stamps_it_so_it_is_not_pruned() throws Exception {
        Path entry = built("postgres-16.16.0");
        age(entry, Duration.ofDays(30));

        built("postgres-16.16.0"); // a run uses it: ready, not rebuilt

        assertThat(SharedCache.prune(cache, Duration.ofDays(14), e -> false)).isEmpty();
        assertThat(entry.resolve("done")).exists();
    }

    @Test
    void an_old_entry_a_live_process_runs_from_is_kept_until_that_process_ends() throws Exception {
        Path entry = built("postgres-15.20.0");
        Path sleep = Files.createDirectories(entry.resolve("bin")).resolve("sleep");
        Files.copy(Path.of("/bin/sleep"), sleep);
        age(entry, Duration.ofDays(30));
        Process server = new ProcessBuilder(sleep.toString(), "60").start();
        try {
            assertThat(SharedCache.prune(cache, Duration.ofDays(14), WorkFolders::runsProcess)).isEmpty();
        } finally {
            server.destroyForcibly().waitFor();
        }
        assertThat(SharedCache.prune(cache, Duration.ofDays(14), WorkFolders::runsProcess)).containsExactly(entry);
    }

    @Test
    void scratch_folders_a_killed_build_left_are_pruned_however_recent() throws Exception {
        // A build holds the cache's lock, and so does a prune: a scratch folder a prune sees is abandoned.
        Path scratch = Files.createDirectories(cache.resolve("building-123"));
        Files.writeString(scratch.resolve("half-unpacked"), "x");

        assertThat(SharedCache.prune(cache, Duration.ofDays(14), e -> false)).containsExactly(scratch);
        assertThat(scratch).doesNotExist();
    }

    private Path built(String name) throws Exception {
        return SharedCache.ensure(cache.resolve(name), entry -> Files.isRegularFile(entry.resolve("done")), scratch -> {
            Files.writeString(scratch.resolve("done"), "yes");
            return scratch;
        });
    }

    private static void age(Path entry, Duration age) throws Exception {
        Files.setLastModifiedTime(entry, FileTime.from(Instant.now().minus(age)));
    }
}
