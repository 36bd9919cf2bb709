package dev.trustpack.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustpack.tenancy.AdminPaths.TenantReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The tenant an admin resource path names")
class AdminPathsTest {

    @Nested
    @DisplayName("is read from the beginning of the path")
    class Anchored {

        @Test
        @DisplayName("Trustpack's tenant resources name it by alias")
        void trustpackTenant() {
            assertThat(AdminPaths.tenantOf("trustpack/tenants/acme")).contains(new TenantReference("acme", null));
            assertThat(AdminPaths.tenantOf("trustpack/tenants/acme/members/42/roles/Admin"))
                    .contains(new TenantReference("acme", null));
        }

        @Test
        @DisplayName("Keycloak's organization resources name it by organization id")
        void organization() {
            assertThat(AdminPaths.tenantOf("organizations/5f1c/members/42"))
                    .contains(new TenantReference(null, "5f1c"));
        }
    }

    @Nested
    @DisplayName("is none")
    class None {

        @Test
        @DisplayName("when a name only contains a tenant path, such as a role called x/tenants/acme")
        void containedElsewhere() {
            assertThat(AdminPaths.tenantOf("roles/x/tenants/acme")).isEmpty();
            assertThat(AdminPaths.tenantOf("roles-by-id/1/composites/trustpack/tenants/acme")).isEmpty();
            assertThat(AdminPaths.tenantOf("clients/c/roles/organizations/5f1c")).isEmpty();
            assertThat(AdminPaths.tenantOf("users/u/groups/trustpack/tenants/acme")).isEmpty();
        }

        @Test
        @DisplayName("for the collection itself, a look-alike segment or no path")
        void collectionOrLookAlike() {
            assertThat(AdminPaths.tenantOf("trustpack/tenants")).isEmpty();
            assertThat(AdminPaths.tenantOf("trustpack/tenantsX/acme")).isEmpty();
            assertThat(AdminPaths.tenantOf("organizations")).isEmpty();
            assertThat(AdminPaths.tenantOf(null)).isEmpty();
        }
    }
}
