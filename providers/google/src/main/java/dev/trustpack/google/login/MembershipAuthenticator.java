package dev.trustpack.google.login;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.trustpack.google.audit.GoogleAudit;
import dev.trustpack.google.policy.GooglePolicy;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * Last step of a Google identity's first login: an account created just in time joins the tenant of its {@code hd}
 * as a managed member with the tenant's {@code google.jitRole}; a link to an existing account is recorded with how it
 * was proven.
 */
final class MembershipAuthenticator extends GoogleStep {

    static final String CONFIRMED = "confirmed";

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<GoogleIdentity> identity = googleIdentityInFirstLogin(context);
        if (identity.isEmpty()) {
            context.success();
            return;
        }
        UserModel user = context.getUser();
        Optional<Tenant> tenant = identity.get().hdTenant();
        Map<String, String> details = new LinkedHashMap<>();
        details.put(GoogleAudit.GOOGLE_SUB, identity.get().sub());
        details.put(GoogleAudit.HD, identity.get().hd());
        String clientId = context.getAuthenticationSession().getClient().getClientId();
        String tenantAlias = tenant.map(Tenant::alias).orElse(null);
        if ("true".equals(context.getAuthenticationSession().getAuthNote(REGISTERED_NEW_USER))) {
            if (tenant.isPresent()) {
                TenancyProvider tenancy = tenancy(context);
                Optional<String> role = tenancy.policies().of(tenant.get())
                        .value(GooglePolicy.SECTION, GooglePolicy.JIT_ROLE).granted();
                tenancy.addManagedMember(tenant.get(), user);
                role.ifPresent(granted -> {
                    tenancy.grantRole(tenant.get(), user, granted);
                    details.put(GoogleAudit.ROLE, granted);
                });
            }
            GoogleAudit.success(context.getSession(), GoogleAudit.USER_CREATED, user.getId(), clientId, tenantAlias,
                    details);
        } else {
            String method = context.getAuthenticationSession().getAuthNote(GoogleLogin.LINK_NOTE);
            details.put(GoogleAudit.METHOD, method == null ? CONFIRMED : method);
            GoogleAudit.success(context.getSession(), GoogleAudit.LINKED, user.getId(), clientId, tenantAlias, details);
        }
        context.success();
    }
}
