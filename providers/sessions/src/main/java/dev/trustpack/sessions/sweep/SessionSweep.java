package dev.trustpack.sessions.sweep;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.trustpack.sessions.enforce.SessionEnd;
import dev.trustpack.sessions.enforce.SessionNotes;
import dev.trustpack.sessions.limits.SessionLimits;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Ends the SSO sessions that passed their Trustpack limits and that no request touched since: requests find out
 * themselves (the guard and the login step), but an abandoned session would otherwise stay counted in the admin
 * console and its clients would never get their back-channel logout. Every node schedules it; Keycloak's cluster-aware
 * task runner runs it under a cluster-wide lock named after this class, held for the run (at most one interval), so
 * nodes take turns. It ends at most {@link #batch} sessions per realm per run, each in a transaction of its own after
 * reading it again, so one run stays short and a session another run or a request ended is skipped.
 */
public final class SessionSweep implements ScheduledTask {

    /** The name of the node's timer task (the cluster lock is named after the class, by Keycloak's runner). */
    public static final String TASK_NAME = "trustpack-sessions-sweep";

    private static final Logger LOG = Logger.getLogger(SessionSweep.class);

    private final KeycloakSessionFactory factory;
    private final int batch;

    public SessionSweep(KeycloakSessionFactory factory, int batch) {
        this.factory = factory;
        this.batch = batch;
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
        for (String realmId : realmIds) {
            try {
                sweep(session, realmId);
            } catch (RuntimeException e) {
                // One realm (deleted meanwhile, say) must not keep the others unswept.
                LOG.warnf("Session sweep skipped realm %s: %s", realmId, e.toString());
            }
        }
    }

    private void sweep(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return;
        }
        // Keycloak's session store reads the realm from the context (outside a request nothing sets it).
        session.getContext().setRealm(realm);
        long now = Time.currentTime();
        List<String> past;
        // Read-only stream over every online session of the realm (from the database with persistent sessions): only
        // the ids of past-limit ones are kept, so memory stays bounded by the batch; closed so no cursor stays open.
        try (Stream<UserSessionModel> sessions = session.sessions().readOnlyStreamUserSessions(realm)) {
            past = sessions.filter(userSession -> endedAt(userSession, now).isPresent())
                    .map(UserSessionModel::getId)
                    .limit(batch)
                    .toList();
        }
        past.forEach(id -> end(realmId, id));
        if (!past.isEmpty()) {
            LOG.debugf("Session sweep: %d session(s) past their limits ended in realm %s", past.size(),
                    realm.getName());
        }
    }

    private static Optional<SessionLimits.Reason> endedAt(UserSessionModel userSession, long now) {
        return SessionNotes.limits(userSession).flatMap(limits -> limits.ended(userSession.getStarted(),
                SessionNotes.lastUse(userSession), now));
    }

    /** In a transaction of its own, with the session read again: a request may have used or ended it meanwhile. */
    private void end(String realmId, String userSessionId) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                session.getContext().setRealm(realm);
                UserSessionModel userSession = session.sessions().getUserSession(realm, userSessionId);
                if (userSession == null) {
                    return;
                }
                Optional<SessionLimits.Reason> reason = endedAt(userSession, Time.currentTime());
                if (reason.isEmpty()) {
                    return;
                }
                // Keycloak's logout builds the back-channel logout token's issuer from the request: the sweep gives
                // it the address the session signed in through.
                Optional<URI> base = SessionNotes.baseUri(userSession);
                if (base.isEmpty()) {
                    SessionEnd.withoutLogoutCalls(session, realm, userSession, reason.get());
                    return;
                }
                session.getContext().setHttpRequest(new SweepRequest(base.get()));
                SessionEnd.now(session, realm, userSession, reason.get());
            });
        } catch (RuntimeException e) {
            // One session that cannot be ended (a client's logout endpoint failing is not that: Keycloak logs it and
            // goes on) must not stop the rest; the next run tries again.
            LOG.warnf("Session sweep could not end a session in realm %s: %s", realmId, e.toString());
        }
    }
}
