package dev.trustpack.mfa.login;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import dev.trustpack.mfa.decision.MfaDecision;
import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.mfa.decision.RequestedAcr;
import dev.trustpack.mfa.factor.Factor;
import dev.trustpack.mfa.factor.FactorInventory;
import dev.trustpack.mfa.policy.MfaPolicy;
import dev.trustpack.mfa.token.MfaSessionNotes;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.branding.BrandingStore;
import dev.trustpack.tenancy.policy.EffectivePolicy;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The MFA facts and decision of one login in progress, shared by the browser and direct-grant steps. The requirement
 * is read first; the facts about the user (factors, grace, the SSO session) only when a decision needs them, so a
 * login with nothing to decide costs one policy read.
 */
final class MfaLogin {

    /** Keycloak's auth note for a login that its SSO cookie completed (set by the cookie authenticator). */
    static final String SSO_AUTH_NOTE = "SSO_AUTH";

    final KeycloakSession session;
    final AuthenticationSessionModel authSession;
    final UserModel user;
    final MfaRequirement requirement;
    /** Why a second factor is asked for, as the login pages name it. */
    final MfaRule rule;
    private final boolean browser;
    private UserSessionModel ssoSession;
    private boolean ssoSessionLooked;
    private MfaDecision.Facts facts;

    private MfaLogin(KeycloakSession session, AuthenticationSessionModel authSession, UserModel user, boolean browser) {
        this.session = session;
        this.authSession = authSession;
        this.user = user;
        this.browser = browser;
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        EffectivePolicy policy = tenancy.policies().ofLogin(authSession, user);
        MfaRequirement byPolicy = MfaRequirement.of(policy);
        this.requirement = byPolicy.demanding(RequestedAcr.parse(authSession.getClientNote(OIDCLoginProtocol.ACR_PARAM)));
        this.rule = MfaRule.of(byPolicy, requirement, policy.source(MfaPolicy.SECTION, MfaPolicy.REQUIRE));
    }

    /** A browser or broker login, which may continue an SSO session. */
    static MfaLogin of(KeycloakSession session, AuthenticationSessionModel authSession, UserModel user) {
        return new MfaLogin(session, authSession, user, true);
    }

    /** A password grant: a new session every time, so there is no SSO session to look up. */
    static MfaLogin ofGrant(KeycloakSession session, AuthenticationSessionModel authSession, UserModel user) {
        return new MfaLogin(session, authSession, user, false);
    }

    MfaDecision.Facts facts() {
        if (facts == null) {
            Set<Factor> proven = EnumSet.noneOf(Factor.class);
            proven.addAll(MfaSessionNotes.provenInSession(ssoSession()));
            proven.addAll(MfaSessionNotes.provenInLogin(authSession));
            facts = new MfaDecision.Facts(FactorInventory.enrolled(user), proven,
                    FactorInventory.available(authSession.getRealm()), GraceStart.of(user), Instant.now(),
                    "true".equals(authSession.getAuthNote(SSO_AUTH_NOTE)), ResetGrace.until(user));
        }
        return facts;
    }

    MfaDecision decide() {
        return MfaDecision.decide(requirement, facts());
    }

    Optional<Tenant> tenant() {
        return session.getProvider(TenancyProvider.class).activeTenant(authSession);
    }

    /** The tenant's name as the login pages show it (its branding's display name, if set). */
    Optional<String> tenantName() {
        return tenant().map(tenant -> BrandingStore.shownName(session, tenant));
    }

    String tenantAlias() {
        return tenant().map(Tenant::alias).orElse(null);
    }

    /** Records what this login proved on the SSO session (for amr and for later logins of the session). */
    void recordSession() {
        MfaSessionNotes.record(authSession, ssoSession());
    }

    /** The SSO session this login continues (cookie SSO or a re-authentication in the same browser), if any. */
    private UserSessionModel ssoSession() {
        if (!ssoSessionLooked) {
            ssoSessionLooked = true;
            ssoSession = browser ? lookUpSsoSession() : null;
        }
        return ssoSession;
    }

    private UserSessionModel lookUpSsoSession() {
        UserSessionModel userSession = new AuthenticationSessionManager(session).getUserSession(authSession);
        if (userSession == null || user == null || userSession.getUser() == null
                || !user.getId().equals(userSession.getUser().getId())) {
            return null;
        }
        return userSession;
    }
}
