package dev.trustpack.audit.listener;

import java.util.Map;
import java.util.Optional;

import dev.trustpack.audit.record.AuditRecords;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Resolves who and which tenant a record is about, with the session of the event. */
final class RecordContexts {

    private static final String USERNAME_DETAIL = "username";

    private final KeycloakSession session;
    private final TenantResolver tenants;

    RecordContexts(KeycloakSession session) {
        this.session = session;
        this.tenants = new TenantResolver(session);
    }

    /**
     * A user event names the user by their stored username, never by what was typed: for an unknown user there is no
     * name at all (see {@link TypedIdentity}).
     */
    AuditRecords.Context forUserEvent(RealmModel realm, Event event, UserModel user) {
        String username = user != null ? user.getUsername()
                : event.getUserId() != null && event.getDetails() != null ? event.getDetails().get(USERNAME_DETAIL) : null;
        Optional<Tenant> tenant = tenants.forDetails(realm, event.getDetails(), event.getUserId());
        return context(realm, tenant, event.getUserId(), username);
    }

    AuditRecords.Context forAdminEvent(RealmModel realm, AdminEvent event) {
        AuthDetails auth = event.getAuthDetails();
        String userId = auth == null ? null : auth.getUserId();
        String username = null;
        if (userId != null) {
            RealmModel authRealm = auth.getRealmId() == null ? realm : session.realms().getRealm(auth.getRealmId());
            username = authRealm == null ? null : usernameOf(authRealm, userId);
        }
        return context(realm, tenants.forAdminEvent(realm, event.getDetails(), event.getResourcePath()), userId, username);
    }

    AuditRecords.Context forEntry(RealmModel realm, String userId, Map<String, String> details) {
        String username = userId == null ? null : usernameOf(realm, userId);
        return context(realm, tenants.forDetails(realm, details, userId), userId, username);
    }

    private static AuditRecords.Context context(RealmModel realm, Optional<Tenant> tenant, String userId,
                                                String username) {
        return new AuditRecords.Context(realm.getId(), realm.getName(), tenant.map(Tenant::id).orElse(null),
                tenant.map(Tenant::alias).orElse(null), userId, username);
    }

    private String usernameOf(RealmModel realm, String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        return user == null ? null : user.getUsername();
    }
}
