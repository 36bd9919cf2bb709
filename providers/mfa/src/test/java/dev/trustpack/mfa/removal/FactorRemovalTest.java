package dev.trustpack.mfa.removal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.mfa.factor.Factor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FactorRemovalTest {

    private static final MfaRequirement REQUIRED =
            new MfaRequirement("required", EnumSet.of(Factor.TOTP, Factor.WEBAUTHN, Factor.PASSKEY), 0, false);

    @Nested
    @DisplayName("Given MFA is required")
    class Required {

        @Test
        @DisplayName("when the user removes their only factor, then it is refused")
        void lastFactor() {
            assertThat(FactorRemoval.refusal(REQUIRED, Map.of(Factor.TOTP, 1L, Factor.RECOVERY, 1L), Optional.of(Factor.TOTP)))
                    .isPresent();
        }

        @Test
        @DisplayName("when the user has added a replacement, then the old factor may go")
        void replaced() {
            assertThat(FactorRemoval.refusal(REQUIRED, Map.of(Factor.TOTP, 1L, Factor.WEBAUTHN, 1L), Optional.of(Factor.TOTP)))
                    .isEmpty();
        }

        @Test
        @DisplayName("when the user has two authenticator apps, then one may go")
        void secondOfAKind() {
            assertThat(FactorRemoval.refusal(REQUIRED, Map.of(Factor.TOTP, 2L), Optional.of(Factor.TOTP))).isEmpty();
        }

        @Test
        @DisplayName("when only a factor the policy does not accept would remain, then the accepted one stays")
        void onlyUnacceptedWouldRemain() {
            MfaRequirement phr = new MfaRequirement("required", EnumSet.of(Factor.TOTP, Factor.WEBAUTHN), 0, true);
            assertThat(FactorRemoval.refusal(phr, Map.of(Factor.TOTP, 1L, Factor.WEBAUTHN, 1L), Optional.of(Factor.WEBAUTHN)))
                    .isPresent();
        }

        @Test
        @DisplayName("when recovery codes or a password are removed, then nothing is in the way")
        void notAFactor() {
            assertThat(FactorRemoval.refusal(REQUIRED, Map.of(Factor.TOTP, 1L, Factor.RECOVERY, 1L), Optional.of(Factor.RECOVERY)))
                    .isEmpty();
            assertThat(FactorRemoval.refusal(REQUIRED, Map.of(Factor.TOTP, 1L), Optional.empty())).isEmpty();
        }
    }

    @Test
    @DisplayName("Given MFA is not required, when the last factor is removed, then that is the user's choice")
    void notRequired() {
        MfaRequirement off = new MfaRequirement("off", EnumSet.of(Factor.TOTP), 0, false);
        assertThat(FactorRemoval.refusal(off, Map.of(Factor.TOTP, 1L), Optional.of(Factor.TOTP))).isEmpty();
    }
}
