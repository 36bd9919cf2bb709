package dev.trustpack.audit.outbox;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.trustpack.audit.sink.AuditSink;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Delivery progress rows, one per sink component, kept in step with the realms' components. */
public final class SinkStateStore {

    public static final String ACTIVE = "ACTIVE";
    public static final String PAUSED = "PAUSED";

    private final EntityManager em;

    public SinkStateStore(EntityManager em) {
        this.em = em;
    }

    public static SinkStateStore of(KeycloakSession session) {
        return new SinkStateStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    /** Every sink component of every realm: component id to realm id, straight from Keycloak's component table. */
    public Map<String, String> sinkComponents() {
        return em.createQuery("SELECT c.id, c.realm.id FROM ComponentEntity c WHERE c.providerType = :type",
                        Object[].class)
                .setParameter("type", AuditSink.class.getName()).getResultStream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (String) row[1]));
    }

    public List<SinkStateEntity> all() {
        return em.createQuery("SELECT s FROM SinkStateEntity s", SinkStateEntity.class).getResultList();
    }

    public List<SinkStateEntity> ofRealm(String realmId) {
        return em.createQuery("SELECT s FROM SinkStateEntity s WHERE s.realmId = :realm", SinkStateEntity.class)
                .setParameter("realm", realmId).getResultList();
    }

    /** Active sinks whose next attempt is due, whoever holds their claim. */
    public List<String> due(long now) {
        return em.createQuery("SELECT s.sinkId FROM SinkStateEntity s WHERE s.status = :active"
                        + " AND s.nextAttemptAt <= :now", String.class)
                .setParameter("active", ACTIVE).setParameter("now", now).getResultList();
    }

    public SinkStateEntity find(String sinkId) {
        return em.find(SinkStateEntity.class, sinkId);
    }

    /** Where a sink seen for the first time starts. */
    public enum Start {
        /** After the last record sealed so far: a sink an admin adds gets new records (history is a replay away). */
        NEW_RECORDS,
        /** At the oldest record kept: a sink that came with a realm import gets everything the realm recorded. */
        ALL_RECORDS
    }

    /** The sink's progress row, created on first sight. */
    public SinkStateEntity ensure(String sinkId, String realmId, long now, Start start) {
        SinkStateEntity state = em.find(SinkStateEntity.class, sinkId);
        if (state != null) {
            return state;
        }
        state = new SinkStateEntity();
        state.setSinkId(sinkId);
        state.setRealmId(realmId);
        state.setStatus(ACTIVE);
        state.setCursorSeq(new OutboxStore(em).chain(realmId)
                .map(chain -> start == Start.NEW_RECORDS ? chain.getLastSeq() : chain.getPurgedSeq()).orElse(0L));
        state.setNextAttemptAt(now);
        em.persist(state);
        return state;
    }

    /**
     * An operator sink's progress row for one realm, created on first sight with every record the realm kept. A
     * sink the operator paused (every realm's row paused) is paused for a realm that appears later, too.
     */
    public SinkStateEntity ensureOperatorRow(String rowId, String operatorSinkId, String realmId, long now) {
        SinkStateEntity existing = em.find(SinkStateEntity.class, rowId);
        if (existing != null) {
            return existing;
        }
        List<SinkStateEntity> others = operatorRows(operatorSinkId);
        SinkStateEntity state = ensure(rowId, realmId, now, Start.ALL_RECORDS);
        state.setOperatorSinkId(operatorSinkId);
        if (!others.isEmpty() && others.stream().allMatch(row -> PAUSED.equals(row.getStatus()))) {
            state.setStatus(PAUSED);
            state.setPausedReason(others.get(0).getPausedReason());
        }
        return state;
    }

    /** Dead letters of several rows (an operator sink's), by realm and sequence. */
    public List<DeadLetterEntity> deadLetters(List<String> sinkIds, int first, int max) {
        if (sinkIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT d FROM DeadLetterEntity d WHERE d.sinkId IN :sinks ORDER BY d.realmId, d.seq",
                        DeadLetterEntity.class)
                .setParameter("sinks", sinkIds).setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** An operator sink's rows, one per realm. */
    public List<SinkStateEntity> operatorRows(String operatorSinkId) {
        return em.createQuery("SELECT s FROM SinkStateEntity s WHERE s.operatorSinkId = :sink ORDER BY s.realmId",
                SinkStateEntity.class).setParameter("sink", operatorSinkId).getResultList();
    }

    public void deleteOperatorRows(String operatorSinkId) {
        operatorRows(operatorSinkId).forEach(row -> delete(row.getSinkId()));
    }

    /**
     * Forgets the progress of a deleted realm's own sinks (their components went with the realm); operator sinks'
     * rows stay, as they still have to deliver the realm's trail.
     */
    public void deleteRealmSinks(String realmId) {
        List<String> own = em.createQuery("SELECT s.sinkId FROM SinkStateEntity s WHERE s.realmId = :realm"
                + " AND s.operatorSinkId IS NULL", String.class).setParameter("realm", realmId).getResultList();
        own.forEach(this::delete);
    }

    /**
     * Forgets a realm's own sink's progress and dead letters: never an operator sink's row, whatever id a realm's
     * component was given.
     */
    public void deleteOwn(String sinkId, String realmId) {
        SinkStateEntity state = em.find(SinkStateEntity.class, sinkId);
        if (state == null || (state.getOperatorSinkId() == null && state.getRealmId().equals(realmId))) {
            delete(sinkId);
        }
    }

    /**
     * Forgets a sink's progress and dead letters. A bulk delete, not a versioned one: a node delivering to the sink
     * at this moment then finds the row gone and stops.
     */
    public void delete(String sinkId) {
        em.createQuery("DELETE FROM DeadLetterEntity d WHERE d.sinkId = :sink").setParameter("sink", sinkId)
                .executeUpdate();
        em.createQuery("DELETE FROM SinkStateEntity s WHERE s.sinkId = :sink").setParameter("sink", sinkId)
                .executeUpdate();
    }

    public void addDeadLetter(DeadLetterEntity deadLetter) {
        em.persist(deadLetter);
    }

    public List<DeadLetterEntity> deadLetters(String sinkId, int first, int max) {
        return em.createQuery("SELECT d FROM DeadLetterEntity d WHERE d.sinkId = :sink ORDER BY d.seq",
                        DeadLetterEntity.class)
                .setParameter("sink", sinkId).setFirstResult(first).setMaxResults(max).getResultList();
    }
}
