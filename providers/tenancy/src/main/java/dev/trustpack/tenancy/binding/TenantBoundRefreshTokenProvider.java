package dev.trustpack.tenancy.binding;

import java.util.Objects;

import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.TenantScope;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.refresh.DefaultRefreshTokenProvider;
import org.keycloak.protocol.oidc.refresh.DefaultRefreshTokenProviderFactory;
import org.keycloak.protocol.oidc.refresh.InitialRefreshTokenContext;
import org.keycloak.protocol.oidc.refresh.RefreshTokenContext;
import org.keycloak.representations.RefreshToken;

/**
 * Keycloak's refresh, with the tenant binding kept: a refresh token bound to a tenant is refreshed for that tenant
 * only. A {@code scope} parameter that names no tenant keeps the bound one; one that names another is refused with
 * {@code invalid_scope}; a binding that no longer stands (tenant disabled, membership gone) is refused with
 * {@code invalid_grant}. Everything else is Keycloak's own {@link DefaultRefreshTokenProvider}.
 *
 * <p>It takes part only in refreshes of tokens Keycloak's default provider issued: issuing refresh tokens is left to
 * Keycloak's providers (so its OID4VCI provider keeps its own tokens), and so are other providers' refresh tokens.
 */
final class TenantBoundRefreshTokenProvider extends DefaultRefreshTokenProvider {

    private final KeycloakSession session;

    TenantBoundRefreshTokenProvider(KeycloakSession session) {
        super(session);
        this.session = session;
    }

    @Override
    public boolean supports(InitialRefreshTokenContext context) {
        return false;
    }

    @Override
    public boolean supports(RefreshTokenContext context) {
        String provider = context.oldRefreshToken().getProvider();
        return super.supports(context)
                && (provider == null || DefaultRefreshTokenProviderFactory.PROVIDER_ID.equals(provider));
    }

    @Override
    public TokenManager.AccessTokenResponseBuilder refreshAccessToken(RefreshTokenContext context)
            throws OAuthErrorException {
        RefreshToken grant = context.oldRefreshToken();
        TenantScope.Request bound = TenantScope.parse(grant.getScope());
        String requested = context.scopeParameter();
        if (!TenantBinding.concernsTenant(bound, requested)
                || TenantBinding.trustpackSession(session, context.grantContext().getRealm(), grant.getSessionId()) == null) {
            return super.refreshAccessToken(context);
        }
        if (bound.kind() == TenantScope.Kind.SPECIFIC
                && session.getProvider(TenancyProvider.class).tokenTenant(grant).isEmpty()) {
            throw new OAuthErrorException(OAuthErrorException.INVALID_GRANT,
                    "The tenant this grant is bound to is no longer available to the user");
        }
        TenantBinding.Outcome outcome = TenantBinding.refresh(bound, requested);
        if (outcome instanceof TenantBinding.Refuse refuse) {
            throw new OAuthErrorException(refuse.error(), refuse.description());
        }
        String scope = ((TenantBinding.Keep) outcome).scope();
        if (Objects.equals(scope, requested)) {
            return super.refreshAccessToken(context);
        }
        return super.refreshAccessToken(new RefreshTokenContext(grant, context.grantContext(), context.grant(),
                context.tokenManager(), scope, context.resourceParameter()));
    }
}
