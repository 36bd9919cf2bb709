package dev.trustpack.tenancy.binding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustpack.tenancy.TenantScope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Tenant binding: what a refresh or a token exchange may do with the grant's tenant")
class TenantBindingTest {

    private static final TenantScope.Request ACME = TenantScope.parse("openid profile organization:acme");
    private static final TenantScope.Request UNBOUND = TenantScope.parse("openid profile");

    @Nested
    @DisplayName("given a refresh token bound to acme")
    class RefreshOfABoundGrant {

        @Test
        @DisplayName("when no scope is sent, then Keycloak's own reuse of the grant's scope (binding included) goes ahead")
        void noScope() {
            assertThat(TenantBinding.refresh(ACME, null)).isEqualTo(new TenantBinding.Keep(null));
        }

        @Test
        @DisplayName("when the scope names no tenant, then it is narrowed as asked and keeps acme")
        void narrowedScopeKeepsTheTenant() {
            assertThat(TenantBinding.refresh(ACME, "openid")).isEqualTo(new TenantBinding.Keep("openid organization:acme"));
            assertThat(TenantBinding.refresh(ACME, "openid organization"))
                    .isEqualTo(new TenantBinding.Keep("openid organization:acme"));
        }

        @Test
        @DisplayName("when the scope names acme itself, then it goes ahead unchanged")
        void sameTenant() {
            assertThat(TenantBinding.refresh(ACME, "openid organization:acme"))
                    .isEqualTo(new TenantBinding.Keep("openid organization:acme"));
        }

        @Test
        @DisplayName("when the scope names another tenant, every tenant or two tenants, then it is refused with invalid_scope")
        void anotherTenantIsRefused() {
            for (String scope : new String[] {"openid organization:globex", "organization:*",
                    "organization:acme organization:globex"}) {
                assertThat(TenantBinding.refresh(ACME, scope)).as(scope)
                        .isInstanceOfSatisfying(TenantBinding.Refuse.class,
                                refuse -> assertThat(refuse.error()).isEqualTo("invalid_scope"));
            }
            assertThat(((TenantBinding.Refuse) TenantBinding.refresh(ACME, "openid organization:globex")).description())
                    .contains("bound to tenant 'acme'");
        }
    }

    @Nested
    @DisplayName("given a refresh token bound to no tenant")
    class RefreshOfAnUnboundGrant {

        @Test
        @DisplayName("when the scope names a tenant, then it is refused: a refresh never adds one")
        void cannotGainATenant() {
            assertThat(TenantBinding.refresh(UNBOUND, "openid organization:acme"))
                    .isInstanceOf(TenantBinding.Refuse.class);
        }

        @Test
        @DisplayName("when the scope names none, then it goes ahead unchanged")
        void noTenantStaysNoTenant() {
            assertThat(TenantBinding.refresh(UNBOUND, "openid")).isEqualTo(new TenantBinding.Keep("openid"));
        }
    }

    @Nested
    @DisplayName("given a subject token bound to acme")
    class Exchange {

        @Test
        @DisplayName("when no scope is sent, then the new token is for acme")
        void noScopeGetsTheSubjectsTenant() {
            assertThat(TenantBinding.exchange(ACME, null)).isEqualTo(new TenantBinding.Keep("organization:acme"));
        }

        @Test
        @DisplayName("when another tenant is asked for, then the exchange is refused with invalid_scope")
        void anotherTenantIsRefused() {
            assertThat(TenantBinding.exchange(ACME, "organization:globex"))
                    .isInstanceOfSatisfying(TenantBinding.Refuse.class,
                            refuse -> assertThat(refuse.description()).contains("token exchange cannot move it"));
        }
    }
}
