package dev.trustpack.tenancy;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@code trustpack-tenancy}: the tenant model other modules resolve their policies by. */
public final class TenancySpi implements Spi {

    public static final String NAME = "trustpack-tenancy";

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
        return TenancyProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return TenancyProviderFactory.class;
    }
}
