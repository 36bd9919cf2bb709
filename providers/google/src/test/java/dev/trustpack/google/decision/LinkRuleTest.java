package dev.trustpack.google.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LinkRuleTest {

    @Test
    @DisplayName("Given a verified tenant domain, a member of that tenant, a verified equal email, then the link is automatic")
    void automatic() {
        assertThat(LinkRule.decide(true, true, true, true)).isEqualTo(LinkRule.Outcome.AUTOMATIC);
    }

    @Test
    @DisplayName("Given any one condition missing, then the account holder must prove the account")
    void anyMissing() {
        assertThat(LinkRule.decide(false, true, true, true)).as("personal account or unknown domain")
                .isEqualTo(LinkRule.Outcome.PROVE_ACCOUNT);
        assertThat(LinkRule.decide(true, false, true, true)).as("an account outside the tenant")
                .isEqualTo(LinkRule.Outcome.PROVE_ACCOUNT);
        assertThat(LinkRule.decide(true, true, false, true)).as("an unverified local email")
                .isEqualTo(LinkRule.Outcome.PROVE_ACCOUNT);
        assertThat(LinkRule.decide(true, true, true, false)).as("a different email")
                .isEqualTo(LinkRule.Outcome.PROVE_ACCOUNT);
    }
}
