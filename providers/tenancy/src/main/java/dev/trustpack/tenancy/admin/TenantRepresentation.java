package dev.trustpack.tenancy.admin;

import java.util.List;

/** A tenant as the tenant admin API shows it. */
public record TenantRepresentation(String id, String alias, String name, List<String> domains, List<String> roles) {
}
