package dev.trustpack.tenancy;

import org.keycloak.provider.ProviderFactory;

public interface TenancyProviderFactory extends ProviderFactory<TenancyProvider> {
}
