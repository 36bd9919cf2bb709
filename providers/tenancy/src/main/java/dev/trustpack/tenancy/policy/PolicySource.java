package dev.trustpack.tenancy.policy;

/**
 * The level that set an effective value. On a tie the earlier level is named: the value would hold without the
 * later one.
 *
 * @param role the role of a role section, else null
 */
public record PolicySource(Level level, String role) {

    /** The levels, in the order they merge. */
    public enum Level {
        /** No level sets the field: the module's default. */
        DEFAULT("default"),
        /** The realm document (the floor). */
        REALM("realm"),
        /** A role section of the realm document, for every tenant's holders of the role. */
        REALM_ROLE("realm-role"),
        /** The tenant's document. */
        TENANT("tenant"),
        /** A role section of the tenant's document. */
        TENANT_ROLE("tenant-role");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final PolicySource DEFAULT = new PolicySource(Level.DEFAULT, null);
    public static final PolicySource REALM = new PolicySource(Level.REALM, null);
    public static final PolicySource TENANT = new PolicySource(Level.TENANT, null);

    @Override
    public String toString() {
        return role == null ? level.label() : level.label() + ":" + role;
    }
}
