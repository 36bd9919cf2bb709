package dev.trustpack.audit.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A record a sink rejected permanently (after the configured number of attempts); it stays replayable. */
@Entity
@Table(name = "TRUSTPACK_AUDIT_DEAD_LETTER")
public class DeadLetterEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "SINK_ID", length = 36, nullable = false)
    private String sinkId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "RECORD_ID", length = 64, nullable = false)
    private String recordId;

    @Column(name = "SEQ", nullable = false)
    private long seq;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "REASON", length = 255, nullable = false)
    private String reason;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSinkId() {
        return sinkId;
    }

    public void setSinkId(String sinkId) {
        this.sinkId = sinkId;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getRecordId() {
        return recordId;
    }

    public void setRecordId(String recordId) {
        this.recordId = recordId;
    }

    public long getSeq() {
        return seq;
    }

    public void setSeq(long seq) {
        this.seq = seq;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
