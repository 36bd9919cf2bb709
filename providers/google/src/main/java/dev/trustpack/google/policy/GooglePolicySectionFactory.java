package dev.trustpack.google.policy;

import dev.trustpack.tenancy.policy.PolicySectionFactory;

/** Contributes the {@code google} section to the tenant policy document. */
public final class GooglePolicySectionFactory extends PolicySectionFactory {

    public GooglePolicySectionFactory() {
        super(GooglePolicy.SECTION);
    }
}
