package dev.trustpack.common.flow;

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

/**
 * Base of the factory of a Trustpack flow step (tenant step, MFA step): one stateless authenticator, REQUIRED or
 * DISABLED (or the requirements it names), nothing for the user to set up through it, the Trustpack version in server info. A subclass gives the
 * id, texts and reference category, and the settings its execution config takes (none: not configurable).
 */
public abstract class StepFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };

    private final Authenticator authenticator;
    private final List<ProviderConfigProperty> settings;
    private final AuthenticationExecutionModel.Requirement[] requirements;

    protected StepFactory(Authenticator authenticator, List<ProviderConfigProperty> settings) {
        this(authenticator, settings, REQUIREMENTS);
    }

    /** For a step that is one of several alternatives (it may answer {@code attempted()}). */
    protected StepFactory(Authenticator authenticator, List<ProviderConfigProperty> settings,
                          AuthenticationExecutionModel.Requirement... requirements) {
        this.authenticator = authenticator;
        this.settings = List.copyOf(settings);
        this.requirements = requirements.clone();
    }

    @Override
    public final Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public final boolean isConfigurable() {
        return !settings.isEmpty();
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return settings;
    }

    @Override
    public final AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return requirements.clone();
    }

    @Override
    public final boolean isUserSetupAllowed() {
        return false;
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
