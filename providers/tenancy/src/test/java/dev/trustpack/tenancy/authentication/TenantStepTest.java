package dev.trustpack.tenancy.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

@DisplayName("The tenant step decides the tenant of a login once the user is known")
class TenantStepTest {

    private static final Tenant ACME = new Tenant("id-acme", "acme", "Acme Corp");
    private static final Tenant GLOBEX = new Tenant("id-globex", "globex", "Globex Corporation");
    private static final UserModel CAROL = user();

    @Nested
    @DisplayName("given the app asks for a tenant by alias")
    class Requested {

        @Test
        @DisplayName("when the user is a member, then that tenant is activated")
        void member() {
            assertThat(decide(List.of(ACME, GLOBEX), "openid organization:globex"))
                    .isEqualTo(new TenantStep.Activate(GLOBEX));
        }

        @Test
        @DisplayName("when the user is not a member, then the login is refused with a message that says nothing of whether it exists")
        void notMember() {
            assertThat(decide(List.of(ACME), "openid organization:globex")).isEqualTo(
                    new TenantStep.Refuse("You are not a member of the requested tenant", "globex"));
            assertThat(decide(List.of(ACME), "openid organization:no-such-tenant")).isEqualTo(
                    new TenantStep.Refuse("You are not a member of the requested tenant", "no-such-tenant"));
        }

        @Test
        @DisplayName("when every tenant or two tenants are asked for, then the login is refused: a token carries one tenant")
        void severalTenants() {
            assertThat(decide(List.of(ACME, GLOBEX), "organization:*")).isInstanceOf(TenantStep.Refuse.class);
            assertThat(decide(List.of(ACME, GLOBEX), "organization:acme organization:globex"))
                    .isInstanceOf(TenantStep.Refuse.class);
        }
    }

    @Nested
    @DisplayName("given the app asks for no tenant")
    class NotRequested {

        @Test
        @DisplayName("when the user has one tenant, then it is activated without asking")
        void oneTenant() {
            assertThat(decide(List.of(ACME), "openid")).isEqualTo(new TenantStep.Activate(ACME));
        }

        @Test
        @DisplayName("when the user has several, then they choose")
        void severalTenants() {
            assertThat(decide(List.of(ACME, GLOBEX), "openid organization"))
                    .isEqualTo(new TenantStep.Choose(List.of(ACME, GLOBEX)));
        }

        @Test
        @DisplayName("when the user has none, then they sign in without one, or are refused if a tenant is required")
        void noTenant() {
            assertThat(decide(List.of(), "openid")).isEqualTo(new TenantStep.NoTenant());
            assertThat(TenantStep.decide(tenancy(List.of()), authSession("openid", null), CAROL, true))
                    .isEqualTo(new TenantStep.Refuse("You are not a member of any tenant", null));
        }

        @Test
        @DisplayName("when Keycloak's organization step already picked one of the user's tenants, then that one is activated")
        void pickedByKeycloak() {
            assertThat(TenantStep.decide(tenancy(List.of(ACME, GLOBEX)), authSession("openid", GLOBEX.id()), CAROL, false))
                    .isEqualTo(new TenantStep.Activate(GLOBEX));
        }
    }

    private static TenantStep.Decision decide(List<Tenant> memberships, String scope) {
        return TenantStep.decide(tenancy(memberships), authSession(scope, null), CAROL, false);
    }

    /** The tenant model as the step sees it: two enabled tenants, the user a member of {@code memberships}. */
    private static TenancyProvider tenancy(List<Tenant> memberships) {
        Map<String, Tenant> all = Map.of(ACME.alias(), ACME, GLOBEX.alias(), GLOBEX);
        return (TenancyProvider) Proxy.newProxyInstance(TenantStepTest.class.getClassLoader(),
                new Class<?>[] {TenancyProvider.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "tenant" -> Optional.ofNullable(all.get((String) args[0]));
                    case "tenantById" -> all.values().stream().filter(t -> t.id().equals(args[0])).findFirst();
                    case "isMember" -> memberships.contains((Tenant) args[0]);
                    case "tenantsOf" -> memberships;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static AuthenticationSessionModel authSession(String scope, String organizationNote) {
        return (AuthenticationSessionModel) Proxy.newProxyInstance(TenantStepTest.class.getClassLoader(),
                new Class<?>[] {AuthenticationSessionModel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getClientNote")) {
                        return switch ((String) args[0]) {
                            case "scope" -> scope;
                            case "kc.org" -> organizationNote;
                            default -> null;
                        };
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static UserModel user() {
        return (UserModel) Proxy.newProxyInstance(TenantStepTest.class.getClassLoader(), new Class<?>[] {UserModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> "carol-id";
                    case "toString" -> "carol";
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
