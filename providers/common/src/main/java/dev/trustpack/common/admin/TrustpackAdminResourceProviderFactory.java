package dev.trustpack.common.admin;

import org.keycloak.provider.ProviderFactory;

/** Factory of a {@link TrustpackAdminResourceProvider}; its id is the path segment under {@code /trustpack/}. */
public interface TrustpackAdminResourceProviderFactory extends ProviderFactory<TrustpackAdminResourceProvider> {
}
