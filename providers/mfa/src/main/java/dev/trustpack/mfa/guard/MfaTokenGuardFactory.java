package dev.trustpack.mfa.guard;

import java.util.List;
import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * Client-policy executor "Trustpack: no token without the required MFA". Put it in a client profile applied by an
 * {@code any-client} policy (the demo realm does; docs/mfa.md shows the JSON).
 */
public final class MfaTokenGuardFactory implements ClientPolicyExecutorProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "trustpack-mfa-token-guard";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new MfaTokenGuard(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Refuses (invalid_grant) every token for an SSO session that has not met its user's MFA policy: "
                + "authorization code, refresh, device, CIBA, password, JWT authorization grant and token exchange.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
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

    @Override
    public Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(getClass(), Map.of());
    }
}
