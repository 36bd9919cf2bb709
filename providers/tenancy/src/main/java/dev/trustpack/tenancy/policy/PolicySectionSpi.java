package dev.trustpack.tenancy.policy;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@code trustpack-policy-section}: the sections of the tenant policy document, one per capability module. */
public final class PolicySectionSpi implements Spi {

    public static final String NAME = "trustpack-policy-section";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PolicySectionProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PolicySectionFactory.class;
    }
}
