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
import dev.trustpack.mfa.token.MfaSessionNotes;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/** The MFA facts and decision of one login in progress, shared by the browser and direct-grant steps. */
final class MfaLogin {

    final KeycloakSession session;
    final AuthenticationSessionModel authSession;
    final UserModel user;
    final UserSessionModel ssoSession;
    final MfaRequirement requirement;
    final MfaDecision.Facts facts;

    /** Keycloak's auth note for a login that its SSO cookie completed (set by the cookie authenticator). */
    static final String SSO_AUTH_NOTE = "SSO_AUTH";

    private MfaLogin(KeycloakSession session, AuthenticationSessionModel authSession, UserModel user) {
        this.session = session;
        this.authSession = authSession;
        this.user = user;
        this.ssoSession = ssoSession(session, authSession, user);
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        this.requirement = MfaRequirement.of(tenancy.policies().ofLogin(authSession, user))
                .demanding(RequestedAcr.parse(authSession.getClientNote(OIDCLoginProtocol.ACR_PARAM)));
        Set<Factor> proven = EnumSet.noneOf(Factor.class);
        proven.addAll(MfaSessionNotes.provenInSession(ssoSession));
        proven.addAll(MfaSessionNotes.provenInLogin(authSession));
        this.facts = new MfaDecision.Facts(FactorInventory.enrolled(user), proven,
                FactorInventory.available(authSession.getRealm()), GraceStart.of(user), Instant.now(),
                "true".equals(authSession.getAuthNote(SSO_AUTH_NOTE)), ResetGrace.until(user));
    }

    static MfaLogin of(KeycloakSession session, AuthenticationSessionModel authSession, UserModel user) {
        return new MfaLogin(session, authSession, user);
    }

    MfaDecision decide() {
        return MfaDecision.decide(requirement, facts);
    }

    Optional<Tenant> tenant() {
        return session.getProvider(TenancyProvider.class).activeTenant(authSession);
    }

    String tenantAlias() {
        return tenant().map(Tenant::alias).orElse(null);
    }

    /** Records what this login proved on the SSO session (for amr and for later logins of the session). */
    void recordSession() {
        MfaSessionNotes.record(authSession, ssoSession);
    }

    /** The SSO session this login continues (cookie SSO or a re-authentication in the same browser), if any. */
    private static UserSessionModel ssoSession(KeycloakSession session, AuthenticationSessionModel authSession,
                                               UserModel user) {
        UserSessionModel userSession = new AuthenticationSessionManager(session).getUserSession(authSession);
        if (userSession == null || user == null || userSession.getUser() == null
                || !user.getId().equals(userSession.getUser().getId())) {
            return null;
        }
        return userSession;
    }
}
