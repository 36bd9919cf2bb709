package dev.trustpack.mfa.login;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.trustpack.mfa.audit.MfaAudit;
import dev.trustpack.mfa.decision.MfaDecision;
import dev.trustpack.mfa.factor.Factor;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.OTPFormAuthenticator;
import org.keycloak.authentication.authenticators.browser.RecoveryAuthnCodesFormAuthenticator;
import org.keycloak.authentication.authenticators.browser.WebAuthnAuthenticator;
import org.keycloak.authentication.authenticators.browser.WebAuthnPasswordlessAuthenticator;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The MFA step of browser logins, placed after the tenant step (so the effective policy is the active tenant's and
 * the user's roles there). Runs on cookie-SSO logins too, which is how a session that has not done MFA steps up when
 * it is reused for a tenant that requires it.
 *
 * <p>It asks for a factor the user has by lending the login to Keycloak's own authenticators (OTP form, WebAuthn,
 * passkey, recovery codes), so verification, code reuse and brute-force counting stay Keycloak's. Enrolment goes
 * through Keycloak's set-up required actions, followed by {@link MfaEnrolmentAction}, which records that the new
 * factor was set up. Every form post is checked against a fresh decision: a page cannot choose a looser path than
 * the policy allows.
 */
final class MfaAuthenticator extends MfaStep {

    static final String VERIFY_FORM = "trustpack-mfa-verify.ftl";
    static final String SETUP_FORM = "trustpack-mfa-setup.ftl";

    static final String PARAM_FACTOR = "factor";
    static final String PARAM_SETUP = "setup";
    static final String PARAM_LATER = "later";

    /** Auth note: the factor being asked for (its delegate handles the posts until it succeeds). */
    static final String CHALLENGED_FACTOR = "trustpack.mfa.challenge";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MfaLogin login = MfaLogin.of(context.getSession(), context.getAuthenticationSession(), context.getUser());
        MfaDecision decision = login.decide();
        if (login.facts().ssoLogin() && login.requirement.required() && !(decision instanceof MfaDecision.Pass)) {
            MfaAudit.record(context.getSession(), MfaAudit.STEP_UP, context.getUser().getId(), clientId(context),
                    login.tenantAlias(), Map.of());
        }
        if (decision instanceof MfaDecision.Challenge challenge) {
            if (challenge.factors().size() == 1 && !challenge.recovery()) {
                // Straight to the factor's own page (Keycloak's): it says why, as the choice page would have.
                context.form().setInfo(login.rule.messageKey(), login.rule.parameters(login.tenantName().orElse("")));
                startChallenge(context, challenge.factors().get(0));
            } else {
                context.challenge(verifyForm(context, login, challenge, null));
            }
        } else if (decision instanceof MfaDecision.Offer offer) {
            if (offer.startsGrace()) {
                GraceStart.start(context.getUser(), login.facts().now());
                MfaAudit.record(context.getSession(), MfaAudit.GRACE_STARTED, context.getUser().getId(),
                        clientId(context), login.tenantAlias(),
                        Map.of(MfaAudit.GRACE_DAYS, String.valueOf(login.requirement.graceDays())));
            }
            context.challenge(setupForm(context, login, offer.factors(), offer.daysLeft(), true, null));
        } else if (decision instanceof MfaDecision.Enrol enrol) {
            if (enrol.graceEnded()) {
                MfaAudit.record(context.getSession(), MfaAudit.ENFORCED, context.getUser().getId(),
                        clientId(context), login.tenantAlias(), Map.of());
            }
            context.challenge(setupForm(context, login, enrol.factors(), null, false, null));
        } else if (decision instanceof MfaDecision.Deny deny) {
            deny(context, deny);
        } else {
            pass(context, login);
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String challenged = authSession.getAuthNote(CHALLENGED_FACTOR);
        boolean ownPost = form.containsKey(PARAM_FACTOR) || form.containsKey(PARAM_SETUP) || form.containsKey(PARAM_LATER);
        MfaLogin login = MfaLogin.of(context.getSession(), authSession, context.getUser());
        MfaDecision decision = login.decide();
        if (challenged != null && !ownPost) {
            // Only while the factor is still asked for (a policy may have changed mid-login).
            Optional<Factor> factor = Factor.byId(challenged).filter(f -> asks(decision, f));
            if (factor.isPresent()) {
                delegate(context, factor.get()).action(context);
                login.recordSession();
                return;
            }
        }
        authSession.removeAuthNote(CHALLENGED_FACTOR);
        if (decision instanceof MfaDecision.Challenge challenge) {
            Optional<Factor> chosen = Factor.byId(form.getFirst(PARAM_FACTOR)).filter(f -> asks(challenge, f));
            if (chosen.isPresent()) {
                startChallenge(context, chosen.get());
            } else {
                context.challenge(verifyForm(context, login, challenge, "trustpackMfaChooseFactor"));
            }
        } else if (decision instanceof MfaDecision.Offer offer) {
            if (form.containsKey(PARAM_LATER)) {
                postpone(context, login, offer);
            } else {
                setUp(context, login, offer.factors(), offer.daysLeft(), true, form.getFirst(PARAM_SETUP));
            }
        } else if (decision instanceof MfaDecision.Enrol enrol) {
            setUp(context, login, enrol.factors(), null, false, form.getFirst(PARAM_SETUP));
        } else if (decision instanceof MfaDecision.Deny deny) {
            deny(context, deny);
        } else {
            pass(context, login);
        }
    }

    /** Whether the decision asks the user for this factor (recovery codes only where they may stand in). */
    private static boolean asks(MfaDecision decision, Factor factor) {
        return decision instanceof MfaDecision.Challenge challenge
                && (challenge.factors().contains(factor) || (factor == Factor.RECOVERY && challenge.recovery()));
    }

    private static void pass(AuthenticationFlowContext context, MfaLogin login) {
        login.recordSession();
        context.success();
    }

    private static void startChallenge(AuthenticationFlowContext context, Factor factor) {
        context.getAuthenticationSession().setAuthNote(CHALLENGED_FACTOR, factor.id());
        delegate(context, factor).authenticate(context);
    }

    private static void postpone(AuthenticationFlowContext context, MfaLogin login, MfaDecision.Offer offer) {
        if (offer.daysLeft() != null) {
            MfaAudit.record(context.getSession(), MfaAudit.POSTPONED, context.getUser().getId(), clientId(context),
                    login.tenantAlias(), Map.of(MfaAudit.DAYS_LEFT, String.valueOf(offer.daysLeft())));
        }
        pass(context, login);
    }

    private static void setUp(AuthenticationFlowContext context, MfaLogin login, List<Factor> allowed, Integer daysLeft,
                              boolean canPostpone, String requested) {
        Optional<Factor> factor = Factor.byId(requested).filter(allowed::contains);
        if (factor.isEmpty()) {
            context.challenge(setupForm(context, login, allowed, daysLeft, canPostpone, "trustpackMfaChooseFactor"));
            return;
        }
        MfaEnrolmentAction.expect(context.getAuthenticationSession(), context.getUser(), factor.get());
        login.recordSession();
        context.success();
    }

    private static void deny(AuthenticationFlowContext context, MfaDecision.Deny deny) {
        context.getEvent().detail("reason", deny.reason()).error(MfaEvents.ERROR_MFA_NOT_POSSIBLE);
        Response page = context.form().setError("trustpackMfaNotPossible")
                .createErrorPage(Response.Status.FORBIDDEN);
        context.failure(AuthenticationFlowError.ACCESS_DENIED, page);
    }

    private static Authenticator delegate(AuthenticationFlowContext context, Factor factor) {
        KeycloakSession session = context.getSession();
        switch (factor) {
            case TOTP:
                return new OTPFormAuthenticator();
            case WEBAUTHN:
                return new WebAuthnAuthenticator(session);
            case PASSKEY:
                return new WebAuthnPasswordlessAuthenticator(session);
            default:
                return new RecoveryAuthnCodesFormAuthenticator(session);
        }
    }

    private static Response verifyForm(AuthenticationFlowContext context, MfaLogin login, MfaDecision.Challenge challenge,
                                       String error) {
        List<String> factors = challenge.factors().stream().map(Factor::id).collect(Collectors.toList());
        if (challenge.recovery()) {
            factors.add(Factor.RECOVERY.id());
        }
        LoginFormsProvider form = context.form().setAttribute("mfaFactors", factors);
        named(form, login);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(VERIFY_FORM);
    }

    private static Response setupForm(AuthenticationFlowContext context, MfaLogin login, List<Factor> factors,
                                      Integer daysLeft, boolean canPostpone, String error) {
        LoginFormsProvider form = context.form()
                .setAttribute("mfaFactors", factors.stream().map(Factor::id).toList())
                .setAttribute("mfaCanPostpone", canPostpone)
                .setAttribute("mfaRequired", login.requirement.required());
        if (daysLeft != null) {
            form.setAttribute("mfaDaysLeft", daysLeft);
        }
        named(form, login);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(SETUP_FORM);
    }

    /** The tenant and the rule the page names (trustpack-mfa-rule.ftl turns them into a sentence). */
    private static void named(LoginFormsProvider form, MfaLogin login) {
        login.tenantName().ifPresent(name -> form.setAttribute("mfaTenant", name));
        form.setAttribute("mfaRule", login.rule.kind());
        if (login.rule.role() != null) {
            form.setAttribute("mfaRuleRole", login.rule.role());
        }
    }

    private static String clientId(AuthenticationFlowContext context) {
        return context.getAuthenticationSession().getClient().getClientId();
    }
}
