package dev.trustpack.sessions.login;

import java.util.List;
import java.util.Optional;

import dev.trustpack.common.audit.SessionEndedAudit;
import dev.trustpack.sessions.enforce.SessionEnd;
import dev.trustpack.sessions.enforce.SessionNotes;
import dev.trustpack.sessions.limits.SessionLimits;
import dev.trustpack.sessions.policy.SessionPolicy;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.branding.BrandingStore;
import dev.trustpack.tenancy.policy.EffectivePolicy;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * After the tenant step, in the browser, post-broker-login and direct-grant flows. A login through an existing SSO
 * session (cookie SSO) that is past its limits ends that session — every client's, with back-channel logouts — and
 * starts over at the login page, which says why. Otherwise it records on the SSO session the limits of the tenant
 * this login activated for this user, keeping the stricter of those already there.
 */
final class SessionStep implements Authenticator {

    static final String EXPIRED_IDLE = "trustpackSessionExpiredIdle";
    static final String EXPIRED_MAX = "trustpackSessionExpiredMax";
    static final String EXPIRED_IDLE_TENANT = "trustpackSessionExpiredIdleTenant";
    static final String EXPIRED_MAX_TENANT = "trustpackSessionExpiredMaxTenant";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        KeycloakSession session = context.getSession();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        long now = Time.currentTime();
        UserSessionModel found = new AuthenticationSessionManager(session).getUserSession(authSession);
        UserSessionModel sso = found != null && found.getUser() != null && found.getUser().getId().equals(user.getId())
                ? found : null;
        if (sso != null) {
            Optional<SessionLimits> limits = SessionNotes.limits(sso);
            Optional<SessionLimits.Reason> ended = limits.flatMap(l -> l.ended(sso.getStarted(),
                    SessionNotes.lastUseBeforeThisLogin(sso), now));
            if (ended.isPresent()) {
                end(context, sso, limits.get(), ended.get());
                return;
            }
        }
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        if (rememberMeExtends(authSession, tenancy, user)) {
            context.success();
            return;
        }
        SessionNotes.record(authSession, sso, limitsOf(tenancy, authSession, user), now,
                session.getContext().getUri().getBaseUri());
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    /** The limits the policy of the login's tenant sets for the user; AAL2 defaults for the tenant's admins. */
    static SessionLimits limitsOf(TenancyProvider tenancy, AuthenticationSessionModel authSession, UserModel user) {
        EffectivePolicy policy = tenancy.policies().ofLogin(authSession, user);
        Optional<Tenant> tenant = tenancy.activeTenant(authSession);
        return SessionLimits.of(policy, tenant.map(t -> tenancy.isTenantAdmin(t, user)).orElse(false));
    }

    /** A remember-me login where the policy lets remember-me extend the limits: the realm's remember-me limits rule. */
    private static boolean rememberMeExtends(AuthenticationSessionModel authSession, TenancyProvider tenancy,
                                             UserModel user) {
        return "true".equals(authSession.getAuthNote(Details.REMEMBER_ME)) && tenancy.policies()
                .ofLogin(authSession, user).value(SessionPolicy.SECTION, SessionPolicy.REMEMBER_ME);
    }

    private static void end(AuthenticationFlowContext context, UserSessionModel sso, SessionLimits limits,
                            SessionLimits.Reason reason) {
        RealmModel realm = context.getRealm();
        context.getEvent().detail(SessionEndedAudit.REASON, reason.code());
        Optional<String> tenant = onlyTenant(context.getSession(), sso);
        SessionEnd.now(context.getSession(), realm, sso, reason);
        AuthenticationManager.expireIdentityCookie(context.getSession());
        // Numbers, not text: the bundles choose singular or plural forms with them.
        Long amount = reason == SessionLimits.Reason.IDLE ? Math.max(1, limits.idleSeconds() / 60)
                : Math.max(1, limits.maxSeconds() / 3600);
        String key = reason == SessionLimits.Reason.IDLE ? (tenant.isPresent() ? EXPIRED_IDLE_TENANT : EXPIRED_IDLE)
                : (tenant.isPresent() ? EXPIRED_MAX_TENANT : EXPIRED_MAX);
        // The name is shown only to the browser that held this session's cookie, whose user signed in to the tenant.
        FormMessage message = tenant.isPresent() ? new FormMessage(null, key, tenant.get(), amount)
                : new FormMessage(null, key, amount);
        // A fresh login in a fresh authentication session, with the reason on its first page.
        context.forkWithErrorMessage(message);
    }

    /** The tenant the session was used for, if exactly one: the limits that ended it are that tenant's. */
    private static Optional<String> onlyTenant(KeycloakSession session, UserSessionModel sso) {
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        List<String> names = sso.getNotes().keySet().stream()
                .filter(note -> note.startsWith(TenancyProvider.SESSION_TENANT_NOTE_PREFIX))
                .map(note -> tenancy.tenantById(note.substring(TenancyProvider.SESSION_TENANT_NOTE_PREFIX.length())))
                .flatMap(Optional::stream)
                .map(tenant -> BrandingStore.shownName(session, tenant))
                .toList();
        return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
