package dev.trustpack.sessions.revocation;

import java.util.List;
import java.util.Map;

import dev.trustpack.common.config.IntSetting;
import dev.trustpack.common.events.GlobalListenerFactory;
import dev.trustpack.sessions.sweep.SessionSweep;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Global event listener {@value #ID}, the module's server-wide part: sessions end when their user is disabled
 * (admin events), tighten when their user's tenant roles change (Keycloak's group-membership events), and the
 * {@linkplain SessionSweep sweep} ends the past-limit sessions no request touches. Server options
 * {@code --spi-events-listener--trustpack-sessions--sweep-interval} and {@code --…--sweep-batch}.
 */
public final class SessionRevocationListenerFactory extends GlobalListenerFactory {

    public static final String ID = "trustpack-sessions";

    public static final IntSetting SWEEP_INTERVAL = new IntSetting("sweep-interval", "Session sweep interval (seconds)",
            "How often one node of the cluster ends the sessions past their Trustpack limits that no request touched",
            60, 1, 86_400);
    public static final IntSetting SWEEP_BATCH = new IntSetting("sweep-batch", "Session sweep batch",
            "The most sessions one sweep ends per realm; the rest wait for the next run", 500, 1, 100_000);

    private int sweepInterval;
    private int sweepBatch;

    public SessionRevocationListenerFactory() {
        super(ID, List.of(SWEEP_INTERVAL, SWEEP_BATCH));
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SessionRevocationListener(session);
    }

    @Override
    public void init(Config.Scope config) {
        sweepInterval = SWEEP_INTERVAL.read(config);
        sweepBatch = SWEEP_BATCH.read(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof GroupModel.GroupMemberJoinEvent joined) {
                RoleChange.groupMembershipChanged(joined, joined.getUser());
            } else if (event instanceof GroupModel.GroupMemberLeaveEvent left) {
                RoleChange.groupMembershipChanged(left, left.getUser());
            } else if (event instanceof PostMigrationEvent) {
                scheduleSweep(factory);
            }
        });
    }

    /** Every node schedules it; Keycloak's cluster-aware runner lets one node at a time run it. */
    private void scheduleSweep(KeycloakSessionFactory factory) {
        long intervalMillis = sweepInterval * 1000L;
        try (KeycloakSession session = factory.create()) {
            session.getProvider(TimerProvider.class).schedule(new ClusterAwareScheduledTaskRunner(factory,
                    new SessionSweep(factory, sweepBatch), intervalMillis), intervalMillis, intervalMillis,
                    SessionSweep.TASK_NAME);
        }
    }

    @Override
    protected Map<String, String> describeSettings() {
        return Map.of(SWEEP_INTERVAL.key(), sweepInterval + " s", SWEEP_BATCH.key(), Integer.toString(sweepBatch));
    }
}
