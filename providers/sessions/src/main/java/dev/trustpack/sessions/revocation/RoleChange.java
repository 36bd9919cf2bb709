package dev.trustpack.sessions.revocation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.trustpack.common.audit.SessionEndedAudit;
import dev.trustpack.sessions.enforce.SessionEnd;
import dev.trustpack.sessions.enforce.SessionNotes;
import dev.trustpack.sessions.limits.SessionLimits;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A user's tenant roles changed (a tenant-role group joined or left, by the tenancy REST API or the admin console):
 * the sessions they used for that tenant take the limits their new roles bring, if stricter, and end at once when
 * those have already passed. Limits never loosen within a session; the next sign-in records the new ones.
 *
 * <p>Recomputed after the change commits, in a transaction of its own: by then every grant and revocation of the
 * request is visible, and a change that rolled back changes nothing.
 */
final class RoleChange {

    private static final Logger LOG = Logger.getLogger(RoleChange.class);
    /** Session attribute: the (user, tenant) pairs this request already scheduled, since a role swap fires twice. */
    private static final String PENDING = RoleChange.class.getName() + ".pending";

    private RoleChange() {
    }

    static void groupMembershipChanged(GroupModel.GroupEvent event, UserModel user) {
        GroupModel group = event.getGroup();
        if (group.getType() != GroupModel.Type.ORGANIZATION
                || group.getFirstAttribute(TenancyProvider.ROLE_GROUP_ATTRIBUTE) == null
                || group.getOrganization() == null) {
            return;
        }
        if (event.getRealm() == null) {
            // Keycloak takes the event's realm from the request context; a change made outside one has none.
            LOG.warnf("Tenant role of user %s changed outside a realm context: their open sessions keep their limits "
                    + "until they sign in again", user.getId());
            return;
        }
        KeycloakSession session = event.getKeycloakSession();
        String realmId = event.getRealm().getId();
        String userId = user.getId();
        String tenantId = group.getOrganization().getId();
        String key = userId + "/" + tenantId;
        @SuppressWarnings("unchecked")
        Set<String> pending = session.getAttributeOrDefault(PENDING, new HashSet<>());
        session.setAttribute(PENDING, pending);
        if (!pending.add(key)) {
            return;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                pending.remove(key);
                // The role change has committed: a failure here must not turn its answer into an error.
                try {
                    KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), session.getContext(),
                            own -> tighten(own, realmId, userId, tenantId));
                } catch (RuntimeException e) {
                    LOG.warnf("Could not tighten the sessions of user %s after a tenant role change (%s); they keep "
                            + "their limits until they sign in again or pass them", userId, e.toString());
                }
            }

            @Override
            protected void rollbackImpl() {
                pending.remove(key);
            }
        });
    }

    private static void tighten(KeycloakSession session, String realmId, String userId, String tenantId) {
        RealmModel realm = session.realms().getRealm(realmId);
        session.getContext().setRealm(realm);
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        UserModel user = session.users().getUserById(realm, userId);
        Optional<Tenant> found = tenancy.tenantById(tenantId);
        if (user == null || found.isEmpty() || !tenancy.isMember(found.get(), user)) {
            return; // Gone or left the tenant: tenancy ended the sessions used for it.
        }
        Tenant tenant = found.get();
        SessionLimits limits = SessionLimits.of(tenancy.policies().of(tenant, user), tenancy.isTenantAdmin(tenant, user));
        String usedFor = TenancyProvider.SESSION_TENANT_NOTE_PREFIX + tenant.id();
        // Sessions without limits were left to the realm's remember-me limits by the policy: not this module's.
        List<UserSessionModel> sessions = session.sessions().getUserSessionsStream(realm, user)
                .filter(userSession -> userSession.getNote(usedFor) != null)
                .filter(userSession -> SessionNotes.limits(userSession).isPresent())
                .toList();
        long now = Time.currentTime();
        for (UserSessionModel userSession : sessions) {
            SessionLimits tightened = SessionNotes.tighten(userSession, limits);
            if (tightened.ended(userSession.getStarted(), SessionNotes.lastUse(userSession), now).isPresent()) {
                SessionEnd.now(session, realm, userSession, SessionEndedAudit.ROLES_CHANGED,
                        Map.of(SessionEndedAudit.TENANT, tenant.alias()));
            }
        }
        LOG.debugf("Tenant roles of user %s changed in %s: limits of %d session(s) recomputed", userId, tenant.alias(),
                sessions.size());
    }
}
