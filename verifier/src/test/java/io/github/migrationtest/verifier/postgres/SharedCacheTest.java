package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
