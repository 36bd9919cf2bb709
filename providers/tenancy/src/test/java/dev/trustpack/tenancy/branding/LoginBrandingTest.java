package dev.trustpack.tenancy.branding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import dev.trustpack.tenancy.Tenant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.forms.login.LoginFormsPages;

class LoginBrandingTest {

    static final Tenant ACME = new Tenant("id-acme", "acme", "Acme Corp");

    @Nested
    @DisplayName("given the tenant step chose a tenant for the signed-in user")
    class Chosen {

        @Test
        @DisplayName("when a later page (a module's own, or an error) is shown, then it wears the tenant's branding")
        void later() {
            assertThat(LoginBranding.shownTenant(null, Optional.of(ACME), true, true)).contains(ACME);
            assertThat(LoginBranding.shownTenant(LoginFormsPages.ERROR, Optional.of(ACME), true, true)).contains(ACME);
            assertThat(LoginBranding.shownTenant(LoginFormsPages.LOGIN_TOTP, Optional.of(ACME), true, true)).contains(ACME);
        }

        @ParameterizedTest
        @EnumSource(value = LoginFormsPages.class, names = {"LOGIN", "LOGIN_USERNAME", "LOGIN_PASSWORD",
                "LOGIN_RESET_PASSWORD", "REGISTER"})
        @DisplayName("when a page of signing in itself is shown (say after a restart), then it wears the realm's")
        void signInPages(LoginFormsPages page) {
            assertThat(LoginBranding.shownTenant(page, Optional.of(ACME), true, true)).isEmpty();
        }

        @Test
        @DisplayName("when the login was restarted and someone else is signed in now, then no page shows that tenant, "
                + "not even an error page")
        void restartedForAnotherUser() {
            assertThat(LoginBranding.shownTenant(LoginFormsPages.ERROR, Optional.of(ACME), false, true)).isEmpty();
            assertThat(LoginBranding.shownTenant(LoginFormsPages.LOGIN_WEBAUTHN, Optional.of(ACME), false, true)).isEmpty();
        }

        @Test
        @DisplayName("when the user is no longer its member, then the realm's branding shows")
        void notMember() {
            assertThat(LoginBranding.shownTenant(null, Optional.of(ACME), true, false)).isEmpty();
        }
    }

    @Test
    @DisplayName("given no tenant chosen yet (before sign-in, whatever the client asked for), then the realm's branding shows")
    void noneYet() {
        assertThat(LoginBranding.shownTenant(null, Optional.empty(), false, false)).isEmpty();
    }
}
