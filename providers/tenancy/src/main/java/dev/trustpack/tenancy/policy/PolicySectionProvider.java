package dev.trustpack.tenancy.policy;

import org.keycloak.provider.Provider;

/** What a {@link PolicySectionFactory} provides: its section. Modules do not implement this themselves. */
public interface PolicySectionProvider extends Provider {

    PolicySection section();

    @Override
    default void close() {
    }
}
