package dev.trustpack.tenancy.authentication;

import java.util.List;

import dev.trustpack.common.flow.StepFactory;
import org.keycloak.authentication.Authenticator;

/** What the browser and direct-grant tenant steps share: one setting, one reference category. */
abstract sealed class TenantAuthenticatorFactory extends StepFactory
        permits TenantSelectionAuthenticatorFactory, TenantDirectGrantAuthenticatorFactory {

    TenantAuthenticatorFactory(Authenticator authenticator) {
        super(authenticator, List.of(TenantStep.REQUIRE_TENANT.toProperty()));
    }

    @Override
    public final String getReferenceCategory() {
        return "trustpack-tenant";
    }
}
