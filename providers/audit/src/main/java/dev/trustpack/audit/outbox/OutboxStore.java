package dev.trustpack.audit.outbox;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.trustpack.audit.record.AuditRecords;
import dev.trustpack.audit.record.ChainHash;
import dev.trustpack.audit.record.SealedRecord;
import dev.trustpack.audit.sink.OperatorSinks;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/** The audit tables as the listener, the worker and the admin API use them, within the caller's transaction. */
public final class OutboxStore {

    private final EntityManager em;

    public OutboxStore(EntityManager em) {
        this.em = em;
    }

    public static OutboxStore of(KeycloakSession session) {
        return new OutboxStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    /** Adds an unsealed record; it commits or rolls back with the caller's transaction. */
    public void append(AuditRecords.NewRecord record) {
        AuditRecordEntity entity = new AuditRecordEntity();
        entity.setId(record.id());
        entity.setRealmId(record.realmId());
        entity.setTenantId(record.tenantId());
        entity.setCreatedAt(record.createdAt());
        entity.setType(record.type());
        entity.setPayload(record.payload());
        em.persist(entity);
    }

    public List<String> realmsWithUnsealedRecords() {
        return em.createQuery("SELECT DISTINCT r.realmId FROM AuditRecordEntity r WHERE r.seq IS NULL", String.class)
                .getResultList();
    }

    /**
     * Gives up to {@code max} unsealed records of the realm, oldest first, the next sequence numbers and their chain
     * hashes. Holds the realm's chain row lock until the caller's transaction ends, so nodes take turns.
     *
     * @return how many records were sealed
     */
    public int seal(String realmId, int max) {
        AuditChainEntity chain = lockChain(realmId);
        List<AuditRecordEntity> unsealed = em.createQuery("SELECT r FROM AuditRecordEntity r WHERE r.seq IS NULL"
                        + " AND r.realmId = :realm ORDER BY r.createdAt, r.id", AuditRecordEntity.class)
                .setParameter("realm", realmId).setMaxResults(max).getResultList();
        long seq = chain.getLastSeq();
        String hash = chain.getLastHash();
        for (AuditRecordEntity record : unsealed) {
            seq++;
            record.setSeq(seq);
            record.setPrevHash(hash);
            hash = ChainHash.of(hash, seq, record.getPayload());
            record.setHash(hash);
        }
        chain.setLastSeq(seq);
        chain.setLastHash(hash);
        return unsealed.size();
    }

    /** The realm's chain head, locked for the caller's transaction; created (empty) on first use. */
    public AuditChainEntity lockChain(String realmId) {
        AuditChainEntity chain = em.find(AuditChainEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
        if (chain == null) {
            chain = new AuditChainEntity();
            chain.setRealmId(realmId);
            chain.setLastHash(ChainHash.GENESIS);
            chain.setPurgedHash(ChainHash.GENESIS);
            em.persist(chain);
            // Another node creating the same row at the same time fails here; its next round finds this one.
            em.flush();
        }
        return chain;
    }

    /** Realms that have records (or had, before purging). */
    public List<String> chainRealms() {
        return em.createQuery("SELECT c.realmId FROM AuditChainEntity c", String.class).getResultList();
    }

    public Optional<AuditChainEntity> chain(String realmId) {
        return Optional.ofNullable(em.find(AuditChainEntity.class, realmId));
    }

    /** Sealed records after {@code afterSeq} (through {@code throughSeq} if given), in sequence order. */
    public List<SealedRecord> sealed(String realmId, String tenantId, long afterSeq, Long throughSeq, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT r FROM AuditRecordEntity r WHERE r.realmId = :realm"
                + " AND r.seq > :after");
        if (throughSeq != null) {
            jpql.append(" AND r.seq <= :through");
        }
        if (tenantId != null) {
            jpql.append(" AND r.tenantId = :tenant");
        }
        TypedQuery<AuditRecordEntity> query = em.createQuery(jpql.append(" ORDER BY r.seq").toString(),
                AuditRecordEntity.class).setParameter("realm", realmId).setParameter("after", afterSeq);
        if (throughSeq != null) {
            query.setParameter("through", throughSeq);
        }
        if (tenantId != null) {
            query.setParameter("tenant", tenantId);
        }
        return query.setMaxResults(limit).getResultStream().map(OutboxStore::detached).toList();
    }

    /** The sequence numbers {@code [first, last]} of a realm's chain that hold every sealed record of a time window. */
    public record SeqSpan(long first, long last) {
    }

    /**
     * The span of sequence numbers holding every sealed record created in {@code [fromMillis, toMillis)}, if there is
     * one. Found once per window so that pages are then read by sequence number alone: a page query that also filters
     * on the creation time lets the database pick the time index and discard the rows before each page again, which
     * made a large export quadratic. Creation times are not strictly in sequence order (transactions commit in any
     * order), so the span may hold a few records just outside the window: readers filter by time as well.
     */
    public Optional<SeqSpan> span(String realmId, long fromMillis, long toMillis) {
        OptionalLong first = firstSeqFrom(realmId, fromMillis);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        long last = lastSeqBefore(realmId, toMillis, 0);
        return last < first.getAsLong() ? Optional.empty() : Optional.of(new SeqSpan(first.getAsLong(), last));
    }

    /** Sealed records (any content, as stored) in sequence order from {@code afterSeq}, for verification. */
    public List<AuditRecordEntity> chainPage(String realmId, long afterSeq, long throughSeq, int limit) {
        List<AuditRecordEntity> page = em.createQuery("SELECT r FROM AuditRecordEntity r WHERE r.realmId = :realm"
                        + " AND r.seq > :after AND r.seq <= :through ORDER BY r.seq", AuditRecordEntity.class)
                .setParameter("realm", realmId).setParameter("after", afterSeq).setParameter("through", throughSeq)
                .setMaxResults(limit).getResultList();
        page.forEach(em::detach);
        return page;
    }

    public long countSealedAfter(String realmId, String tenantId, long afterSeq) {
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(r) FROM AuditRecordEntity r WHERE r.realmId = :realm"
                + " AND r.seq > :after" + (tenantId == null ? "" : " AND r.tenantId = :tenant"), Long.class)
                .setParameter("realm", realmId).setParameter("after", afterSeq);
        if (tenantId != null) {
            query.setParameter("tenant", tenantId);
        }
        return query.getSingleResult();
    }

    /** Creation time of the oldest sealed record after {@code afterSeq}. */
    public OptionalLong oldestSealedAfter(String realmId, String tenantId, long afterSeq) {
        TypedQuery<AuditRecordEntity> query = em.createQuery("SELECT r FROM AuditRecordEntity r WHERE r.realmId = :realm"
                        + " AND r.seq > :after" + (tenantId == null ? "" : " AND r.tenantId = :tenant")
                        + " ORDER BY r.seq", AuditRecordEntity.class)
                .setParameter("realm", realmId).setParameter("after", afterSeq).setMaxResults(1);
        if (tenantId != null) {
            query.setParameter("tenant", tenantId);
        }
        return query.getResultStream().mapToLong(AuditRecordEntity::getCreatedAt).findFirst();
    }

    public long countUnsealed(String realmId) {
        return em.createQuery("SELECT COUNT(r) FROM AuditRecordEntity r WHERE r.seq IS NULL AND r.realmId = :realm",
                Long.class).setParameter("realm", realmId).getSingleResult();
    }

    /** The highest sequence number of a record created before {@code millis}, or {@code floor} if there is none. */
    public long lastSeqBefore(String realmId, long millis, long floor) {
        Long seq = em.createQuery("SELECT MAX(r.seq) FROM AuditRecordEntity r WHERE r.realmId = :realm"
                        + " AND r.createdAt < :time", Long.class)
                .setParameter("realm", realmId).setParameter("time", millis).getSingleResult();
        return seq == null ? floor : Math.max(seq, floor);
    }

    /** The lowest sequence number of a record created at or after {@code millis}, if any. */
    private OptionalLong firstSeqFrom(String realmId, long millis) {
        Long seq = em.createQuery("SELECT MIN(r.seq) FROM AuditRecordEntity r WHERE r.realmId = :realm"
                        + " AND r.createdAt >= :time", Long.class)
                .setParameter("realm", realmId).setParameter("time", millis).getSingleResult();
        return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
    }

    /**
     * Deletes the realm's records through {@code throughSeq} (at most {@code maxRows} of them), moving the chain's
     * starting point past them so verification still holds. Caller holds the chain lock.
     *
     * @return the new purge point
     */
    public long purgeThrough(AuditChainEntity chain, long throughSeq, int maxRows) {
        long target = Math.min(throughSeq, chain.getPurgedSeq() + maxRows);
        if (target <= chain.getPurgedSeq()) {
            return chain.getPurgedSeq();
        }
        AuditRecordEntity last = em.createQuery("SELECT r FROM AuditRecordEntity r WHERE r.realmId = :realm"
                        + " AND r.seq = :seq", AuditRecordEntity.class)
                .setParameter("realm", chain.getRealmId()).setParameter("seq", target).getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("Audit record " + target + " of realm "
                        + chain.getRealmId() + " is missing; run verification before purging"));
        em.createQuery("DELETE FROM AuditRecordEntity r WHERE r.realmId = :realm AND r.seq <= :seq")
                .setParameter("realm", chain.getRealmId()).setParameter("seq", target).executeUpdate();
        em.createQuery("DELETE FROM DeadLetterEntity d WHERE d.realmId = :realm AND d.seq <= :seq")
                .setParameter("realm", chain.getRealmId()).setParameter("seq", target).executeUpdate();
        chain.setPurgedSeq(target);
        chain.setPurgedHash(last.getHash());
        return target;
    }

    /** Whether the realm has a trail: a chain, or records not sealed yet. A query, so no chain is loaded unlocked. */
    public boolean hasTrail(String realmId) {
        return em.createQuery("SELECT COUNT(c) FROM AuditChainEntity c WHERE c.realmId = :realm", Long.class)
                .setParameter("realm", realmId).getSingleResult() > 0 || countUnsealed(realmId) > 0;
    }

    /**
     * Marks a realm's chain as the trail of a deleted realm, in the deleting transaction: it keeps the name and who
     * deleted it, and stays until {@link #forgetRealm} (after retention, once every operator sink has it).
     */
    public void closeRealm(String realmId, String realmName, long deletedAt, String deletedBy) {
        AuditChainEntity chain = lockChain(realmId);
        // A lock on an entity this transaction loaded before does not reload it; writing stale values back would
        // undo a seal another node made meanwhile.
        em.refresh(chain, LockModeType.PESSIMISTIC_WRITE);
        chain.setRealmName(realmName);
        chain.setDeletedAt(deletedAt);
        chain.setDeletedBy(deletedBy);
        new SinkStateStore(em).deleteRealmSinks(realmId);
    }

    /**
     * A realm is being created with the id of a deleted realm whose trail is still kept (a restore, a re-import, a
     * test realm made again): the kept trail moves, records, operator progress and dead letters, to a key of its
     * own, so the new realm starts a trail of its own and its admins never read the deleted realm's records (taking
     * a realm id must not give its history away). The moved chain still verifies: its records keep their content,
     * and {@link AuditChainEntity#getSourceRealmId()} says which realm id they carry.
     *
     * @return the key the trail moved to, or null if the id had no deleted realm's trail
     */
    public String moveDeletedTrail(String realmId) {
        AuditChainEntity chain = em.find(AuditChainEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
        if (chain == null) {
            return null;
        }
        em.refresh(chain, LockModeType.PESSIMISTIC_WRITE);
        if (chain.getDeletedAt() == null) {
            return null;
        }
        String key = KeycloakModelUtils.generateId();
        AuditChainEntity moved = new AuditChainEntity();
        moved.setRealmId(key);
        moved.setSourceRealmId(chain.getTrailRealmId());
        moved.setLastSeq(chain.getLastSeq());
        moved.setLastHash(chain.getLastHash());
        moved.setPurgedSeq(chain.getPurgedSeq());
        moved.setPurgedHash(chain.getPurgedHash());
        moved.setRealmName(chain.getRealmName());
        moved.setDeletedAt(chain.getDeletedAt());
        moved.setDeletedBy(chain.getDeletedBy());
        em.persist(moved);
        SinkStateStore sinks = new SinkStateStore(em);
        for (SinkStateEntity row : sinks.ofRealm(realmId)) {
            if (row.getOperatorSinkId() == null) {
                // A sink the new realm brought (realm import), counted against the old chain: it starts the new one.
                row.setCursorSeq(0);
                continue;
            }
            String movedRow = OperatorSinks.rowId(row.getOperatorSinkId(), key);
            em.persist(row.copyAs(movedRow, key));
            em.createQuery("UPDATE DeadLetterEntity d SET d.sinkId = :moved WHERE d.sinkId = :row")
                    .setParameter("moved", movedRow).setParameter("row", row.getSinkId()).executeUpdate();
            em.remove(row);
        }
        for (String entity : List.of("AuditRecordEntity", "DeadLetterEntity")) {
            em.createQuery("UPDATE " + entity + " e SET e.realmId = :key WHERE e.realmId = :realm")
                    .setParameter("key", key).setParameter("realm", realmId).executeUpdate();
        }
        em.remove(chain);
        return key;
    }

    /** A chain locked for the caller's transaction, without creating one. */
    public Optional<AuditChainEntity> lockExistingChain(String realmId) {
        return Optional.ofNullable(em.find(AuditChainEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The kept trails of deleted realms, most recently deleted first. */
    public List<AuditChainEntity> deletedRealms() {
        return em.createQuery("SELECT c FROM AuditChainEntity c WHERE c.deletedAt IS NOT NULL ORDER BY c.deletedAt DESC",
                AuditChainEntity.class).getResultList();
    }

    /** Removes what is left of a deleted realm's trail: called once every record is purged. */
    public void forgetRealm(String realmId) {
        for (String entity : List.of("DeadLetterEntity", "SinkStateEntity", "AuditRecordEntity", "AuditChainEntity")) {
            em.createQuery("DELETE FROM " + entity + " e WHERE e.realmId = :realm").setParameter("realm", realmId)
                    .executeUpdate();
        }
    }

    static SealedRecord detached(AuditRecordEntity entity) {
        return new SealedRecord(entity.getId(), entity.getSeq(), entity.getRealmId(), entity.getTenantId(),
                entity.getCreatedAt(), entity.getType(), entity.getPayload(), entity.getPrevHash(), entity.getHash());
    }
}
