package dev.trustpack.argon2.hash;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server-wide budget for the memory concurrent Argon2 computations may use (KiB). A computation takes its
 * memory cost from the budget before it starts and returns it when done; when the budget is spent, callers wait in
 * arrival order for a bounded time and are then refused. So a burst of logins queues instead of exhausting memory.
 */
public final class MemoryBudget {

    private final int budgetKiB;
    private final long maxWaitNanos;
    private final Semaphore available;
    private final AtomicInteger waiting = new AtomicInteger();

    MemoryBudget(int budgetKiB, Duration maxWait) {
        this.budgetKiB = budgetKiB;
        this.maxWaitNanos = maxWait.toNanos();
        this.available = new Semaphore(budgetKiB, true);
    }

    /** A held share of the budget; close it to give it back. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    Lease acquire(int memoryKiB) throws BudgetExceededException {
        if (memoryKiB > budgetKiB) {
            throw new BudgetExceededException("needs " + memoryKiB + " KiB, more than the whole budget of "
                    + budgetKiB + " KiB", false);
        }
        waiting.incrementAndGet();
        try {
            if (!available.tryAcquire(memoryKiB, maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw new BudgetExceededException("no room in the " + budgetKiB + " KiB budget within "
                        + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BudgetExceededException("interrupted while waiting for the budget", true);
        } finally {
            waiting.decrementAndGet();
        }
        return () -> available.release(memoryKiB);
    }

    int waiters() {
        return waiting.get();
    }

    int inUseKiB() {
        return budgetKiB - available.availablePermits();
    }

    int budgetKiB() {
        return budgetKiB;
    }

    /** The budget could not be had. {@code timedOut}: it was full for the whole wait; else it can never fit. */
    public static final class BudgetExceededException extends Exception {

        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        BudgetExceededException(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }

        public boolean timedOut() {
            return timedOut;
        }
    }
}
