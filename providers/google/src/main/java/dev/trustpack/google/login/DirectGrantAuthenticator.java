package dev.trustpack.google.login;

import java.util.Map;
import java.util.Optional;

import dev.trustpack.google.decision.GoogleRefusal;
import dev.trustpack.google.policy.GooglePolicy;
import dev.trustpack.tenancy.Tenant;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * Password grant, after the tenant step: a member of an SSO-only tenant gets no token for it with a password
 * ({@code invalid_grant}); the grant cannot send anyone to Google.
 */
final class DirectGrantAuthenticator extends GoogleStep {

    static final String SSO_REQUIRED_DESCRIPTION = "This tenant signs in with Google only: use the browser";

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        boolean required = tenancy(context).policies().ofLogin(context.getAuthenticationSession(), context.getUser())
                .value(GooglePolicy.SECTION, GooglePolicy.REQUIRED);
        if (!required) {
            context.success();
            return;
        }
        Optional<Tenant> tenant = tenancy(context).activeTenant(context.getAuthenticationSession());
        Refusals.inFlow(context, null, GoogleRefusal.SSO_REQUIRED, tenant.map(Tenant::alias).orElse(null), Map.of(),
                true);
        context.forceChallenge(Response.status(Response.Status.BAD_REQUEST)
                .entity(new OAuth2ErrorRepresentation("invalid_grant", SSO_REQUIRED_DESCRIPTION))
                .type(MediaType.APPLICATION_JSON_TYPE).build());
    }
}
