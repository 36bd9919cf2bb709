package dev.trustpack.mfa.removal;

import java.util.Optional;

import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.mfa.factor.Factor;
import dev.trustpack.mfa.factor.FactorCounts;
import dev.trustpack.tenancy.TenancyProvider;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.requiredactions.DeleteCredentialAction;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;

/**
 * Takes the place of Keycloak's {@code delete_credential} required action (same id, higher {@link #order()}), which
 * the account console uses to remove a credential ({@code kc_action=delete_credential:<id>}): Keycloak's checks stay
 * (fresh authentication within {@code max_auth_age}, the level of authentication), and a user whose policy requires
 * MFA cannot remove their last accepted factor.
 */
public final class MfaDeleteCredentialAction extends DeleteCredentialAction {

    /** Event error when the last required factor would go. */
    public static final String ERROR_LAST_FACTOR = "trustpack_mfa_last_factor";

    static final int ORDER = 100;

    @Override
    public void processAction(RequiredActionContext context) {
        UserModel user = context.getUser();
        String credentialId = context.getAuthenticationSession().getClientNote("kc_action_parameter");
        CredentialModel credential = credentialId == null ? null : user.credentialManager().getStoredCredentialById(credentialId);
        Optional<String> refusal = credential == null ? Optional.empty() : refusal(context, user, credential);
        if (refusal.isPresent()) {
            context.getEvent().event(EventType.REMOVE_CREDENTIAL).detail("credential_type", credential.getType())
                    .detail("reason", refusal.get()).error(ERROR_LAST_FACTOR);
            Response page = context.getSession().getProvider(LoginFormsProvider.class)
                    .setAuthenticationSession(context.getAuthenticationSession()).setUser(user)
                    .setError("trustpackMfaLastFactor").createErrorPage(Response.Status.CONFLICT);
            context.challenge(page);
            return;
        }
        super.processAction(context);
    }

    static Optional<String> refusal(RequiredActionContext context, UserModel user, CredentialModel credential) {
        TenancyProvider tenancy = context.getSession().getProvider(TenancyProvider.class);
        MfaRequirement requirement = MfaRequirement.of(tenancy.policies().ofUser(user));
        return FactorRemoval.refusal(requirement, FactorCounts.of(user), Factor.byCredentialType(credential.getType()));
    }

    @Override
    public int order() {
        return ORDER;
    }
}
