package dev.trustpack.mfa.login;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.trustpack.mfa.audit.MfaAudit;
import dev.trustpack.mfa.factor.Factor;
import dev.trustpack.mfa.factor.FactorInventory;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Runs after Keycloak's set-up action for the factor the user chose (its priority must be lower, as in the demo
 * realm): checks that a new credential of that type exists, records it as proven in this login (setting a factor up
 * proves possession of it), audits the enrolment, ends the grace period, and offers recovery codes. If the set-up
 * did not happen, it puts the set-up action back: the login cannot finish without it.
 */
final class MfaEnrolmentAction implements RequiredActionProvider {

    static final String ID = "trustpack-mfa-enrolment";

    private static final String ENROLLING = "trustpack.mfa.enrolling";
    private static final String PRIOR_CREDENTIALS = "trustpack.mfa.prior-credentials";

    /** Makes the login set the factor up before it completes (Keycloak's action, then this one). */
    static void expect(AuthenticationSessionModel authSession, UserModel user, Factor factor) {
        authSession.setAuthNote(ENROLLING, factor.id());
        authSession.setAuthNote(PRIOR_CREDENTIALS, String.join(",", FactorInventory.credentialIds(user, factor)));
        authSession.addRequiredAction(factor.setupAction());
        authSession.addRequiredAction(ID);
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<Factor> factor = Factor.byId(authSession.getAuthNote(ENROLLING));
        if (factor.isEmpty()) {
            context.success();
            return;
        }
        Set<String> prior = Set.copyOf(Arrays.asList(String.valueOf(authSession.getAuthNote(PRIOR_CREDENTIALS)).split(",")));
        boolean added = FactorInventory.credentialIds(context.getUser(), factor.get()).stream().anyMatch(id -> !prior.contains(id));
        if (!added) {
            // The set-up action was skipped or failed: ask for it again rather than finish without a factor.
            authSession.addRequiredAction(factor.get().setupAction());
            Response page = context.form().setError("trustpackMfaSetupIncomplete").createForm("trustpack-mfa-incomplete.ftl");
            context.challenge(page);
            return;
        }
        complete(context, factor.get());
    }

    @Override
    public void processAction(RequiredActionContext context) {
        requiredActionChallenge(context);
    }

    private static void complete(RequiredActionContext context, Factor factor) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        authSession.removeAuthNote(ENROLLING);
        authSession.removeAuthNote(PRIOR_CREDENTIALS);
        AuthenticatorUtil.addAuthCredential(authSession, factor.credentialType());
        MfaLogin login = MfaLogin.of(context.getSession(), authSession, user);
        login.recordSession();
        GraceStart.clear(user);
        ResetGrace.clear(user);
        MfaAudit.record(context.getSession(), MfaAudit.ENROLLED, user.getId(), authSession.getClient().getClientId(),
                login.tenantAlias(), Map.of(MfaAudit.FACTOR, factor.id()));
        if (FactorInventory.available(context.getRealm()).contains(Factor.RECOVERY)
                && !FactorInventory.enrolled(user).contains(Factor.RECOVERY)) {
            authSession.addRequiredAction(Factor.RECOVERY.setupAction());
        }
        context.success();
    }

    @Override
    public void close() {
    }
}
