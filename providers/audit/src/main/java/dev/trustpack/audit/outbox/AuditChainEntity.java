package dev.trustpack.audit.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of a realm's hash chain: the last sequence number and hash handed out, and where retention purging has
 * cut the chain (verification starts there). Sealing and purging lock this row, so one node at a time extends a
 * realm's chain; logins never touch it. The row outlives its realm: a deleted realm's chain is kept, closed by the
 * deletion record, until retention has passed and every operator sink has it.
 */
@Entity
@Table(name = "TRUSTPACK_AUDIT_CHAIN")
public class AuditChainEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "LAST_SEQ", nullable = false)
    private long lastSeq;

    @Column(name = "LAST_HASH", length = 64, nullable = false)
    private String lastHash;

    @Column(name = "PURGED_SEQ", nullable = false)
    private long purgedSeq;

    @Column(name = "PURGED_HASH", length = 64, nullable = false)
    private String purgedHash;

    /** The realm's name, kept from its deletion on (a live realm's name is read from Keycloak). */
    @Column(name = "REALM_NAME", length = 255)
    private String realmName;

    /** When the realm was deleted; null while it exists. */
    @Column(name = "DELETED_AT")
    private Long deletedAt;

    /** Who deleted the realm, as the sealed deletion record names them. */
    @Column(name = "DELETED_BY", length = 255)
    private String deletedBy;

    /**
     * For a deleted realm's trail moved to a key of its own (a new realm took the id): the id of the realm it was,
     * which its records carry. Null while the key is the realm id.
     */
    @Column(name = "SOURCE_REALM_ID", length = 36)
    private String sourceRealmId;

    public String getSourceRealmId() {
        return sourceRealmId;
    }

    public void setSourceRealmId(String sourceRealmId) {
        this.sourceRealmId = sourceRealmId;
    }

    /** The id of the realm whose trail this is (the records' realm id). */
    public String getTrailRealmId() {
        return sourceRealmId != null ? sourceRealmId : realmId;
    }

    public String getRealmName() {
        return realmName;
    }

    public void setRealmName(String realmName) {
        this.realmName = realmName;
    }

    public Long getDeletedAt() {
        return deletedAt;
    }

    public void setDeletedAt(Long deletedAt) {
        this.deletedAt = deletedAt;
    }

    public String getDeletedBy() {
        return deletedBy;
    }

    public void setDeletedBy(String deletedBy) {
        this.deletedBy = deletedBy;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public long getLastSeq() {
        return lastSeq;
    }

    public void setLastSeq(long lastSeq) {
        this.lastSeq = lastSeq;
    }

    public String getLastHash() {
        return lastHash;
    }

    public void setLastHash(String lastHash) {
        this.lastHash = lastHash;
    }

    public long getPurgedSeq() {
        return purgedSeq;
    }

    public void setPurgedSeq(long purgedSeq) {
        this.purgedSeq = purgedSeq;
    }

    public String getPurgedHash() {
        return purgedHash;
    }

    public void setPurgedHash(String purgedHash) {
        this.purgedHash = purgedHash;
    }
}
