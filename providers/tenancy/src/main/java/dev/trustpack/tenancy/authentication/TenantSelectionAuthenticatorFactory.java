package dev.trustpack.tenancy.authentication;

/** "Trustpack: active tenant" for browser flows; place it REQUIRED after the sub-flow that identifies the user. */
public final class TenantSelectionAuthenticatorFactory extends TenantAuthenticatorFactory {

    public static final String ID = "trustpack-tenant-selector";

    public TenantSelectionAuthenticatorFactory() {
        super(new TenantSelectionAuthenticator());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: active tenant";
    }

    @Override
    public String getHelpText() {
        return "Chooses the tenant of this login: the one the app requests with scope organization:<alias> (refused "
                + "if the user is not a member), the user's only tenant, or the tenant the user picks. Runs on SSO "
                + "logins too, so place it REQUIRED at the top level, after the sub-flow that identifies the user.";
    }
}
