package dev.trustpack.audit.sink;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a delivery attempt that overruns its time limit: socket writes and slowly dripping HTTP responses have no
 * overall timeout of their own. A bounded attempt is what lets the worker's claim on a sink be short (see
 * {@link AuditSink#attemptLimit()}).
 */
final class AttemptDeadline implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "trustpack-audit-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledFuture<?> future;

    private AttemptDeadline(ScheduledFuture<?> future) {
        this.future = future;
    }

    /** Runs {@code abort} (closing the socket, aborting the request) once {@code limit} has passed. */
    static AttemptDeadline start(Duration limit, Runnable abort) {
        return new AttemptDeadline(TIMER.schedule(abort, limit.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Whether the attempt was ended by the deadline. */
    boolean passed() {
        return future.isDone() && !future.isCancelled();
    }

    @Override
    public void close() {
        future.cancel(false);
    }
}
