package dev.trustpack.tenancy.admin;

import java.util.List;

/** The realm's tenant roles and tenant admin roles. */
public record TenantRolesRepresentation(List<String> roles, List<String> adminRoles) {
}
