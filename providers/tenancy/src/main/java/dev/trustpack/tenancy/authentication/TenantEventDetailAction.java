package dev.trustpack.tenancy.authentication;

import dev.trustpack.tenancy.TenancyEvents;
import dev.trustpack.tenancy.TenancyProvider;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;

/**
 * Keeps the active tenant on the login event when the login ends in a later request than the tenant step (after an
 * MFA page or a required action such as setting up a factor): Keycloak builds a new event for each request and sends
 * the LOGIN event from the last one, so a detail set by the tenant step would be lost. Keycloak evaluates the
 * triggers of every enabled required action in that last request, with its event; this action only uses that
 * moment and never asks the user anything.
 */
final class TenantEventDetailAction implements RequiredActionProvider {

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        context.getSession().getProvider(TenancyProvider.class).activeTenant(context.getAuthenticationSession())
                .ifPresent(tenant -> context.getEvent().detail(TenancyEvents.TENANT, tenant.alias()));
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.success();
    }

    @Override
    public void processAction(RequiredActionContext context) {
        context.success();
    }

    @Override
    public void close() {
    }
}
