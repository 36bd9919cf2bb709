package dev.trustpack.tenancy.policy;

import java.util.List;

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

    protected PolicySectionFactory(PolicySection section) {
        this.section = section;
    }

    public final PolicySection section() {
        return section;
    }

    @Override
    public final PolicySectionProvider create(KeycloakSession session) {
        return new PolicySectionProvider() {
            @Override
            public PolicySection section() {
                return section;
            }

            @Override
            public List<String> exemptions() {
                return PolicySectionFactory.this.exemptions(session);
            }
        };
    }

    /**
     * Override to report exceptions to the section's policy that live outside the policy document, in the realm of
     * the session (for example clients a realm admin exempted). Read-only; none by default.
     */
    protected List<String> exemptions(KeycloakSession session) {
        return List.of();
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
