package dev.trustpack.audit.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Delivery progress of one audit sink (a component of the realm; same id), or of an operator sink for one realm
 * (a master realm component receiving every realm's records: one row per realm, see {@link #getOperatorSinkId()}). The main lane delivers every new record
 * after {@code cursorSeq}; a replay lane re-delivers a range an admin asked for. A lane's batch is pinned
 * ({@code pendingTo}) until it is delivered, so every retry sends the same records under the same webhook id.
 * A node delivers for a sink only while it holds the claim; every change goes through the version check.
 */
@Entity
@Table(name = "TRUSTPACK_AUDIT_SINK")
public class SinkStateEntity {

    @Id
    @Column(name = "SINK_ID", length = 36)
    private String sinkId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** For an operator sink's row: the sink (a master realm component); {@code sinkId} is then derived per realm. */
    @Column(name = "OPERATOR_SINK_ID", length = 36)
    private String operatorSinkId;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "PAUSED_REASON", length = 255)
    private String pausedReason;

    @Column(name = "CURSOR_SEQ", nullable = false)
    private long cursorSeq;

    @Column(name = "PENDING_TO")
    private Long pendingTo;

    @Column(name = "REPLAY_CURSOR")
    private Long replayCursor;

    @Column(name = "REPLAY_TO")
    private Long replayTo;

    @Column(name = "REPLAY_PENDING_TO")
    private Long replayPendingTo;

    @Column(name = "REPLAY_REQUESTED_AT")
    private Long replayRequestedAt;

    @Column(name = "ISOLATE_TO")
    private Long isolateTo;

    @Column(name = "FAILURES", nullable = false)
    private int failures;

    @Column(name = "BATCH_REJECTIONS", nullable = false)
    private int batchRejections;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "LAST_ERROR", length = 255)
    private String lastError;

    @Column(name = "LAST_SUCCESS_AT")
    private Long lastSuccessAt;

    @Column(name = "CLAIM_OWNER", length = 64)
    private String claimOwner;

    @Column(name = "CLAIM_UNTIL", nullable = false)
    private long claimUntil;

    @Column(name = "DELIVERED", nullable = false)
    private long delivered;

    @Column(name = "DEAD_LETTERED", nullable = false)
    private long deadLettered;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    public String getSinkId() {
        return sinkId;
    }

    public void setSinkId(String sinkId) {
        this.sinkId = sinkId;
    }

    /** A new row with this row's progress, under another id and realm (an operator row of a moved trail). */
    public SinkStateEntity copyAs(String newSinkId, String newRealmId) {
        SinkStateEntity copy = new SinkStateEntity();
        copy.sinkId = newSinkId;
        copy.realmId = newRealmId;
        copy.operatorSinkId = operatorSinkId;
        copy.status = status;
        copy.pausedReason = pausedReason;
        copy.cursorSeq = cursorSeq;
        copy.pendingTo = pendingTo;
        copy.replayCursor = replayCursor;
        copy.replayTo = replayTo;
        copy.replayPendingTo = replayPendingTo;
        copy.replayRequestedAt = replayRequestedAt;
        copy.isolateTo = isolateTo;
        copy.failures = failures;
        copy.batchRejections = batchRejections;
        copy.nextAttemptAt = nextAttemptAt;
        copy.lastError = lastError;
        copy.lastSuccessAt = lastSuccessAt;
        // A claim in flight is on the old row; its outcome finds the row gone and the batch is sent again.
        copy.claimOwner = null;
        copy.claimUntil = 0;
        copy.delivered = delivered;
        copy.deadLettered = deadLettered;
        return copy;
    }

    public String getOperatorSinkId() {
        return operatorSinkId;
    }

    public void setOperatorSinkId(String operatorSinkId) {
        this.operatorSinkId = operatorSinkId;
    }

    /** The sink component this row delivers for: the operator sink, or the realm's own sink of the same id. */
    public String getComponentId() {
        return operatorSinkId != null ? operatorSinkId : sinkId;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getPausedReason() {
        return pausedReason;
    }

    public void setPausedReason(String pausedReason) {
        this.pausedReason = pausedReason;
    }

    public long getCursorSeq() {
        return cursorSeq;
    }

    public void setCursorSeq(long cursorSeq) {
        this.cursorSeq = cursorSeq;
    }

    public Long getPendingTo() {
        return pendingTo;
    }

    public void setPendingTo(Long pendingTo) {
        this.pendingTo = pendingTo;
    }

    public Long getReplayCursor() {
        return replayCursor;
    }

    public void setReplayCursor(Long replayCursor) {
        this.replayCursor = replayCursor;
    }

    public Long getReplayTo() {
        return replayTo;
    }

    public void setReplayTo(Long replayTo) {
        this.replayTo = replayTo;
    }

    public Long getReplayPendingTo() {
        return replayPendingTo;
    }

    public void setReplayPendingTo(Long replayPendingTo) {
        this.replayPendingTo = replayPendingTo;
    }

    public Long getReplayRequestedAt() {
        return replayRequestedAt;
    }

    public void setReplayRequestedAt(Long replayRequestedAt) {
        this.replayRequestedAt = replayRequestedAt;
    }

    public Long getIsolateTo() {
        return isolateTo;
    }

    public void setIsolateTo(Long isolateTo) {
        this.isolateTo = isolateTo;
    }

    public int getFailures() {
        return failures;
    }

    public void setFailures(int failures) {
        this.failures = failures;
    }

    public int getBatchRejections() {
        return batchRejections;
    }

    public void setBatchRejections(int batchRejections) {
        this.batchRejections = batchRejections;
    }

    public long getNextAttemptAt() {
        return nextAttemptAt;
    }

    public void setNextAttemptAt(long nextAttemptAt) {
        this.nextAttemptAt = nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    public Long getLastSuccessAt() {
        return lastSuccessAt;
    }

    public void setLastSuccessAt(Long lastSuccessAt) {
        this.lastSuccessAt = lastSuccessAt;
    }

    public String getClaimOwner() {
        return claimOwner;
    }

    public void setClaimOwner(String claimOwner) {
        this.claimOwner = claimOwner;
    }

    public long getClaimUntil() {
        return claimUntil;
    }

    public void setClaimUntil(long claimUntil) {
        this.claimUntil = claimUntil;
    }

    public long getDelivered() {
        return delivered;
    }

    public void setDelivered(long delivered) {
        this.delivered = delivered;
    }

    public long getDeadLettered() {
        return deadLettered;
    }

    public void setDeadLettered(long deadLettered) {
        this.deadLettered = deadLettered;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
