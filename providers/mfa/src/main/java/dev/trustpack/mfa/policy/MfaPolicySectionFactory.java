package dev.trustpack.mfa.policy;

import dev.trustpack.tenancy.policy.PolicySectionFactory;

/** Contributes the {@code mfa} section to the tenant policy document. */
public final class MfaPolicySectionFactory extends PolicySectionFactory {

    public MfaPolicySectionFactory() {
        super(MfaPolicy.SECTION);
    }
}
