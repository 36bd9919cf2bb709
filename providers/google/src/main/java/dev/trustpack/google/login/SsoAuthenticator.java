package dev.trustpack.google.login;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.trustpack.google.audit.GoogleAudit;
import dev.trustpack.google.decision.GoogleRefusal;
import dev.trustpack.google.policy.GooglePolicy;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.policy.EffectivePolicy;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * After the tenant step, in the browser and post-broker-login flows: holds the active tenant's Google policy.
 * <ul>
 *   <li>A Google login signs in to a tenant only if that tenant allows Google; to an SSO-only tenant only from a
 *       Google account of one of its verified domains. It is recorded on the SSO session for that tenant.</li>
 *   <li>Any other login (password, cookie SSO, another provider) to an SSO-only tenant is sent to Google (browser
 *       flow) or refused (post-broker flow), unless this SSO session already signed in to the tenant through Google.</li>
 * </ul>
 */
final class SsoAuthenticator extends GoogleStep {

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        TenancyProvider tenancy = tenancy(context);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<Tenant> tenant = tenancy.activeTenant(authSession);
        Optional<GoogleIdentity> google = googleIdentityAfterBroker(context);
        if (google.isPresent()) {
            googleLogin(context, google.get(), tenant);
            return;
        }
        if (tenant.isEmpty() || !policy(context, tenant.get()).value(GooglePolicy.SECTION, GooglePolicy.REQUIRED)) {
            context.success();
            return;
        }
        UserSessionModel ssoSession = new AuthenticationSessionManager(context.getSession()).getUserSession(authSession);
        if (ssoSession != null && ssoSession.getUser() != null && ssoSession.getUser().getId().equals(context.getUser().getId())
                && ssoSession.getNote(GoogleLogin.SSO_TENANT_NOTE_PREFIX + tenant.get().id()) != null) {
            context.success();
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        Optional<IdentityProviderModel> provider = googleProvider(context.getSession());
        boolean browserFlow = authSession.getAuthNote(FIRST_BROKER_CONTEXT) == null
                && authSession.getAuthNote(AFTER_BROKER_CONTEXT) == null;
        if (provider.isPresent() && browserFlow && allowed(context, tenant.get())) {
            details.put(GoogleAudit.METHOD, "redirected");
            Refusals.inFlow(context, provider.get().getAlias(), GoogleRefusal.SSO_REQUIRED, tenant.get().alias(),
                    details, false);
            context.forceChallenge(redirectToGoogle(context, provider.get(), tenant.get(), context.getUser()));
            return;
        }
        Refusals.inFlow(context, provider.map(IdentityProviderModel::getAlias).orElse(null), GoogleRefusal.SSO_REQUIRED,
                tenant.get().alias(), details, true);
        context.forceChallenge(context.form().setError(GoogleRefusal.SSO_REQUIRED.messageKey(), tenant.get().name())
                .createErrorPage(Response.Status.FORBIDDEN));
    }

    private static void googleLogin(AuthenticationFlowContext context, GoogleIdentity google, Optional<Tenant> tenant) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String hd = google.hd();
        Optional<String> hdTenantId = google.hdTenant().map(Tenant::id);
        Map<String, String> details = new LinkedHashMap<>();
        details.put(GoogleAudit.GOOGLE_SUB, google.sub());
        details.put(GoogleAudit.HD, hd);
        String clientId = authSession.getClient().getClientId();
        if (tenant.isPresent()) {
            EffectivePolicy policy = policy(context, tenant.get());
            GoogleRefusal refusal = null;
            if (!policy.value(GooglePolicy.SECTION, GooglePolicy.ALLOWED)) {
                refusal = GoogleRefusal.NOT_ALLOWED;
            } else if (policy.value(GooglePolicy.SECTION, GooglePolicy.REQUIRED)
                    && !hdTenantId.equals(Optional.of(tenant.get().id()))) {
                refusal = GoogleRefusal.SSO_DOMAIN;
            }
            if (refusal != null) {
                Refusals.inFlow(context, google.alias(), refusal, tenant.get().alias(), details, true);
                context.forceChallenge(context.form().setError(refusal.messageKey(), tenant.get().name())
                        .createErrorPage(Response.Status.FORBIDDEN));
                return;
            }
            if (hdTenantId.equals(Optional.of(tenant.get().id()))) {
                authSession.setUserSessionNote(GoogleLogin.SSO_TENANT_NOTE_PREFIX + tenant.get().id(), hd);
            }
        }
        GoogleAudit.success(context.getSession(), GoogleAudit.LOGIN, context.getUser().getId(), clientId,
                tenant.map(Tenant::alias).orElse(null), details);
        context.success();
    }

    private static EffectivePolicy policy(AuthenticationFlowContext context, Tenant tenant) {
        return tenancy(context).policies().ofLogin(context.getAuthenticationSession(), context.getUser());
    }

    private static boolean allowed(AuthenticationFlowContext context, Tenant tenant) {
        return policy(context, tenant).value(GooglePolicy.SECTION, GooglePolicy.ALLOWED);
    }

    /**
     * To Google with the tenant's domain as {@code hd} (the one of the user's email, if the tenant owns it) and the
     * user's email as {@code login_hint}. The Google login comes back through the post-broker-login flow.
     */
    static Response redirectToGoogle(AuthenticationFlowContext context, IdentityProviderModel provider, Tenant tenant,
                                     UserModel user) {
        String email = user == null ? null : user.getEmail();
        String domain = emailDomain(email)
                .filter(candidate -> tenancy(context).tenantByVerifiedDomain(candidate).map(Tenant::id)
                        .equals(Optional.of(tenant.id())))
                .orElse(null);
        return redirect(context, provider, domain, email);
    }

    static Response redirect(AuthenticationFlowContext context, IdentityProviderModel provider, String hdHint,
                             String loginHint) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (hdHint != null) {
            authSession.setAuthNote(GoogleLogin.HD_HINT_NOTE, hdHint);
        } else {
            authSession.removeAuthNote(GoogleLogin.HD_HINT_NOTE);
        }
        String accessCode = new ClientSessionCode<>(context.getSession(), context.getRealm(), authSession)
                .getOrGenerateCode();
        URI location = Urls.identityProviderAuthnRequest(context.getUriInfo().getBaseUri(), provider.getAlias(),
                context.getRealm().getName(), accessCode, authSession.getClient().getClientId(), authSession.getTabId(),
                AuthenticationProcessor.getClientData(context.getSession(), authSession), loginHint);
        return Response.seeOther(location).build();
    }

    static Optional<String> emailDomain(String email) {
        if (email == null) {
            return Optional.empty();
        }
        int at = email.lastIndexOf('@');
        return at <= 0 || at == email.length() - 1 ? Optional.empty()
                : Optional.of(email.substring(at + 1).toLowerCase(Locale.ROOT));
    }
}
