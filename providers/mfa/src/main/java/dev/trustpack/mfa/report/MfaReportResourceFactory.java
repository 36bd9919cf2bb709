package dev.trustpack.mfa.report;

import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.admin.TenantAccess;
import dev.trustpack.tenancy.admin.TenantResourceProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/** Mounts the MFA report at {@code /trustpack/tenants/{alias}/mfa-report}. */
public final class MfaReportResourceFactory extends TenantResourceProviderFactory {

    public static final String SEGMENT = "mfa-report";

    public MfaReportResourceFactory() {
        super(SEGMENT);
    }

    @Override
    protected Object resource(KeycloakSession session, TenantAccess access, Tenant tenant, AdminEventBuilder adminEvent) {
        return new MfaReportResource(session, access, tenant);
    }
}
