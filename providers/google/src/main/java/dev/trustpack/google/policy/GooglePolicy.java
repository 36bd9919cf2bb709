package dev.trustpack.google.policy;

import java.util.List;

import dev.trustpack.tenancy.policy.FlagField;
import dev.trustpack.tenancy.policy.PolicySection;
import dev.trustpack.tenancy.policy.TenantRoleField;

/**
 * The {@code google} section of the tenant policy document. Tenancy stores and merges it strictest-wins (realm floor,
 * tenant, the user's roles in the active tenant); this module reads the effective values.
 */
public final class GooglePolicy {

    /**
     * Default true: creating the Google provider is the realm's opt-in, and a tenant is reached only through a domain
     * a realm admin verified. A tenant (or the realm, for every tenant) turns it off.
     */
    public static final FlagField ALLOWED = FlagField.falseIsStricter("allowed",
            "Members may sign in to the tenant with Google (any Google account linked to their account; where "
                    + "'required' is true, one of the tenant's verified domains)", true);

    public static final FlagField REQUIRED = FlagField.trueIsStricter("required",
            "SSO only: members sign in to the tenant with Google only (no password, no other provider), from a Google "
                    + "account whose hd is one of the tenant's verified domains. With allowed=false nobody can sign in "
                    + "to the tenant (both restrictions apply)", false);

    /**
     * A role rather than a flag, so one value says both whether and with what. Default none: the realm floor names
     * the most a tenant may grant; a tenant names its own (never above the floor) or none.
     */
    public static final TenantRoleField JIT_ROLE = TenantRoleField.noneByDefault("jitRole",
            "Tenant role of a Google user created just in time (a managed member of the tenant of their hd); "
                    + "'none': no accounts are created, only existing ones sign in");

    /** Read from the realm floor only: a personal account has no tenant whose value could apply. */
    public static final FlagField PERSONAL_ACCOUNTS = FlagField.falseIsStricter("personalAccounts",
            "Realm floor only: Google accounts without a Workspace domain (no hd), or of a domain no tenant owns, may "
                    + "sign in and are created without a tenant", false);

    public static final PolicySection SECTION = new PolicySection("google",
            "Google sign-in: allowed per tenant, SSO only, just-in-time accounts and their role, personal accounts",
            List.of(ALLOWED, REQUIRED, JIT_ROLE, PERSONAL_ACCOUNTS));

    private GooglePolicy() {
    }
}
