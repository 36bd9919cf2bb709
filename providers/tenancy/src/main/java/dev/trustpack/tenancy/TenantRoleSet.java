package dev.trustpack.tenancy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.trustpack.common.config.InvalidConfigException;

/**
 * The tenant roles of a realm, defined once and granted per (user, tenant), listed from the most to the least
 * privileged (for example Owner, Admin, Manager, Viewer), and the subset whose holders administer their tenant
 * through the tenant admin REST API. The order matters: a tenant admin manages only roles ranked at or below
 * their own highest role.
 */
public record TenantRoleSet(List<String> roles, Set<String> adminRoles) {

    /** Realm attribute listing the tenant roles, comma-separated. */
    public static final String ROLES_ATTRIBUTE = "trustpack.tenant-roles";
    /** Realm attribute listing the tenant roles that administer their tenant, comma-separated. */
    public static final String ADMIN_ROLES_ATTRIBUTE = "trustpack.tenant-admin-roles";

    public static final String DEFAULT_ROLES = "Owner,Admin,Manager,Viewer";
    public static final String DEFAULT_ADMIN_ROLES = "Owner,Admin";

    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_ROLES = 50;

    public TenantRoleSet {
        roles = List.copyOf(roles);
        adminRoles = Collections.unmodifiableSet(new LinkedHashSet<>(adminRoles));
    }

    /**
     * Parses both lists. The message of a refusal names the attribute and the offending value, so an admin can fix
     * the realm attribute or the import file.
     */
    public static TenantRoleSet parse(String roles, String adminRoles) {
        List<String> roleList = parseList(ROLES_ATTRIBUTE, roles);
        if (roleList.isEmpty()) {
            throw new InvalidConfigException(ROLES_ATTRIBUTE, "at least one tenant role is required");
        }
        if (roleList.size() > MAX_ROLES) {
            throw new InvalidConfigException(ROLES_ATTRIBUTE, "at most " + MAX_ROLES + " tenant roles are allowed");
        }
        List<String> adminList = parseList(ADMIN_ROLES_ATTRIBUTE, adminRoles);
        for (String admin : adminList) {
            if (!roleList.contains(admin)) {
                throw new InvalidConfigException(ADMIN_ROLES_ATTRIBUTE,
                        "'" + admin + "' is not one of the tenant roles " + String.join(", ", roleList));
            }
        }
        return new TenantRoleSet(roleList, new LinkedHashSet<>(adminList));
    }

    public boolean defines(String role) {
        return roles.contains(role);
    }

    public boolean isAdminRole(String role) {
        return adminRoles.contains(role);
    }

    /** 0 for the most privileged role; {@link Integer#MAX_VALUE} for a name that is not a tenant role. */
    public int rank(String role) {
        int index = roles.indexOf(role);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /** "Owner, Admin, Manager, Viewer", for error messages. */
    public String describe() {
        return String.join(", ", roles);
    }

    private static List<String> parseList(String attribute, String value) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (value == null || value.isBlank()) {
            return names;
        }
        for (String raw : value.split(",")) {
            String name = raw.strip();
            if (!ROLE_NAME.matcher(name).matches()) {
                throw new InvalidConfigException(attribute, "'" + name + "' is not a role name (a letter, then up to 63 "
                        + "letters, digits, '_', '.' or '-')");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidConfigException(attribute, "'" + name + "' is listed twice");
            }
            names.add(name);
        }
        return names;
    }
}
