package dev.trustpack.tenancy.authentication;

import java.util.List;
import java.util.Optional;

import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Browser flows: decides the active tenant after the user is identified (password, SSO cookie or identity
 * provider), shows the tenant picker when the user belongs to several tenants and the app asked for none, and
 * answers a request for a tenant the user may not use with an OAuth error redirect ({@code access_denied}).
 */
final class TenantSelectionAuthenticator extends TenantAuthenticator {

    static final String FORM = "trustpack-select-tenant.ftl";
    static final String FORM_PARAMETER = "tenant";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        TenantStep.Decision decision = TenantStep.decide(tenancy(context), context.getAuthenticationSession(),
                context.getUser(), TenantStep.tenantRequired(context));
        if (decision instanceof TenantStep.Activate activate) {
            TenantStep.activate(context, activate.tenant());
            context.success();
        } else if (decision instanceof TenantStep.Choose choose) {
            context.challenge(picker(context, choose.tenants(), null));
        } else if (decision instanceof TenantStep.Refuse refuse) {
            refuse(context, refuse);
        } else {
            context.getSession().getProvider(TenancyProvider.class).activateNone(context.getAuthenticationSession());
            context.success();
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String alias = form.getFirst(FORM_PARAMETER);
        List<Tenant> tenants = tenancy(context).tenantsOf(context.getUser());
        Optional<Tenant> chosen = tenants.stream().filter(t -> t.alias().equals(alias)).findFirst();
        if (chosen.isPresent()) {
            TenantStep.activate(context, chosen.get());
            context.success();
        } else {
            context.challenge(picker(context, tenants, "trustpackTenantInvalidChoice"));
        }
    }

    private static Response picker(AuthenticationFlowContext context, List<Tenant> tenants, String error) {
        var form = context.form().setAttribute("tenants", TenantStep.choices(tenants));
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(FORM);
    }

    private static void refuse(AuthenticationFlowContext context, TenantStep.Refuse refusal) {
        KeycloakSession session = context.getSession();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        TenantStep.recordRefusal(context, refusal);
        LoginProtocol protocol = session.getProvider(LoginProtocol.class, authSession.getProtocol());
        protocol.setRealm(context.getRealm())
                .setHttpHeaders(session.getContext().getRequestHeaders())
                .setUriInfo(session.getContext().getUri())
                .setEventBuilder(context.getEvent());
        context.forceChallenge(protocol.sendError(authSession, LoginProtocol.Error.CONSENT_DENIED, refusal.description()));
    }

    private static TenancyProvider tenancy(AuthenticationFlowContext context) {
        return context.getSession().getProvider(TenancyProvider.class);
    }
}
