package dev.trustpack.tenancy.policy;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/**
 * How a capability module contributes its section to the tenant policy document: a final subclass that passes the
 * section's constant, registered in {@code META-INF/services/dev.trustpack.tenancy.policy.PolicySectionFactory}.
 * The factory id is the section name, so two modules cannot claim the same section.
 * <pre>
 * public final class MfaPolicySectionFactory extends PolicySectionFactory {
 *     public MfaPolicySectionFactory() { super(MfaPolicy.SECTION); }
 * }
 * </pre>
 */
public abstract class PolicySectionFactory implements ProviderFactory<PolicySectionProvider> {

    private final PolicySection section;
    private final PolicySectionProvider provider;

    protected PolicySectionFactory(PolicySection section) {
        this.section = section;
        this.provider = () -> section;
    }

    public final PolicySection section() {
        return section;
    }

    @Override
    public final PolicySectionProvider create(KeycloakSession session) {
        return provider;
    }

    @Override
    public final String getId() {
        return section.name();
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
}
