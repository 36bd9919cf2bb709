package dev.trustpack.argon2.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void leasesTakeAndGiveBackMemory() throws Exception {
        MemoryBudget budget = new MemoryBudget(100_000, Duration.ofMillis(50));
        try (MemoryBudget.Lease first = budget.acquire(60_000)) {
            assertThat(budget.inUseKiB()).isEqualTo(60_000);
            try (MemoryBudget.Lease second = budget.acquire(40_000)) {
                assertThat(budget.inUseKiB()).isEqualTo(100_000);
            }
        }
        assertThat(budget.inUseKiB()).isZero();
    }

    @Test
    void aFullBudgetMakesCallersWaitThenRefusesThem() throws Exception {
        MemoryBudget budget = new MemoryBudget(100_000, Duration.ofMillis(200));
        try (MemoryBudget.Lease held = budget.acquire(90_000)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> budget.acquire(20_000))
                    .isInstanceOf(MemoryBudget.BudgetExceededException.class)
                    .satisfies(e -> assertThat(((MemoryBudget.BudgetExceededException) e).timedOut()).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        }
        assertThat(budget.waiters()).isZero();
    }

    @Test
    void aWaiterProceedsAsSoonAsMemoryIsReturned() throws Exception {
        MemoryBudget budget = new MemoryBudget(100_000, Duration.ofSeconds(10));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            MemoryBudget.Lease held = budget.acquire(100_000);
            CountDownLatch waiting = new CountDownLatch(1);
            Future<Integer> waiter = executor.submit(() -> {
                waiting.countDown();
                try (MemoryBudget.Lease lease = budget.acquire(50_000)) {
                    return budget.inUseKiB();
                }
            });
            waiting.await();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (budget.waiters() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(budget.waiters()).isEqualTo(1);
            held.close();
            assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo(50_000);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aRequestLargerThanTheWholeBudgetIsRefusedAtOnce() {
        MemoryBudget budget = new MemoryBudget(100_000, Duration.ofSeconds(10));
        assertThatThrownBy(() -> budget.acquire(100_001))
                .isInstanceOf(MemoryBudget.BudgetExceededException.class)
                .satisfies(e -> assertThat(((MemoryBudget.BudgetExceededException) e).timedOut()).isFalse());
    }
}
