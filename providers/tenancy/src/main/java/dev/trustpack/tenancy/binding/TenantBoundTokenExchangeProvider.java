package dev.trustpack.tenancy.binding;

import java.util.List;

import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.TenantScope;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.protocol.oidc.tokenexchange.StandardTokenExchangeProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.CorsErrorResponseException;

/**
 * Keycloak's standard token exchange (V2), with the tenant binding kept: the new token is for the subject token's
 * tenant. A {@code scope} that names another tenant is refused with {@code invalid_scope}, one that names none gets
 * the subject's tenant, and a requesting client that cannot carry a tenant (no {@code organization} client scope)
 * cannot exchange a tenant-bound token. Everything else is Keycloak's own exchange.
 */
final class TenantBoundTokenExchangeProvider extends StandardTokenExchangeProvider {

    @Override
    protected String getRequestedScope(AccessToken subjectToken, List<ClientModel> targetAudienceClients) {
        String requested = super.getRequestedScope(subjectToken, targetAudienceClients);
        TenantScope.Request bound = TenantScope.parse(subjectToken.getScope());
        if (!TenantBinding.concernsTenant(bound, requested)
                || TenantBinding.trustpackSession(session, realm, subjectToken.getSessionId()) == null) {
            return requested;
        }
        if (bound.kind() == TenantScope.Kind.SPECIFIC
                && session.getProvider(TenancyProvider.class).tokenTenant(subjectToken).isEmpty()) {
            throw refuse(OAuthErrorException.INVALID_GRANT,
                    "The tenant the subject token is bound to is no longer available to the user");
        }
        TenantBinding.Outcome outcome = TenantBinding.exchange(bound, requested);
        if (outcome instanceof TenantBinding.Refuse refusal) {
            throw refuse(refusal.error(), refusal.description());
        }
        if (bound.kind() == TenantScope.Kind.SPECIFIC && !TenantScope.isAvailableTo(client)) {
            throw refuse(OAuthErrorException.INVALID_SCOPE, "Client '" + client.getClientId() + "' has no "
                    + "'organization' client scope, so its tokens cannot carry the tenant the subject token is bound to");
        }
        return ((TenantBinding.Keep) outcome).scope();
    }

    private CorsErrorResponseException refuse(String error, String description) {
        event.detail("reason", description);
        event.error(error);
        return new CorsErrorResponseException(cors, error, description, Response.Status.BAD_REQUEST);
    }
}
