package dev.trustpack.tenancy.authentication;

import dev.trustpack.tenancy.TenancyProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * Direct grant (password grant): the same tenant decision as in browser flows, without a page. A user in several
 * tenants must name one ({@code scope=organization:<alias>}); a tenant the user may not use is refused with
 * {@code invalid_scope}.
 */
final class TenantDirectGrantAuthenticator extends TenantAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        TenancyProvider tenancy = context.getSession().getProvider(TenancyProvider.class);
        TenantStep.Decision decision = TenantStep.decide(tenancy, context.getAuthenticationSession(),
                context.getUser(), TenantStep.tenantRequired(context));
        if (decision instanceof TenantStep.Activate activate) {
            TenantStep.activate(context, activate.tenant());
            context.success();
        } else if (decision instanceof TenantStep.Choose) {
            TenantStep.Refuse refusal = new TenantStep.Refuse(
                    "The user belongs to several tenants: request scope organization:<alias>", null);
            TenantStep.recordRefusal(context, refusal);
            context.forceChallenge(error("invalid_request", refusal.description()));
        } else if (decision instanceof TenantStep.Refuse refusal) {
            TenantStep.recordRefusal(context, refusal);
            context.forceChallenge(error("invalid_scope", refusal.description()));
        } else {
            context.getSession().getProvider(TenancyProvider.class).activateNone(context.getAuthenticationSession());
            context.success();
        }
    }

    private static Response error(String error, String description) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(new OAuth2ErrorRepresentation(error, description))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }
}
