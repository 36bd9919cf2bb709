package dev.trustpack.google.login;

import java.util.Optional;

import dev.trustpack.google.policy.GooglePolicy;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.policy.EffectivePolicy;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.authentication.authenticators.browser.OrganizationAuthenticator;

/**
 * Keycloak's identity-first organization step ({@code organization}), with one thing first: a username or email at a
 * verified domain of a tenant whose policy requires Google goes straight to Google, with the email as
 * {@code login_hint} and the domain as {@code hd}, before any password page. Keycloak's step alone cannot: it
 * redirects only to a provider bound to that one organization, and answers an unknown user at an organization's
 * domain with "you don't have an account yet" — where a Google tenant creates accounts just in time.
 *
 * <p>Routing only: the domain here comes from what was typed, so it decides nothing; the tenant of the Google login
 * is the ID token's {@code hd}, and {@link SsoAuthenticator} enforces SSO-only whatever was typed. Known and unknown
 * usernames at the domain are sent alike, so the redirect tells nobody whether an account exists.
 */
final class IdentityFirstAuthenticator extends GoogleStep {

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String loginHint = context.getAuthenticationSession().getClientNote("login_hint");
        if (loginHint != null && redirected(context, loginHint)) {
            return;
        }
        keycloakStep(context.getSession()).authenticate(context);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String username = context.getHttpRequest().getDecodedFormParameters().getFirst("username");
        if (username != null && !username.isBlank() && redirected(context, username.strip())) {
            return;
        }
        keycloakStep(context.getSession()).action(context);
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return keycloakStep(session).configuredFor(session, realm, user);
    }

    private static OrganizationAuthenticator keycloakStep(KeycloakSession session) {
        return new OrganizationAuthenticator(session);
    }

    private static boolean redirected(AuthenticationFlowContext context, String typed) {
        UserModel user = KeycloakModelUtils.findUserByNameOrEmail(context.getSession(), context.getRealm(), typed);
        String email = user != null && user.getEmail() != null ? user.getEmail() : typed;
        Optional<String> domain = SsoAuthenticator.emailDomain(email);
        if (domain.isEmpty()) {
            return false;
        }
        TenancyProvider tenancy = tenancy(context);
        Optional<Tenant> tenant = tenancy.tenantByVerifiedDomain(domain.get());
        if (tenant.isEmpty() || (user != null && !tenancy.isMember(tenant.get(), user))) {
            return false;
        }
        EffectivePolicy policy = user == null ? tenancy.policies().of(tenant.get())
                : tenancy.policies().of(tenant.get(), user);
        if (!policy.value(GooglePolicy.SECTION, GooglePolicy.REQUIRED)
                || !policy.value(GooglePolicy.SECTION, GooglePolicy.ALLOWED)) {
            return false;
        }
        // Looked up last: most logins are at no SSO-only tenant and need no provider at all.
        Optional<IdentityProviderModel> provider = googleProvider(context.getSession());
        if (provider.isEmpty()) {
            return false;
        }
        context.forceChallenge(SsoAuthenticator.redirect(context, provider.get(), domain.get(), email));
        return true;
    }
}
