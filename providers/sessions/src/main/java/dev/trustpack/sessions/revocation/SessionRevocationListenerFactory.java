package dev.trustpack.sessions.revocation;

import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Global event listener {@value #ID}: sessions end when their user is disabled. Nothing to configure. */
public final class SessionRevocationListenerFactory implements EventListenerProviderFactory,
        ServerInfoAwareProviderFactory {

    public static final String ID = "trustpack-sessions";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SessionRevocationListener(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    /** Global: every realm's admin events, whatever listeners the realm enabled. */
    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(getClass(), Map.of());
    }
}
