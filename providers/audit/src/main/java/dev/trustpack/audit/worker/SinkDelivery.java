package dev.trustpack.audit.worker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.trustpack.audit.outbox.AuditChainEntity;
import dev.trustpack.audit.outbox.DeadLetterEntity;
import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.audit.outbox.SinkStateEntity;
import dev.trustpack.audit.outbox.SinkStateStore;
import dev.trustpack.audit.record.AuditRecords;
import dev.trustpack.audit.record.SealedRecord;
import dev.trustpack.audit.sink.AuditSink;
import dev.trustpack.audit.sink.AuditSinkFactory;
import dev.trustpack.audit.sink.DeliveryResult;
import dev.trustpack.audit.sink.SinkSettings;
import dev.trustpack.audit.sink.SinkTenant;
import dev.trustpack.common.audit.AuditEntry;
import io.micrometer.core.instrument.Tags;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Delivers batches to one sink: claim and read in one short transaction, send with no transaction open, record the
 * outcome in another. Progress moves only after the destination accepted a batch, so a crash anywhere in between
 * re-sends the same batch (same records, same batch id): delivery is at least once, and idempotent by record id.
 */
final class SinkDelivery {

    static final String SINK_PAUSED_ENTRY = "audit_sink_paused";
    private static final Logger LOG = Logger.getLogger(SinkDelivery.class);
    /** Batches one sink may take in one turn before other sinks get the thread. */
    private static final int MAX_BATCHES_PER_TURN = 50;
    /** A pinned batch is read whole even if the batch size was lowered since. */
    private static final int MAX_PINNED_BATCH = 1000;

    /** A batch ready to send, detached from any session. */
    private record Shipment(String sinkId, String sinkName, Tags tags, SinkProgress.Window window, List<SealedRecord> records,
                            String batchId, AuditSink sink) {
    }

    private final KeycloakSessionFactory factory;
    private final String node;
    private final AuditSettings settings;
    private final AuditMetrics metrics;

    SinkDelivery(KeycloakSessionFactory factory, String node, AuditSettings settings, AuditMetrics metrics) {
        this.factory = factory;
        this.node = node;
        this.settings = settings;
        this.metrics = metrics;
    }

    void run(String sinkId) {
        for (int turn = 0; turn < MAX_BATCHES_PER_TURN; turn++) {
            Shipment shipment = prepare(sinkId);
            if (shipment == null) {
                return;
            }
            long started = System.nanoTime();
            DeliveryResult result = shipment.sink().deliver(shipment.batchId(), shipment.records());
            if (!conclude(shipment, result, System.nanoTime() - started)) {
                return;
            }
        }
    }

    private Shipment prepare(String sinkId) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> prepare(session, sinkId));
        } catch (RuntimeException e) {
            // Typically another node claimed the sink at the same moment (version conflict).
            LOG.debugf(e, "Audit sink %s: not prepared this round", sinkId);
            return null;
        }
    }

    private Shipment prepare(KeycloakSession session, String sinkId) {
        long now = System.currentTimeMillis();
        SinkStateEntity state = SinkStateStore.of(session).find(sinkId);
        if (state == null || !SinkStateStore.ACTIVE.equals(state.getStatus()) || state.getNextAttemptAt() > now
                || !SinkProgress.claimable(state, node, now)) {
            return null;
        }
        SinkTarget target = SinkTarget.of(session, state);
        if (target == null) {
            return null;
        }
        RealmModel realm = target.owner();
        ComponentModel component = target.component();
        session.getContext().setRealm(realm);
        Tags tags = AuditMetrics.sinkTags(target.sourceRealmName(), component.getName());
        AuditSink sink;
        try {
            sink = createSink(session, component);
        } catch (RuntimeException e) {
            fail(session, realm, component, state, SinkSettings.read(Map.of()), tags,
                    "the sink cannot be created: " + e.getMessage());
            return null;
        }
        SinkSettings sinkSettings = sink.settings();
        SinkTenant sinkTenant = target.tenant();
        if (sinkTenant.unknown()) {
            fail(session, realm, component, state, sinkSettings, tags, "there is no tenant '" + sinkTenant.alias() + "'");
            return null;
        }
        String tenantId = sinkTenant.recordFilter();
        String sourceRealmId = target.sourceRealmId();
        OutboxStore outbox = OutboxStore.of(session);
        long sealedHead = outbox.chain(sourceRealmId).map(AuditChainEntity::getLastSeq).orElse(0L);
        SinkProgress.Window window = SinkProgress.window(state);
        long through = SinkProgress.through(state, window, sealedHead);
        int limit = window.pinnedThrough() == null ? sinkSettings.batchSize() : MAX_PINNED_BATCH;
        List<SealedRecord> records = outbox.sealed(sourceRealmId, tenantId, window.after(), through, limit);
        if (records.isEmpty()) {
            if (through > window.after()) {
                SinkProgress.skipped(state, window, through, now, sinkSettings);
            }
            return null;
        }
        long last = records.get(records.size() - 1).seq();
        if (window.pinnedThrough() == null) {
            window = SinkProgress.pin(state, window, last);
        }
        SinkProgress.claim(state, node, now, settings.claimLease(sink.attemptLimit()).toMillis());
        return new Shipment(sinkId, component.getName(), tags, window, records,
                SinkProgress.batchId(state, window, records.get(0).seq(), last), sink);
    }

    private boolean conclude(Shipment shipment, DeliveryResult result, long nanos) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> conclude(session, shipment, result, nanos));
        } catch (RuntimeException e) {
            LOG.debugf(e, "Audit sink %s: outcome not recorded; the batch will be sent again", shipment.sinkId());
            return false;
        }
    }

    private boolean conclude(KeycloakSession session, Shipment shipment, DeliveryResult result, long nanos) {
        long now = System.currentTimeMillis();
        SinkStateEntity state = SinkStateStore.of(session).find(shipment.sinkId());
        if (state == null || !node.equals(state.getClaimOwner()) || !SinkProgress.isCurrent(state, shipment.window())) {
            return false;
        }
        boolean moveOn = record(session, state, shipment, result, nanos, now);
        SinkProgress.release(state, node);
        return moveOn;
    }

    private boolean record(KeycloakSession session, SinkStateEntity state, Shipment shipment, DeliveryResult result,
                           long nanos, long now) {
        SinkSettings sinkSettings = shipment.sink().settings();
        List<SealedRecord> records = shipment.records();
        switch (result.outcome()) {
            case DELIVERED -> {
                SinkProgress.delivered(state, shipment.window(), shipment.window().pinnedThrough(), records.size(), now,
                        sinkSettings);
                metrics.delivered(shipment.tags(), records.size(), nanos);
                return true;
            }
            case FAILED -> {
                LOG.debugf("Audit sink '%s': batch %s failed: %s", shipment.sinkName(), shipment.batchId(),
                        result.detail());
                metrics.failed(shipment.tags(), "failed", nanos);
                SinkTarget target = SinkTarget.of(session, state);
                if (SinkProgress.failed(state, result.detail(), sinkSettings, now, ThreadLocalRandom.current().nextDouble())
                        && target != null) {
                    alertPaused(session, target.owner(), target.component(), state, shipment.tags());
                }
                return false;
            }
            case REJECTED -> {
                metrics.failed(shipment.tags(), "rejected", nanos);
                List<Long> seqs = records.stream().map(SealedRecord::seq).toList();
                SinkProgress.Rejection next = SinkProgress.rejected(state, shipment.window(), seqs, result.detail(),
                        sinkSettings, now, ThreadLocalRandom.current().nextDouble());
                if (next == SinkProgress.Rejection.DEAD_LETTER) {
                    SealedRecord record = records.get(0);
                    DeadLetterEntity deadLetter = new DeadLetterEntity();
                    deadLetter.setId(KeycloakModelUtils.generateId());
                    deadLetter.setSinkId(shipment.sinkId());
                    deadLetter.setRealmId(state.getRealmId());
                    deadLetter.setRecordId(record.id());
                    deadLetter.setSeq(record.seq());
                    deadLetter.setCreatedAt(now);
                    deadLetter.setReason("refused: " + result.detail());
                    SinkStateStore.of(session).addDeadLetter(deadLetter);
                    SinkProgress.deadLettered(state, shipment.window(), shipment.window().pinnedThrough(), now,
                            sinkSettings);
                    metrics.deadLettered(shipment.tags());
                    LOG.warnf("Audit sink '%s': record %d (%s) refused %d times (%s); set aside as a dead letter",
                            shipment.sinkName(), record.seq(), record.id(), sinkSettings.deadLetterAfter(),
                            result.detail());
                }
                return next != SinkProgress.Rejection.RETRY;
            }
            default -> throw new IllegalStateException("Unknown outcome " + result.outcome());
        }
    }

    /** A sink that cannot even try (bad config, unknown tenant) counts failures like one whose destination is down. */
    private void fail(KeycloakSession session, RealmModel realm, ComponentModel component, SinkStateEntity state,
                      SinkSettings sinkSettings, Tags tags, String detail) {
        metrics.failed(tags, "failed", 0);
        if (SinkProgress.failed(state, detail, sinkSettings, System.currentTimeMillis(),
                ThreadLocalRandom.current().nextDouble())) {
            alertPaused(session, realm, component, state, tags);
        }
    }

    private void alertPaused(KeycloakSession session, RealmModel realm, ComponentModel component,
                             SinkStateEntity state, Tags tags) {
        String name = component == null ? state.getSinkId() : component.getName();
        metrics.paused(tags);
        String source = state.getOperatorSinkId() == null ? "" : " (records of realm id " + state.getRealmId() + ")";
        LOG.warnf("Audit sink '%s' of realm '%s' is paused%s: %s. Records are kept; resume it through "
                + "/admin/realms/%s/trustpack/audit/sinks/%s/resume", name, realm.getName(), source,
                state.getPausedReason(), realm.getName(), state.getComponentId());
        Map<String, String> details = new LinkedHashMap<>(Map.of("sink_id", state.getComponentId(),
                "sink_name", name, "reason", state.getPausedReason()));
        if (state.getOperatorSinkId() != null) {
            details.put("source_realm_id", state.getRealmId());
        }
        AuditEntry alert = AuditEntry.failure(SINK_PAUSED_ENTRY, null, "sink_paused", details);
        OutboxStore.of(session).append(AuditRecords.fromEntry(alert, System.currentTimeMillis(), null,
                AuditRecords.Context.ofRealm(realm.getId(), realm.getName())));
    }

    static AuditSink createSink(KeycloakSession session, ComponentModel component) {
        AuditSinkFactory sinkFactory = (AuditSinkFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(AuditSink.class, component.getProviderId());
        if (sinkFactory == null) {
            throw new IllegalStateException("no sink provider '" + component.getProviderId() + "' is installed");
        }
        return sinkFactory.create(session, component);
    }
}
