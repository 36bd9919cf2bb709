package dev.trustpack.tenancy.admin;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Lets a capability module add a resource under {@code /trustpack/tenants/{alias}/} (the MFA report, sessions). */
public final class TenantResourceSpi implements Spi {

    public static final String NAME = "trustpack-tenant-resource";

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
        return TenantResourceProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return TenantResourceProviderFactory.class;
    }
}
