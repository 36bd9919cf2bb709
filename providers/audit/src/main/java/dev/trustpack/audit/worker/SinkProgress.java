package dev.trustpack.audit.worker;

import java.util.List;

import dev.trustpack.audit.outbox.SinkStateEntity;
import dev.trustpack.audit.outbox.SinkStateStore;
import dev.trustpack.audit.sink.SinkSettings;

/**
 * How a sink's progress row moves with each delivery attempt and admin action. Pure functions of the row, so unit
 * tests cover every transition.
 *
 * <p>Two lanes: the main lane delivers every new record after {@code cursorSeq}; the replay lane, while a replay is
 * pending, re-delivers {@code (replayCursor, replayTo]} and takes precedence. In each lane the batch being attempted
 * is pinned (its last sequence number is stored), so retries send the same records under the same batch id, in order.
 *
 * <p>A batch the destination refuses ({@code dead-letter-after} times) is split in halves until the refused record is
 * alone; that record becomes a dead letter and delivery moves on. {@code isolateTo} remembers the end of the refused
 * range: until the cursor passes it, one more refusal splits again at once.
 */
final class SinkProgress {

    enum Lane { MAIN, REPLAY }

    /** Where a lane stands: records after {@code after}, through {@code pinnedThrough} if a batch is pinned. */
    record Window(Lane lane, long after, Long pinnedThrough) {
    }

    enum Rejection { RETRY, SPLIT, DEAD_LETTER }

    private static final int MAX_TEXT = 255;

    private SinkProgress() {
    }

    static Window window(SinkStateEntity state) {
        if (state.getReplayTo() != null) {
            return new Window(Lane.REPLAY, state.getReplayCursor(), state.getReplayPendingTo());
        }
        return new Window(Lane.MAIN, state.getCursorSeq(), state.getPendingTo());
    }

    /** The upper bound of the next batch: the pinned batch, else the end of a replay, else the sealed head. */
    static long through(SinkStateEntity state, Window window, long sealedHead) {
        if (window.pinnedThrough() != null) {
            return window.pinnedThrough();
        }
        return window.lane() == Lane.REPLAY ? state.getReplayTo() : sealedHead;
    }

    static boolean isCurrent(SinkStateEntity state, Window window) {
        return window.equals(window(state));
    }

    static boolean claimable(SinkStateEntity state, String node, long now) {
        return state.getClaimOwner() == null || state.getClaimOwner().equals(node) || state.getClaimUntil() < now;
    }

    static void claim(SinkStateEntity state, String node, long now, long leaseMillis) {
        state.setClaimOwner(node);
        state.setClaimUntil(now + leaseMillis);
    }

    /**
     * The claim covers one batch in flight. Released once its outcome is recorded, so a node that restarts (with a new
     * name) or any other node takes over at once; only a node that dies mid-send holds the sink until its lease ends.
     */
    static void release(SinkStateEntity state, String node) {
        if (node.equals(state.getClaimOwner())) {
            state.setClaimOwner(null);
            state.setClaimUntil(0);
        }
    }

    static Window pin(SinkStateEntity state, Window window, long through) {
        if (window.lane() == Lane.MAIN) {
            state.setPendingTo(through);
        } else {
            state.setReplayPendingTo(through);
        }
        return new Window(window.lane(), window.after(), through);
    }

    /** Stable for every attempt of the same batch; a replay's batches differ from the originals and other replays. */
    static String batchId(SinkStateEntity state, Window window, long firstSeq, long lastSeq) {
        String lane = window.lane() == Lane.REPLAY ? "_r" + state.getReplayRequestedAt() : "";
        return "tp_" + state.getSinkId() + lane + "_" + firstSeq + "_" + lastSeq;
    }

    static void delivered(SinkStateEntity state, Window window, long through, int records, long now,
                          SinkSettings settings) {
        advance(state, window, through, now, settings);
        state.setDelivered(state.getDelivered() + records);
        state.setLastSuccessAt(now);
        state.setFailures(0);
        state.setLastError(null);
    }

    /** Nothing in the window for this sink (e.g. only other tenants' records): move past it without sending. */
    static void skipped(SinkStateEntity state, Window window, long through, long now, SinkSettings settings) {
        advance(state, window, through, now, settings);
    }

    /** A failure worth retrying. Returns true when it pauses the sink. */
    static boolean failed(SinkStateEntity state, String detail, SinkSettings settings, long now, double jitter) {
        state.setFailures(state.getFailures() + 1);
        state.setLastError(bounded(detail));
        state.setNextAttemptAt(now + backoffMillis(settings, state.getFailures(), jitter));
        if (state.getFailures() >= settings.pauseAfterFailures()) {
            pause(state, "paused after " + state.getFailures() + " consecutive failed attempts; last: " + detail);
            return true;
        }
        return false;
    }

    /** The destination refused the batch's content; {@code batchSeqs} are the batch's sequence numbers in order. */
    static Rejection rejected(SinkStateEntity state, Window window, List<Long> batchSeqs, String detail,
                              SinkSettings settings, long now, double jitter) {
        state.setFailures(state.getFailures() + 1);
        state.setLastError(bounded("refused: " + detail));
        state.setBatchRejections(state.getBatchRejections() + 1);
        if (state.getBatchRejections() < settings.deadLetterAfter()) {
            state.setNextAttemptAt(now + backoffMillis(settings, state.getBatchRejections(), jitter));
            return Rejection.RETRY;
        }
        state.setNextAttemptAt(now);
        if (batchSeqs.size() > 1) {
            long end = batchSeqs.get(batchSeqs.size() - 1);
            state.setIsolateTo(state.getIsolateTo() == null ? end : Math.max(state.getIsolateTo(), end));
            pin(state, window, batchSeqs.get((batchSeqs.size() + 1) / 2 - 1));
            state.setBatchRejections(settings.deadLetterAfter() - 1);
            return Rejection.SPLIT;
        }
        return Rejection.DEAD_LETTER;
    }

    /** The lone refused record was set aside as a dead letter; delivery moves past it. */
    static void deadLettered(SinkStateEntity state, Window window, long seq, long now, SinkSettings settings) {
        advance(state, window, seq, now, settings);
        state.setDeadLettered(state.getDeadLettered() + 1);
        state.setFailures(0);
    }

    static void pause(SinkStateEntity state, String reason) {
        state.setStatus(SinkStateStore.PAUSED);
        state.setPausedReason(bounded(reason));
    }

    static void resume(SinkStateEntity state, long now) {
        state.setStatus(SinkStateStore.ACTIVE);
        state.setPausedReason(null);
        state.setFailures(0);
        state.setNextAttemptAt(now);
    }

    /** Starts re-delivering {@code (afterSeq, throughSeq]}; the main lane waits until the replay is done. */
    static void startReplay(SinkStateEntity state, long afterSeq, long throughSeq, long now) {
        state.setReplayCursor(afterSeq);
        state.setReplayTo(throughSeq);
        state.setReplayPendingTo(null);
        state.setReplayRequestedAt(now);
        state.setIsolateTo(null);
        state.setBatchRejections(0);
        state.setNextAttemptAt(now);
    }

    static void endReplay(SinkStateEntity state) {
        state.setReplayCursor(null);
        state.setReplayTo(null);
        state.setReplayPendingTo(null);
        state.setReplayRequestedAt(null);
        state.setIsolateTo(null);
        state.setBatchRejections(0);
    }

    /** Exponential backoff with "equal jitter": half the delay is fixed, half random ({@code jitter} in [0, 1)). */
    static long backoffMillis(SinkSettings settings, int attempt, double jitter) {
        double exponential = settings.retryInitial().toMillis() * Math.pow(2, Math.min(attempt - 1, 40));
        long capped = (long) Math.min(exponential, settings.retryMax().toMillis());
        return capped / 2 + (long) (capped / 2.0 * jitter);
    }

    private static void advance(SinkStateEntity state, Window window, long through, long now, SinkSettings settings) {
        if (window.lane() == Lane.MAIN) {
            state.setCursorSeq(through);
            state.setPendingTo(null);
        } else {
            state.setReplayCursor(through);
            state.setReplayPendingTo(null);
        }
        if (state.getIsolateTo() != null && through < state.getIsolateTo()) {
            state.setBatchRejections(settings.deadLetterAfter() - 1);
        } else {
            state.setIsolateTo(null);
            state.setBatchRejections(0);
        }
        if (window.lane() == Lane.REPLAY && through >= state.getReplayTo()) {
            endReplay(state);
        }
        state.setNextAttemptAt(now);
    }

    private static String bounded(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
