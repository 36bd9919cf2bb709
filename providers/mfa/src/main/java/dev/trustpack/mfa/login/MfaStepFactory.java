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

/** What both MFA step factories are: one stateless authenticator, REQUIRED or DISABLED, nothing to configure. */
abstract sealed class MfaStepFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory
        permits MfaAuthenticatorFactory, MfaDirectGrantAuthenticatorFactory {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };

    private final Authenticator authenticator;

    MfaStepFactory(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public final Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public final boolean isConfigurable() {
        return false;
    }

    @Override
    public final AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public final boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public final void init(Config.Scope config) {
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public final void close() {
    }

    @Override
    public final Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(getClass(), Map.of());
    }
}
