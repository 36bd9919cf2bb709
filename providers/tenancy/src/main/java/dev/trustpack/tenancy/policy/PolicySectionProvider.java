package dev.trustpack.tenancy.policy;

import java.util.List;

import org.keycloak.provider.Provider;

/** What a {@link PolicySectionFactory} provides: its section. Modules do not implement this themselves. */
public interface PolicySectionProvider extends Provider {

    PolicySection section();

    /**
     * Exceptions to this section's policy that the realm's configuration makes outside the policy document (for
     * example MFA's legacy clients), each a sentence for an admin or auditor; shown with every effective policy.
     */
    default List<String> exemptions() {
        return List.of();
    }

    @Override
    default void close() {
    }
}
