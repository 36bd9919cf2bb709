package dev.trustpack.audit.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import dev.trustpack.audit.outbox.SinkStateEntity;
import dev.trustpack.audit.outbox.SinkStateStore;
import dev.trustpack.audit.sink.SinkSettings;
import org.junit.jupiter.api.Test;

class SinkProgressTest {

    private static final SinkSettings SETTINGS = SinkSettings.read(Map.of("retry-initial-ms", "1000",
            "retry-max-ms", "60000", "pause-after-failures", "3", "dead-letter-after", "2"));

    private static SinkStateEntity fresh() {
        SinkStateEntity state = new SinkStateEntity();
        state.setSinkId("sink-1");
        state.setRealmId("realm-1");
        state.setStatus(SinkStateStore.ACTIVE);
        state.setCursorSeq(10);
        return state;
    }

    @Test
    void aBatchIsPinnedUntilDeliveredSoRetriesSendTheSameRecordsUnderTheSameId() {
        SinkStateEntity state = fresh();
        SinkProgress.Window window = SinkProgress.pin(state, SinkProgress.window(state), 15);
        String firstId = SinkProgress.batchId(state, window, 11, 15);

        SinkProgress.failed(state, "HTTP 500", SETTINGS, 1_000, 0.5);

        SinkProgress.Window retry = SinkProgress.window(state);
        assertThat(retry).isEqualTo(window);
        assertThat(SinkProgress.through(state, retry, 99)).isEqualTo(15);
        assertThat(SinkProgress.batchId(state, retry, 11, 15)).isEqualTo(firstId);

        SinkProgress.delivered(state, retry, 15, 5, 2_000, SETTINGS);

        assertThat(state.getCursorSeq()).isEqualTo(15);
        assertThat(state.getPendingTo()).isNull();
        assertThat(state.getFailures()).isZero();
        assertThat(state.getDelivered()).isEqualTo(5);
        assertThat(SinkProgress.through(state, SinkProgress.window(state), 99)).isEqualTo(99);
    }

    @Test
    void failuresBackOffExponentiallyWithJitterAndPauseAtTheLimit() {
        SinkStateEntity state = fresh();

        assertThat(SinkProgress.failed(state, "timed out", SETTINGS, 0, 0.0)).isFalse();
        assertThat(state.getNextAttemptAt()).isEqualTo(500);
        assertThat(SinkProgress.failed(state, "timed out", SETTINGS, 0, 0.999)).isFalse();
        assertThat(state.getNextAttemptAt()).isBetween(1_990L, 2_000L);
        assertThat(SinkProgress.failed(state, "HTTP 503", SETTINGS, 0, 0.0)).isTrue();

        assertThat(state.getStatus()).isEqualTo(SinkStateStore.PAUSED);
        assertThat(state.getPausedReason()).contains("3 consecutive failed attempts").contains("HTTP 503");

        SinkProgress.resume(state, 5_000);
        assertThat(state.getStatus()).isEqualTo(SinkStateStore.ACTIVE);
        assertThat(state.getFailures()).isZero();
        assertThat(state.getNextAttemptAt()).isEqualTo(5_000);
    }

    @Test
    void backoffIsCappedAtTheMaximum() {
        assertThat(SinkProgress.backoffMillis(SETTINGS, 50, 0.999)).isLessThanOrEqualTo(60_000);
        assertThat(SinkProgress.backoffMillis(SETTINGS, 50, 0.0)).isEqualTo(30_000);
    }

    @Test
    void aRefusedBatchIsHalvedUntilTheRefusedRecordIsAloneThenDeadLettered() {
        SinkStateEntity state = fresh();
        List<Long> batch = LongStream.rangeClosed(11, 14).boxed().toList();
        SinkProgress.Window window = SinkProgress.pin(state, SinkProgress.window(state), 14);

        assertThat(SinkProgress.rejected(state, window, batch, "HTTP 400", SETTINGS, 0, 0)).isEqualTo(SinkProgress.Rejection.RETRY);
        assertThat(SinkProgress.rejected(state, window, batch, "HTTP 400", SETTINGS, 0, 0)).isEqualTo(SinkProgress.Rejection.SPLIT);
        assertThat(state.getPendingTo()).isEqualTo(12);
        assertThat(state.getIsolateTo()).isEqualTo(14);

        // First half (11, 12) goes through: still isolating, so the next refusal splits at once.
        SinkProgress.delivered(state, SinkProgress.window(state), 12, 2, 0, SETTINGS);
        SinkProgress.Window rest = SinkProgress.pin(state, SinkProgress.window(state), 14);
        assertThat(SinkProgress.rejected(state, rest, List.of(13L, 14L), "HTTP 400", SETTINGS, 0, 0))
                .isEqualTo(SinkProgress.Rejection.SPLIT);
        assertThat(state.getPendingTo()).isEqualTo(13);

        SinkProgress.Window single = SinkProgress.window(state);
        assertThat(SinkProgress.rejected(state, single, List.of(13L), "HTTP 400", SETTINGS, 0, 0))
                .isEqualTo(SinkProgress.Rejection.DEAD_LETTER);
        SinkProgress.deadLettered(state, single, 13, 0, SETTINGS);

        assertThat(state.getCursorSeq()).isEqualTo(13);
        assertThat(state.getDeadLettered()).isEqualTo(1);
        assertThat(state.getIsolateTo()).isEqualTo(14);
        SinkProgress.delivered(state, SinkProgress.pin(state, SinkProgress.window(state), 14), 14, 1, 0, SETTINGS);
        assertThat(state.getIsolateTo()).isNull();
        assertThat(state.getBatchRejections()).isZero();
    }

    @Test
    void aReplayRunsBeforeNewRecordsWithItsOwnBatchIdsAndEndsByItself() {
        SinkStateEntity state = fresh();
        SinkProgress.startReplay(state, 2, 6, 777);

        SinkProgress.Window replay = SinkProgress.window(state);
        assertThat(replay.lane()).isEqualTo(SinkProgress.Lane.REPLAY);
        assertThat(SinkProgress.through(state, replay, 99)).isEqualTo(6);
        SinkProgress.Window pinned = SinkProgress.pin(state, replay, 6);
        assertThat(SinkProgress.batchId(state, pinned, 3, 6)).isEqualTo("tp_sink-1_r777_3_6");

        SinkProgress.delivered(state, pinned, 6, 4, 0, SETTINGS);

        assertThat(state.getReplayTo()).isNull();
        assertThat(SinkProgress.window(state).lane()).isEqualTo(SinkProgress.Lane.MAIN);
        assertThat(state.getCursorSeq()).isEqualTo(10);
    }

    @Test
    void claimsExpire() {
        SinkStateEntity state = fresh();
        SinkProgress.claim(state, "node-a", 1_000, 60_000);

        assertThat(SinkProgress.claimable(state, "node-a", 2_000)).isTrue();
        assertThat(SinkProgress.claimable(state, "node-b", 2_000)).isFalse();
        assertThat(SinkProgress.claimable(state, "node-b", 61_001)).isTrue();
    }

    @Test
    void aRecordedOutcomeFreesTheSinkForAnyNodeButOnlyTheOwnerCanRelease() {
        SinkStateEntity state = fresh();
        SinkProgress.claim(state, "node-a", 1_000, 60_000);

        SinkProgress.release(state, "node-b");
        assertThat(SinkProgress.claimable(state, "node-b", 2_000)).isFalse();

        SinkProgress.release(state, "node-a");
        assertThat(SinkProgress.claimable(state, "node-b", 2_000)).isTrue();
    }

    @Test
    void anOutcomeForAWindowThatChangedMeanwhileIsNotCurrent() {
        SinkStateEntity state = fresh();
        SinkProgress.Window window = SinkProgress.pin(state, SinkProgress.window(state), 12);
        SinkProgress.startReplay(state, 0, 5, 1);

        assertThat(SinkProgress.isCurrent(state, window)).isFalse();
    }
}
