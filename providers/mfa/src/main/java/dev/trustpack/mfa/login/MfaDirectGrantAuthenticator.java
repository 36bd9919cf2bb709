package dev.trustpack.mfa.login;

import java.util.Map;

import dev.trustpack.mfa.audit.MfaAudit;
import dev.trustpack.mfa.decision.MfaDecision;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.ClientModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * Password grant: it cannot show a grace notice, ask for a factor it does not know, or let anyone enrol, so a user
 * whose policy requires MFA gets no token ({@code invalid_grant}, grace or not), unless this login already proved an
 * accepted factor (Keycloak's direct-grant OTP step) or a realm admin marked the client as a legacy client exempt
 * from MFA ({@link LegacyExemption}), which is audited at each use.
 */
final class MfaDirectGrantAuthenticator extends MfaStep {

    static final String MFA_REQUIRED_DESCRIPTION =
            "Multi-factor authentication is required for this account: sign in through the browser";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MfaLogin login = MfaLogin.ofGrant(context.getSession(), context.getAuthenticationSession(), context.getUser());
        if (!login.requirement.required() || login.decide() instanceof MfaDecision.Pass pass && pass.mfaDone()) {
            login.recordSession();
            context.success();
            return;
        }
        ClientModel client = context.getAuthenticationSession().getClient();
        if (LegacyExemption.of(client)) {
            context.getEvent().detail(MfaEvents.DETAIL_EXEMPTION, "legacy-client");
            MfaAudit.record(context.getSession(), MfaAudit.EXEMPTION_USED, context.getUser().getId(),
                    client.getClientId(), login.tenantAlias(), Map.of());
            login.recordSession();
            context.success();
            return;
        }
        context.getEvent().error(MfaEvents.ERROR_MFA_REQUIRED);
        context.forceChallenge(Response.status(Response.Status.BAD_REQUEST)
                .entity(new OAuth2ErrorRepresentation("invalid_grant", MFA_REQUIRED_DESCRIPTION))
                .type(MediaType.APPLICATION_JSON_TYPE).build());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }
}
