package dev.trustpack.tenancy.authentication;

import dev.trustpack.common.flow.SilentRequiredActionFactory;

/**
 * "Trustpack: tenant in login events". Register it enabled in realms with tenants (the demo realm does); it never
 * shows a page.
 */
public final class TenantEventDetailActionFactory extends SilentRequiredActionFactory {

    public static final String ID = "trustpack-tenant-event";

    public TenantEventDetailActionFactory() {
        super(new TenantEventDetailAction());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Trustpack: tenant in login events";
    }
}
