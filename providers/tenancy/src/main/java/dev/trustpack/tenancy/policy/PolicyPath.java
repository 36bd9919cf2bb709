package dev.trustpack.tenancy.policy;

import java.util.Optional;

/**
 * Where a value sits in a policy document: a section's field, at the level itself ({@code mfa.graceDays}) or in a
 * role section ({@code roles.Owner.mfa.graceDays}). The same path names the value in error messages, and its
 * {@link #attributeKey()} is where it is stored (a realm or organization attribute).
 *
 * @param role null for the level itself
 */
public record PolicyPath(String role, String section, String field) {

    /** The key of the role sections in a document. */
    public static final String ROLES = "roles";
    /** Prefix of every stored policy attribute. */
    public static final String ATTRIBUTE_PREFIX = "trustpack.policy.";

    private static final String ROLES_PREFIX = ATTRIBUTE_PREFIX + ROLES + ".";

    public static PolicyPath of(String section, String field) {
        return new PolicyPath(null, section, field);
    }

    public static PolicyPath ofRole(String role, String section, String field) {
        return new PolicyPath(role, section, field);
    }

    public boolean isRole() {
        return role != null;
    }

    /** The same field outside any role section. */
    public PolicyPath withoutRole() {
        return role == null ? this : of(section, field);
    }

    public String attributeKey() {
        return (role == null ? ATTRIBUTE_PREFIX : ROLES_PREFIX + role + ".") + section + "." + field;
    }

    /**
     * The path a stored attribute key names, read from the right (role names may contain dots; section and field
     * names do not). Empty for keys that are not policy attributes or have no section and field.
     */
    public static Optional<PolicyPath> ofAttributeKey(String key) {
        if (key == null || !key.startsWith(ATTRIBUTE_PREFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(ATTRIBUTE_PREFIX.length());
        int lastDot = rest.lastIndexOf('.');
        if (lastDot <= 0 || lastDot == rest.length() - 1) {
            return Optional.empty();
        }
        String field = rest.substring(lastDot + 1);
        String head = rest.substring(0, lastDot);
        if (head.startsWith(ROLES + ".")) {
            String roleAndSection = head.substring(ROLES.length() + 1);
            int sectionDot = roleAndSection.lastIndexOf('.');
            if (sectionDot <= 0 || sectionDot == roleAndSection.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(ofRole(roleAndSection.substring(0, sectionDot), roleAndSection.substring(sectionDot + 1),
                    field));
        }
        return head.contains(".") ? Optional.empty() : Optional.of(of(head, field));
    }

    @Override
    public String toString() {
        return (role == null ? "" : ROLES + "." + role + ".") + section + "." + field;
    }
}
