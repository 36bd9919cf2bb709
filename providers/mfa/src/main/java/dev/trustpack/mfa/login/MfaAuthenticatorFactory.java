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

/** "Trustpack: enforce MFA" for browser flows; place it REQUIRED at the top level, after the tenant step. */
public final class MfaAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "trustpack-mfa";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };

    private static final MfaAuthenticator AUTHENTICATOR = new MfaAuthenticator();

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
        return "Trustpack: enforce MFA";
    }

    @Override
    public String getHelpText() {
        return "Applies the mfa section of the tenant policy: asks for a second factor the user has, offers or forces "
                + "setting one up (with the grace period), and steps up SSO sessions that have not done MFA. Place it "
                + "REQUIRED at the top level, after the tenant step.";
    }

    /**
     * Keycloak counts failed logins per category; every second factor fails here, so all count as OTP failures, and
     * the realm's maxSecondaryAuthFailures applies to them all (docs/mfa.md, "Guessing").
     */
    @Override
    public String getReferenceCategory() {
        return "otp";
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
