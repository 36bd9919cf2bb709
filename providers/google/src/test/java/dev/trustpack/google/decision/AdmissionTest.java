package dev.trustpack.google.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import dev.trustpack.tenancy.Tenant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final Tenant ACME = new Tenant("id-acme", "acme", "Acme Corp");

    @Nested
    @DisplayName("Given a verified Google account")
    class Verified {

        @Test
        @DisplayName("when its hd is a tenant's verified domain and the tenant allows Google, then it signs in there")
        void tenant() {
            Admission.Result result = Admission.decide("acme.example", Optional.of(ACME), true, false, true);
            assertThat(result.admitted()).isTrue();
            assertThat(result.tenant()).contains(ACME);
        }

        @Test
        @DisplayName("when its tenant does not allow Google, then it is refused even where personal accounts may sign in")
        void tenantDisallows() {
            assertThat(Admission.decide("acme.example", Optional.of(ACME), false, true, true).refusal())
                    .contains(GoogleRefusal.NOT_ALLOWED);
        }

        @Test
        @DisplayName("when it has no hd or one no tenant owns, then it is refused unless the realm allows personal accounts")
        void personal() {
            assertThat(Admission.decide(null, Optional.empty(), false, false, true).refusal())
                    .contains(GoogleRefusal.PERSONAL_ACCOUNT);
            assertThat(Admission.decide("other.example", Optional.empty(), false, false, true).refusal())
                    .contains(GoogleRefusal.UNKNOWN_DOMAIN);
            Admission.Result allowed = Admission.decide(null, Optional.empty(), false, true, true);
            assertThat(allowed.admitted()).isTrue();
            assertThat(allowed.tenant()).as("a personal account has no tenant").isEmpty();
        }
    }

    @Test
    @DisplayName("Given email_verified false or missing, when decided, then it is refused before anything else")
    void unverifiedEmail() {
        assertThat(Admission.decide("acme.example", Optional.of(ACME), true, true, false).refusal())
                .contains(GoogleRefusal.EMAIL_UNVERIFIED);
        assertThat(Admission.decide("acme.example", Optional.of(ACME), true, true, null).refusal())
                .contains(GoogleRefusal.EMAIL_UNVERIFIED);
    }
}
