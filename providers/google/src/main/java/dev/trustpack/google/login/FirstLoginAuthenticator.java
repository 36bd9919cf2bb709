package dev.trustpack.google.login;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.trustpack.google.audit.GoogleAudit;
import dev.trustpack.google.decision.GoogleRefusal;
import dev.trustpack.google.policy.GooglePolicy;
import dev.trustpack.tenancy.Tenant;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * First step of a Google identity's first login: refuses to go on when no account exists for it and its tenant
 * does not create accounts just in time. Whether an existing account with the same email is linked is decided later,
 * by {@link AutoLinkAuthenticator} or Keycloak's confirm-link with re-authentication — never here, never by email alone.
 */
final class FirstLoginAuthenticator extends GoogleStep {

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<GoogleIdentity> identity = googleIdentityInFirstLogin(context);
        if (identity.isEmpty() || existingAccount(context, identity.get()) || mayCreate(context, identity.get())) {
            context.success();
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put(GoogleAudit.GOOGLE_SUB, identity.get().sub());
        details.put(GoogleAudit.HD, identity.get().hd());
        details.put(GoogleAudit.EMAIL, identity.get().email());
        Refusals.inFlow(context, identity.get().alias(), GoogleRefusal.NO_ACCOUNT,
                identity.get().hdTenant().map(Tenant::alias).orElse(null), details, true);
        context.forceChallenge(context.form().setError(GoogleRefusal.NO_ACCOUNT.messageKey())
                .createErrorPage(Response.Status.FORBIDDEN));
    }

    /** As Keycloak's own lookup in its create-if-unique step: the email, then the username it would create. */
    private static boolean existingAccount(AuthenticationFlowContext context, GoogleIdentity identity) {
        UserModel byEmail = identity.email() == null || context.getRealm().isDuplicateEmailsAllowed() ? null
                : context.getSession().users().getUserByEmail(context.getRealm(), identity.email());
        if (byEmail != null) {
            return true;
        }
        String username = identity.context().getModelUsername();
        return username != null && context.getSession().users().getUserByUsername(context.getRealm(), username) != null;
    }

    /** Just in time: the hd tenant names a role; a personal account (let in by the realm's policy) has no tenant. */
    private static boolean mayCreate(AuthenticationFlowContext context, GoogleIdentity identity) {
        return identity.hdTenant().map(tenant -> tenancy(context).policies().of(tenant)
                .value(GooglePolicy.SECTION, GooglePolicy.JIT_ROLE).granted().isPresent()).orElse(true);
    }
}
