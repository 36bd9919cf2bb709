package dev.trustpack.audit.admin;

import dev.trustpack.tenancy.TenancyEvents;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/** The admin events of the audit API: every operation and export is itself recorded, under trustpack/audit/... */
final class AuditAdminEvents {

    private final AdminEventBuilder adminEvent;

    AuditAdminEvents(AdminEventBuilder adminEvent) {
        this.adminEvent = adminEvent;
    }

    void record(OperationType operation, String path, Object representation) {
        record(operation, path, representation, null);
    }

    /** One about a tenant says so in the tenancy module's tenant detail. */
    void record(OperationType operation, String path, Object representation, Tenant tenant) {
        adminEvent.operation(operation).resource(ResourceType.CUSTOM)
                .resourcePath("trustpack", "audit", path)
                .representation(representation);
        if (tenant != null) {
            adminEvent.detail(TenancyEvents.TENANT, tenant.alias());
        }
        adminEvent.success();
    }
}
