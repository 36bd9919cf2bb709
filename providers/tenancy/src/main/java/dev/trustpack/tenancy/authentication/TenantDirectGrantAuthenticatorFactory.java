package dev.trustpack.tenancy.authentication;

/** "Trustpack: active tenant (direct grant)"; place it REQUIRED after the password check of the direct grant flow. */
public final class TenantDirectGrantAuthenticatorFactory extends TenantAuthenticatorFactory {

    public static final String ID = "trustpack-tenant-direct-grant";

    public TenantDirectGrantAuthenticatorFactory() {
        super(new TenantDirectGrantAuthenticator());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: active tenant (direct grant)";
    }

    @Override
    public String getHelpText() {
        return "Chooses the tenant of a password grant: the one requested with scope organization:<alias> (refused "
                + "with invalid_scope if the user is not a member) or the user's only tenant. A user in several "
                + "tenants must name one. Place it REQUIRED after the password check.";
    }
}
