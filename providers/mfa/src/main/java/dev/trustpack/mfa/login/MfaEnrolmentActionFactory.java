package dev.trustpack.mfa.login;

import java.util.List;
import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** "Trustpack: confirm MFA set-up"; register it enabled, with a priority after Keycloak's set-up actions. */
public final class MfaEnrolmentActionFactory implements RequiredActionFactory, ServerInfoAwareProviderFactory {

    public static final String ID = MfaEnrolmentAction.ID;

    private static final MfaEnrolmentAction ACTION = new MfaEnrolmentAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return ACTION;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Trustpack: confirm MFA set-up";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
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
