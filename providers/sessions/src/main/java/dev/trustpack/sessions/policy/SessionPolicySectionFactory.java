package dev.trustpack.sessions.policy;

import dev.trustpack.tenancy.policy.PolicySectionFactory;

/** Contributes the {@code sessions} section to the tenant policy document. */
public final class SessionPolicySectionFactory extends PolicySectionFactory {

    public SessionPolicySectionFactory() {
        super(SessionPolicy.SECTION);
    }
}
