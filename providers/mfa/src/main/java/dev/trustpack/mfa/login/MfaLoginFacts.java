package dev.trustpack.mfa.login;

import java.util.List;

import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.login.LoginFact;
import dev.trustpack.tenancy.login.LoginFactContext;
import dev.trustpack.tenancy.login.LoginFactProviderFactory;
import dev.trustpack.tenancy.policy.TenantPolicies;

/**
 * The login footer says a second factor is required only where it is: by the realm floor before sign-in, by the
 * tenant's policy for the signed-in user after. "Recommended" is not a requirement and is not claimed.
 */
public final class MfaLoginFacts extends LoginFactProviderFactory {

    public static final String REQUIRED = "trustpackFactMfaRequired";
    public static final String REQUIRED_TENANT = "trustpackFactMfaRequiredTenant";

    public MfaLoginFacts() {
        super("trustpack-mfa");
    }

    @Override
    protected List<LoginFact> facts(LoginFactContext context) {
        TenantPolicies policies = context.session().getProvider(TenancyProvider.class).policies();
        if (context.tenant().isPresent() && context.user().isPresent()) {
            boolean required = MfaRequirement.of(policies.of(context.tenant().get(), context.user().get())).required();
            return required ? List.of(LoginFact.of(REQUIRED_TENANT, context.tenant().get().name())) : List.of();
        }
        return MfaRequirement.of(policies.realm()).required() ? List.of(LoginFact.of(REQUIRED)) : List.of();
    }
}
