package dev.trustpack.mfa.login;

import java.util.List;
import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** "Trustpack: enforce MFA (password grant)"; place it REQUIRED in the direct-grant flow, after the tenant step. */
public final class MfaDirectGrantAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "trustpack-mfa-direct-grant";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };

    private static final MfaDirectGrantAuthenticator AUTHENTICATOR = new MfaDirectGrantAuthenticator();

    @Override
    public Authenticator create(KeycloakSession session) {
        return AUTHENTICATOR;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: enforce MFA (password grant)";
    }

    @Override
    public String getHelpText() {
        return "Refuses password grants (invalid_grant) of users whose MFA policy requires a second factor, unless "
                + "the client is marked as a legacy client exempt from MFA (client attribute trustpack.mfa.legacy-exempt, "
                + "audited at each use). Place it REQUIRED in the direct-grant flow, after the tenant step.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
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
