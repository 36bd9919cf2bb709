package dev.trustpack.mfa.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.mfa.decision.RequestedAcr;
import dev.trustpack.mfa.policy.MfaPolicy;
import dev.trustpack.tenancy.policy.PolicySource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MfaRuleTest {

    static final MfaRequirement RECOMMENDED = new MfaRequirement(MfaPolicy.RECOMMENDED, Set.of(), 0, false);
    static final MfaRequirement REQUIRED = new MfaRequirement(MfaPolicy.REQUIRED, Set.of(), 7, false);
    static final PolicySource OWNER_OF_TENANT = new PolicySource(PolicySource.Level.TENANT_ROLE, "Owner");

    @Nested
    @DisplayName("given the application asked for a second factor (acr_values)")
    class StepUp {

        @Test
        @DisplayName("when the policy alone would not require one, then the page names the application's request")
        void raised() {
            assertThat(MfaRule.of(RECOMMENDED, RECOMMENDED.demanding(RequestedAcr.MFA), PolicySource.TENANT))
                    .isEqualTo(new MfaRule(MfaRule.REQUESTED, null));
        }

        @Test
        @DisplayName("when it asks for phishing resistance the policy does not, then the page names the request too")
        void phishingResistant() {
            assertThat(MfaRule.of(REQUIRED, REQUIRED.demanding(RequestedAcr.PHISHING_RESISTANT), OWNER_OF_TENANT).kind())
                    .isEqualTo(MfaRule.REQUESTED);
        }

        @Test
        @DisplayName("when the policy already requires what it asks, then the page names the policy's rule")
        void alreadyRequired() {
            assertThat(MfaRule.of(REQUIRED, REQUIRED.demanding(RequestedAcr.MFA), OWNER_OF_TENANT))
                    .isEqualTo(new MfaRule("tenant-role", "Owner"));
        }
    }

    @Test
    @DisplayName("given no request, when each level set mfa.require, then the rule names that level (and the role)")
    void levels() {
        assertThat(MfaRule.of(REQUIRED, REQUIRED, PolicySource.TENANT)).isEqualTo(new MfaRule("tenant", null));
        assertThat(MfaRule.of(REQUIRED, REQUIRED, new PolicySource(PolicySource.Level.REALM_ROLE, "Admin")))
                .isEqualTo(new MfaRule("realm-role", "Admin"));
        assertThat(MfaRule.of(REQUIRED, REQUIRED, PolicySource.REALM)).isEqualTo(new MfaRule("realm", null));
    }
}
