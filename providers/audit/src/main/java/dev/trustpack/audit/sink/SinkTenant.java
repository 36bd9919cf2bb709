package dev.trustpack.audit.sink;

import java.util.Map;
import java.util.Optional;

import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Whose records a sink receives: the realm's (no tenant set) or one tenant's, looked up through the tenancy API. The
 * one place a sink's tenant alias is resolved (status, delivery, retention, validation).
 *
 * @param alias  the configured tenant alias, or null for a realm-wide sink
 * @param tenant the tenant, if the alias names one
 */
public record SinkTenant(String alias, Optional<Tenant> tenant) {

    /** Every record of the realm. */
    public static final SinkTenant REALM_WIDE = new SinkTenant(null, Optional.empty());

    public static SinkTenant of(KeycloakSession session, RealmModel realm, ComponentModel component) {
        return of(session, realm, SinkSettings.flatten(component));
    }

    public static SinkTenant of(KeycloakSession session, RealmModel realm, Map<String, String> config) {
        String alias = SinkSettings.TENANT.read(config);
        if (alias.isEmpty()) {
            return REALM_WIDE;
        }
        RealmModel previous = session.getContext().getRealm();
        try {
            session.getContext().setRealm(realm);
            return new SinkTenant(alias, session.getProvider(TenancyProvider.class).tenant(alias));
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    public boolean realmWide() {
        return alias == null;
    }

    /** A tenant is configured but none has that alias (the sink fails and says so). */
    public boolean unknown() {
        return alias != null && tenant.isEmpty();
    }

    /** The tenant id to select records by: null for every record, "" (matching none) for an unknown tenant. */
    public String recordFilter() {
        return realmWide() ? null : tenant.map(Tenant::id).orElse("");
    }
}
