package dev.trustpack.common.admin;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Lets each Trustpack module add a sub-resource under the one {@code /admin/realms/{realm}/trustpack} path. */
public final class TrustpackAdminResourceSpi implements Spi {

    public static final String NAME = "trustpack-admin-resource";

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
        return TrustpackAdminResourceProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return TrustpackAdminResourceProviderFactory.class;
    }
}
