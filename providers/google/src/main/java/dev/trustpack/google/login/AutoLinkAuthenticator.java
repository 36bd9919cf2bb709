package dev.trustpack.google.login;

import java.util.Locale;
import java.util.Optional;

import dev.trustpack.google.decision.LinkRule;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.models.UserModel;

/**
 * Links a new Google identity to the existing account Keycloak found for it only under {@link LinkRule}; otherwise
 * {@code attempted()}, so the flow's next alternative asks the account holder to confirm and re-authenticate.
 * Replaces Keycloak's {@code idp-auto-link}, which links on the email alone.
 */
final class AutoLinkAuthenticator extends GoogleStep {

    static final String AUTOMATIC = "automatic";

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<GoogleIdentity> identity = googleIdentityInFirstLogin(context);
        if (identity.isEmpty()) {
            context.attempted();
            return;
        }
        UserModel existing = AbstractIdpAuthenticator.getExistingUser(context.getSession(), context.getRealm(),
                context.getAuthenticationSession());
        Optional<Tenant> tenant = identity.get().hdTenant();
        String googleEmail = identity.get().email();
        boolean emailsEqual = googleEmail != null && existing.getEmail() != null
                && googleEmail.toLowerCase(Locale.ROOT).equals(existing.getEmail().toLowerCase(Locale.ROOT));
        LinkRule.Outcome outcome = LinkRule.decide(tenant.isPresent(),
                tenant.isPresent() && tenancy(context).isMember(tenant.get(), existing), existing.isEmailVerified(),
                emailsEqual);
        if (outcome == LinkRule.Outcome.AUTOMATIC) {
            context.getAuthenticationSession().setAuthNote(GoogleLogin.LINK_NOTE, AUTOMATIC);
            context.setUser(existing);
            context.success();
        } else {
            context.attempted();
        }
    }
}
