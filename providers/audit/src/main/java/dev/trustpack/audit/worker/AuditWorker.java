package dev.trustpack.audit.worker;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.trustpack.audit.outbox.AuditChainEntity;
import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.audit.outbox.SinkStateEntity;
import dev.trustpack.audit.outbox.SinkStateStore;
import dev.trustpack.audit.sink.OperatorSinks;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The background side of the audit trail, on every node: seals committed records into each realm's hash chain, keeps
 * a progress row per sink, hands sinks with work to the delivery threads, refreshes the gauges and purges records past
 * retention. Nodes coordinate through the database only (the chain row lock for sealing and purging, claims with
 * version checks for delivery), so any number of nodes may run it.
 */
public final class AuditWorker {

    private static final Logger LOG = Logger.getLogger(AuditWorker.class);
    private static final long SYNC_INTERVAL_MILLIS = 5_000;
    private static final long STATS_INTERVAL_MILLIS = 2_000;
    private static final int PURGE_CHUNK = 10_000;
    private static final int MAX_SEAL_ROUNDS = 20;

    private final KeycloakSessionFactory factory;
    private final AuditSettings settings;
    private final AuditMetrics metrics;
    private final String node;
    private final SinkDelivery delivery;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    private ExecutorService deliveryThreads;
    private long nextSync;
    private long nextStats;
    private long nextPurge;
    private String lastTickFailure;

    public AuditWorker(KeycloakSessionFactory factory, AuditSettings settings, MeterRegistry registry) {
        this.factory = factory;
        this.settings = settings;
        this.metrics = new AuditMetrics(registry);
        this.node = nodeName();
        this.delivery = new SinkDelivery(factory, node, settings, metrics);
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("trustpack-audit-worker"));
        deliveryThreads = Executors.newFixedThreadPool(settings.deliveryThreads(), daemon("trustpack-audit-delivery"));
        nextPurge = System.currentTimeMillis() + settings.purgeInterval().toMillis();
        long interval = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        deliveryThreads.shutdown();
        try {
            // A batch in flight either finishes or is sent again by whichever node runs next: nothing is lost.
            deliveryThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliveryThreads.shutdownNow();
        scheduler = null;
    }

    void tick() {
        try {
            long now = System.currentTimeMillis();
            seal();
            if (now >= nextSync) {
                syncSinks();
                nextSync = now + SYNC_INTERVAL_MILLIS;
            }
            dispatch(now);
            if (now >= nextStats) {
                refreshGauges();
                nextStats = now + STATS_INTERVAL_MILLIS;
            }
            if (now >= nextPurge) {
                purge(now);
                nextPurge = now + settings.purgeInterval().toMillis();
            }
            lastTickFailure = null;
        } catch (RuntimeException e) {
            // Keep going; log a repeated failure once, not five times a second.
            String failure = e.getClass().getName() + ": " + e.getMessage();
            if (!failure.equals(lastTickFailure)) {
                LOG.warnf(e, "Audit worker round failed; retrying");
                lastTickFailure = failure;
            }
        }
    }

    private void seal() {
        List<String> realms = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> OutboxStore.of(session).realmsWithUnsealedRecords());
        for (String realmId : realms) {
            for (int round = 0; round < MAX_SEAL_ROUNDS; round++) {
                int sealed = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                        session -> OutboxStore.of(session).seal(realmId, settings.sealBatchSize()));
                if (sealed < settings.sealBatchSize()) {
                    break;
                }
            }
        }
    }

    /**
     * Keeps one progress row per sink, and per realm for an operator sink (every realm with a trail, deleted ones
     * included); forgets the rows of sinks that are gone.
     */
    private void syncSinks() {
        Set<String> rowIds = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            SinkStateStore states = SinkStateStore.of(session);
            Map<String, String> components = states.sinkComponents();
            RealmModel adminRealm = OperatorSinks.adminRealm(session);
            List<String> trails = OutboxStore.of(session).chainRealms();
            long now = System.currentTimeMillis();
            Set<String> wanted = new HashSet<>();
            components.forEach((sinkId, realmId) -> {
                ComponentModel component = adminRealm != null && adminRealm.getId().equals(realmId)
                        ? adminRealm.getComponent(sinkId) : null;
                if (component != null && OperatorSinks.isOperatorSink(adminRealm, component)) {
                    for (String trail : trails) {
                        String rowId = OperatorSinks.rowId(sinkId, trail);
                        states.ensureOperatorRow(rowId, sinkId, trail, now);
                        wanted.add(rowId);
                    }

                } else {
                    // Sinks that were not added through the admin API (realm import) start with everything recorded.
                    states.ensure(sinkId, realmId, now, SinkStateStore.Start.ALL_RECORDS);
                    wanted.add(sinkId);
                }
            });
            for (SinkStateEntity state : states.all()) {
                if (!wanted.contains(state.getSinkId())) {
                    states.delete(state.getSinkId());
                }
            }
            return wanted;
        });
        metrics.retainSinks(rowIds);
    }

    private void dispatch(long now) {
        List<String> due = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> SinkStateStore.of(session).due(now));
        for (String sinkId : due) {
            if (inFlight.add(sinkId)) {
                deliveryThreads.execute(() -> {
                    try {
                        delivery.run(sinkId);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Audit delivery to sink %s failed unexpectedly; it will be retried", sinkId);
                    } finally {
                        inFlight.remove(sinkId);
                    }
                });
            }
        }
    }

    private void refreshGauges() {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            OutboxStore outbox = OutboxStore.of(session);
            long now = System.currentTimeMillis();
            Set<String> realmsSeen = new HashSet<>();
            for (SinkStateEntity state : SinkStateStore.of(session).all()) {
                SinkTarget target = SinkTarget.of(session, state);
                if (target == null) {
                    continue;
                }
                String realmId = target.sourceRealmId();
                if (realmsSeen.add(realmId)) {
                    metrics.unsealed(target.sourceRealmName(), outbox.countUnsealed(realmId));
                }
                String tenantId = target.tenant().recordFilter();
                OptionalLong oldest = outbox.oldestSealedAfter(realmId, tenantId, state.getCursorSeq());
                metrics.sinkState(state.getSinkId(), AuditMetrics.sinkTags(target.sourceRealmName(),
                                target.component().getName()),
                        outbox.countSealedAfter(realmId, tenantId, state.getCursorSeq()),
                        oldest.isPresent() ? Math.max(0, now - oldest.getAsLong()) : 0,
                        SinkStateStore.PAUSED.equals(state.getStatus()));
            }
        });
    }

    private void purge(long now) {
        List<String> realms = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> OutboxStore.of(session).chainRealms());
        realms.forEach(realmId -> purge(realmId, now));
    }

    /**
     * Deletes the realm's records older than the retention period that every sink of the realm has already taken (a
     * paused or lagging sink holds them back), in chunks, each under the chain lock.
     *
     * @return the realm's purge point afterwards: records up to this sequence number are gone
     */
    public long purge(String realmId, long now) {
        long cutoff = now - TimeUnit.DAYS.toMillis(settings.retentionDays());
        long previous;
        long purged = -1;
        do {
            previous = purged;
            purged = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                OutboxStore outbox = OutboxStore.of(session);
                AuditChainEntity chain = outbox.lockChain(realmId);
                long safe = chain.getLastSeq();
                for (SinkStateEntity state : SinkStateStore.of(session).ofRealm(realmId)) {
                    safe = Math.min(safe, state.getCursorSeq());
                }
                long through = Math.min(safe, outbox.lastSeqBefore(realmId, cutoff, chain.getPurgedSeq()));
                return outbox.purgeThrough(chain, through, PURGE_CHUNK);
            });
        } while (purged != previous);
        forgetIfDone(realmId);
        return purged;
    }

    /** A deleted realm's trail is forgotten once every record of it is purged (and none is still being sealed). */
    private void forgetIfDone(String realmId) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            OutboxStore outbox = OutboxStore.of(session);
            // Locked before it is read: a seal or a move between a check and the lock must not be undone.
            AuditChainEntity chain = outbox.lockExistingChain(realmId).orElse(null);
            if (chain != null && chain.getDeletedAt() != null && chain.getPurgedSeq() == chain.getLastSeq()
                    && outbox.countUnsealed(realmId) == 0) {
                outbox.forgetRealm(realmId);
                LOG.infof("The audit trail of deleted realm '%s' (%s) is past retention and delivered to every "
                        + "operator sink; it is removed", chain.getRealmName(), realmId);
            }
        });
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        String name = host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() <= 64 ? name : name.substring(name.length() - 64);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
