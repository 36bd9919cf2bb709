package dev.trustpack.google.provider;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.trustpack.common.TrustpackVersion;
import org.keycloak.Config;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.social.google.GoogleIdentityProviderConfig;
import org.keycloak.social.google.GoogleIdentityProviderFactory;

/**
 * "Google (Trustpack)": Keycloak's Google provider for every tenant of a realm (provider id {@value #ID}). Its
 * admin-console form is Keycloak's Google form; the one server option is {@link GoogleEndpoints#BASE_URL}.
 */
public final class TenantGoogleIdentityProviderFactory extends GoogleIdentityProviderFactory
        implements ServerInfoAwareProviderFactory {

    public static final String ID = "trustpack-google";

    private static final Set<String> REPLACED_SETTINGS = Set.of("hostedDomain", "jwtAuthorizationGrantEnabled",
            "jwtAuthorizationGrantMaxAllowedAssertionExpiration");

    private GoogleEndpoints endpoints = GoogleEndpoints.GOOGLE;

    @Override
    public void init(Config.Scope config) {
        endpoints = GoogleEndpoints.read(config);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getName() {
        return "Google (Trustpack)";
    }

    @Override
    public TenantGoogleIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new TenantGoogleIdentityProvider(session, new GoogleIdentityProviderConfig(model), endpoints);
    }

    /**
     * Keycloak's Google settings without the ones this provider replaces: the {@code hd} list (the tenant rule decides)
     * and the JWT authorization grant (refused: no login page, no nonce, no {@code hd} rule there).
     */
    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return super.getConfigProperties().stream()
                .filter(property -> !REPLACED_SETTINGS.contains(property.getName()))
                .toList();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(getClass(), endpoints.describe());
    }
}
