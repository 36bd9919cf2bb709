package dev.trustpack.tenancy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.TenantRoleSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TenantRoleFieldTest {

    private static final TenantRoleField GRANTED = TenantRoleField.noneByDefault("granted", "A role granted");
    private static final PolicySection SECTION = new PolicySection("grant", "Grants a role", List.of(GRANTED));
    private static final PolicyCatalog CATALOG = new PolicyCatalog(List.of(SECTION));
    private static final PolicyDocuments DOCUMENTS =
            new PolicyDocuments(CATALOG, TenantRoleSet.parse("Owner,Admin,Manager,Viewer", "Owner,Admin"));
    private static final PolicyDocument NONE = new PolicyDocument(Map.of(), Map.of(), List.of());

    private static PolicyDocument rest(String json) throws Exception {
        return DOCUMENTS.parse(new ObjectMapper().readTree(json.replace('\'', '"')));
    }

    private static PolicyDocument stored(String value) {
        return DOCUMENTS.read("tenant", Map.of("trustpack.policy.grant.granted", List.of(value)));
    }

    private static String effective(PolicyDocument realm, PolicyDocument tenant) {
        return EffectivePolicy.merge(CATALOG, realm, tenant, List.of()).value(SECTION, GRANTED).toString();
    }

    @Nested
    @DisplayName("Given the realm's roles Owner, Admin, Manager, Viewer")
    class Merge {

        @Test
        @DisplayName("when nothing is set, then no role is granted")
        void defaultIsNone() {
            assertThat(effective(NONE, null)).isEqualTo("none");
            assertThat(EffectivePolicy.merge(CATALOG, NONE, null, List.of()).value(SECTION, GRANTED).granted()).isEmpty();
        }

        @Test
        @DisplayName("when the floor grants Manager and a tenant Viewer, then the less privileged Viewer applies")
        void tenantNarrows() throws Exception {
            assertThat(effective(rest("{'grant': {'granted': 'Manager'}}"), rest("{'grant': {'granted': 'Viewer'}}")))
                    .isEqualTo("Viewer");
        }

        @Test
        @DisplayName("when a tenant asks for a more privileged role than the floor, then the floor's role applies")
        void floorCaps() throws Exception {
            assertThat(effective(rest("{'grant': {'granted': 'Viewer'}}"), rest("{'grant': {'granted': 'Owner'}}")))
                    .isEqualTo("Viewer");
        }

        @Test
        @DisplayName("when a tenant says none, then nothing is granted whatever the floor")
        void noneWins() throws Exception {
            assertThat(effective(rest("{'grant': {'granted': 'Admin'}}"), rest("{'grant': {'granted': 'none'}}")))
                    .isEqualTo("none");
        }
    }

    @Nested
    @DisplayName("Given a value that is not a tenant role")
    class Invalid {

        @Test
        @DisplayName("when it comes in a REST document, then it is a 400 naming the field and the roles")
        void restRefuses() {
            assertThatThrownBy(() -> rest("{'grant': {'granted': 'Superuser'}}"))
                    .isInstanceOf(TrustpackException.class)
                    .hasMessageContaining("grant.granted")
                    .hasMessageContaining("Owner, Admin, Manager, Viewer");
        }

        @Test
        @DisplayName("when it is stored, then it is reported and counts as none, never as a role")
        void storedCountsAsNone() {
            PolicyDocument tenant = stored("Superuser");
            assertThat(tenant.problems()).extracting(PolicyProblem::path).containsExactly("grant.granted");
            assertThat(effective(DOCUMENTS.read("realm", Map.of("trustpack.policy.grant.granted", List.of("Owner"))),
                    tenant)).isEqualTo("none");
        }

        @Test
        @DisplayName("when it is not a role name at all, then it is refused before the roles are consulted")
        void syntax() {
            assertThatThrownBy(() -> rest("{'grant': {'granted': '<script>'}}")).isInstanceOf(TrustpackException.class);
            assertThatThrownBy(() -> rest("{'grant': {'granted': 3}}")).isInstanceOf(TrustpackException.class);
        }
    }
}
