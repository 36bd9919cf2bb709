package dev.trustpack.sessions.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionLimitsTest {

    @Nested
    @DisplayName("Given a tenant admin")
    class Admin {

        @Test
        @DisplayName("when no level of the policy sets the limits, then AAL2's 60 minutes and 24 hours apply")
        void aal2Defaults() {
            assertThat(SessionLimits.of(43_200, false, 8_760, false, true)).isEqualTo(new SessionLimits(3600, 86_400));
        }

        @Test
        @DisplayName("when an admin set longer limits, then theirs apply")
        void explicit() {
            assertThat(SessionLimits.of(120, true, 48, true, true)).isEqualTo(new SessionLimits(7200, 172_800));
        }
    }

    @Test
    @DisplayName("Given a member without an admin role, when nothing is set, then the policy's defaults apply")
    void member() {
        assertThat(SessionLimits.of(43_200, false, 8_760, false, false))
                .isEqualTo(new SessionLimits(43_200 * 60L, 8_760 * 3600L));
    }

    @Test
    @DisplayName("Given a session used for two tenants, then each limit is the shorter of the two")
    void strictestOfTwo() {
        assertThat(new SessionLimits(600, 86_400).stricter(new SessionLimits(1800, 3600)))
                .isEqualTo(new SessionLimits(600, 3600));
    }

    @Nested
    @DisplayName("Given limits of 10 minutes idle and 1 hour overall")
    class Ending {

        private final SessionLimits limits = new SessionLimits(600, 3600);

        @Test
        @DisplayName("when used 9 minutes ago, then it goes on and ends 1 minute from now at the latest")
        void alive() {
            assertThat(limits.ended(1000, 2000, 2540)).isEmpty();
            assertThat(limits.endsAt(1000, 2000)).isEqualTo(2600);
        }

        @Test
        @DisplayName("when unused for 11 minutes, then it ended for idleness")
        void idle() {
            assertThat(limits.ended(1000, 2000, 2660)).contains(SessionLimits.Reason.IDLE);
        }

        @Test
        @DisplayName("when older than the hour, then it ended at its maximum, however active")
        void max() {
            assertThat(limits.ended(1000, 4590, 4601)).contains(SessionLimits.Reason.MAX);
            assertThat(limits.endsAt(1000, 4590)).isEqualTo(4600);
        }
    }
}
