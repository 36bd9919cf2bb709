package dev.trustpack.tenancy;

/**
 * Names the tenancy module puts into Keycloak events, for the modules that read them (the audit trail tags records
 * with the tenant from {@link #TENANT}). Defined here once; never repeat the strings.
 */
public final class TenancyEvents {

    /** Event detail: the alias of the tenant the login activated. */
    public static final String TENANT = "tenant";

    /** Event detail: the alias a refused request asked for (shortened to 64 characters). */
    public static final String REQUESTED_TENANT = "requested_tenant";

    /** Error of the {@code LOGIN_ERROR} event when the requested tenant is refused. */
    public static final String ERROR_TENANT_NOT_ALLOWED = "tenant_not_allowed";

    private TenancyEvents() {
    }
}
