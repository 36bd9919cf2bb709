package dev.trustpack.audit.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One audit record in the outbox. Written unsealed (no sequence number) in the transaction of the action it records;
 * the worker later seals it: the next sequence number of its realm and the hash that links it to the previous record.
 * The columns besides the payload exist for routing and queries; verification checks they agree with the payload.
 */
@Entity
@Table(name = "TRUSTPACK_AUDIT_RECORD")
public class AuditRecordEntity {

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "TENANT_ID", length = 36)
    private String tenantId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EVENT_TYPE", length = 255, nullable = false)
    private String type;

    @Column(name = "PAYLOAD", nullable = false)
    private String payload;

    @Column(name = "SEQ")
    private Long seq;

    @Column(name = "PREV_HASH", length = 64)
    private String prevHash;

    @Column(name = "RECORD_HASH", length = 64)
    private String hash;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    public Long getSeq() {
        return seq;
    }

    public void setSeq(Long seq) {
        this.seq = seq;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public void setPrevHash(String prevHash) {
        this.prevHash = prevHash;
    }

    public String getHash() {
        return hash;
    }

    public void setHash(String hash) {
        this.hash = hash;
    }
}
