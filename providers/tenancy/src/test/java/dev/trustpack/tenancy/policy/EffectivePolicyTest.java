package dev.trustpack.tenancy.policy;

import static dev.trustpack.tenancy.policy.ExampleSection.CATALOG;
import static dev.trustpack.tenancy.policy.ExampleSection.GRACE_DAYS;
import static dev.trustpack.tenancy.policy.ExampleSection.METHODS;
import static dev.trustpack.tenancy.policy.ExampleSection.REQUIRE;
import static dev.trustpack.tenancy.policy.ExampleSection.SECTION;
import static dev.trustpack.tenancy.policy.ExampleSection.STRICT_MODE;
import static dev.trustpack.tenancy.policy.ExampleSection.document;
import static dev.trustpack.tenancy.policy.ExampleSection.stored;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Effective policy: realm floor, tenant and role sections merged strictest-wins")
class EffectivePolicyTest {

    private static final PolicyDocument NONE = PolicyDocument.empty();

    @Nested
    @DisplayName("given no level sets a field")
    class Defaults {

        @Test
        @DisplayName("when merged, then the module's default applies and says so")
        void defaultsApply() {
            EffectivePolicy policy = EffectivePolicy.merge(CATALOG, NONE, NONE, List.of("Owner"));

            assertThat(policy.value(SECTION, REQUIRE)).isEqualTo("off");
            assertThat(policy.value(SECTION, GRACE_DAYS)).isEqualTo(14);
            assertThat(policy.value(SECTION, METHODS)).containsExactly("a", "b", "c");
            assertThat(policy.source(SECTION, GRACE_DAYS)).isEqualTo(PolicySource.DEFAULT);
        }
    }

    @Nested
    @DisplayName("given a realm floor")
    class RealmFloor {

        @Test
        @DisplayName("when the realm is looser than the default, then the realm's value applies (the floor replaces the default)")
        void floorReplacesDefault() {
            EffectivePolicy policy = EffectivePolicy.merge(CATALOG, document("{'example': {'graceDays': 60}}"), null,
                    List.of());

            assertThat(policy.value(SECTION, GRACE_DAYS)).isEqualTo(60);
            assertThat(policy.source(SECTION, GRACE_DAYS)).isEqualTo(PolicySource.REALM);
        }

        @Test
        @DisplayName("when a tenant sets a looser value, then the floor still applies")
        void tenantCannotLoosen() {
            EffectivePolicy policy = EffectivePolicy.merge(CATALOG,
                    document("{'example': {'require': 'recommended', 'graceDays': 7}}"),
                    document("{'example': {'require': 'off', 'graceDays': 30}}"), List.of());

            assertThat(policy.value(SECTION, REQUIRE)).isEqualTo("recommended");
            assertThat(policy.value(SECTION, GRACE_DAYS)).isEqualTo(7);
            assertThat(policy.source(SECTION, GRACE_DAYS)).isEqualTo(PolicySource.REALM);
        }

        @Test
        @DisplayName("when a tenant sets the same value, then the realm is named (it would hold without the tenant)")
        void tieNamesTheEarlierLevel() {
            EffectivePolicy policy = EffectivePolicy.merge(CATALOG, document("{'example': {'graceDays': 7}}"),
                    document("{'example': {'graceDays': 7}}"), List.of());

            assertThat(policy.source(SECTION, GRACE_DAYS)).isEqualTo(PolicySource.REALM);
        }
    }

    @Nested
    @DisplayName("given role sections")
    class Roles {

        private final PolicyDocument realm = document("{'roles': {'Owner': {'example': {'strictMode': true}}}}");
        private final PolicyDocument tenant = document("{'example': {'require': 'recommended'}, "
                + "'roles': {'Owner': {'example': {'require': 'required', 'methods': ['b', 'c']}},"
                + " 'Admin': {'example': {'graceDays': 3}}}}");

        @Test
        @DisplayName("when the user holds a role, then its sections tighten the tenant's policy and are named as the source")
        void rolesTighten() {
            EffectivePolicy owner = EffectivePolicy.merge(CATALOG, realm, tenant, List.of("Owner"));

            assertThat(owner.value(SECTION, REQUIRE)).isEqualTo("required");
            assertThat(owner.source(SECTION, REQUIRE)).isEqualTo(new PolicySource(PolicySource.Level.TENANT_ROLE, "Owner"));
            assertThat(owner.value(SECTION, STRICT_MODE)).isTrue();
            assertThat(owner.source(SECTION, STRICT_MODE)).isEqualTo(new PolicySource(PolicySource.Level.REALM_ROLE, "Owner"));
            assertThat(owner.value(SECTION, METHODS)).containsExactly("b", "c");
            assertThat(owner.value(SECTION, GRACE_DAYS)).as("Admin's section does not apply to an Owner").isEqualTo(14);
        }

        @Test
        @DisplayName("when the user holds several roles, then the strictest value of each field wins")
        void severalRolesTakeTheStrictest() {
            EffectivePolicy both = EffectivePolicy.merge(CATALOG, realm, tenant, List.of("Owner", "Admin"));

            assertThat(both.value(SECTION, REQUIRE)).isEqualTo("required");
            assertThat(both.value(SECTION, GRACE_DAYS)).isEqualTo(3);
            assertThat(both.source(SECTION, GRACE_DAYS)).isEqualTo(new PolicySource(PolicySource.Level.TENANT_ROLE, "Admin"));
        }

        @Test
        @DisplayName("when a role allows other options than the tenant, then only the options both allow remain")
        void subsetsIntersect() {
            PolicyDocument narrowed = document("{'example': {'methods': ['a', 'b']},"
                    + " 'roles': {'Viewer': {'example': {'methods': ['b', 'c']}}}}");

            EffectivePolicy viewer = EffectivePolicy.merge(CATALOG, NONE, narrowed, List.of("Viewer"));

            assertThat(viewer.value(SECTION, METHODS)).containsExactly("b");
            assertThat(viewer.source(SECTION, METHODS)).isEqualTo(new PolicySource(PolicySource.Level.TENANT_ROLE, "Viewer"));
        }

        @Test
        @DisplayName("when the user holds none of them, then only the tenant applies")
        void otherRolesDoNotApply() {
            EffectivePolicy viewer = EffectivePolicy.merge(CATALOG, realm, tenant, List.of("Viewer"));

            assertThat(viewer.value(SECTION, REQUIRE)).isEqualTo("recommended");
            assertThat(viewer.value(SECTION, STRICT_MODE)).isFalse();
        }
    }

    @Nested
    @DisplayName("given a stored value that does not validate")
    class InvalidStoredValues {

        @Test
        @DisplayName("when merged, then it counts as the strictest value and the problem is shown")
        void invalidCountsAsStrictest() {
            PolicyDocument realm = stored("realm", Map.of("trustpack.policy.example.graceDays", "30"));
            PolicyDocument tenant = stored("tenant", Map.of("trustpack.policy.example.graceDays", "banana",
                    "trustpack.policy.example.methods", "a,zzz"));

            EffectivePolicy policy = EffectivePolicy.merge(CATALOG, realm, tenant, List.of());

            assertThat(policy.value(SECTION, GRACE_DAYS)).isEqualTo(0);
            assertThat(policy.entry(SECTION, GRACE_DAYS).problem()).contains("'banana'").contains("strictest value 0");
            assertThat(policy.value(SECTION, METHODS)).isEqualTo(Set.of("c"));
            assertThat(policy.problems()).extracting(PolicyProblem::path)
                    .containsExactlyInAnyOrder("example.graceDays", "example.methods");
        }

        @Test
        @DisplayName("when the invalid value is the realm's, then it is never looser than the module's default")
        void invalidRealmValueIsNoLooserThanTheDefault() {
            PolicyDocument realm = stored("realm", Map.of("trustpack.policy.example.methods", "",
                    "trustpack.policy.example.require", "sometimes"));

            EffectivePolicy policy = EffectivePolicy.merge(CATALOG, realm, null, List.of());

            assertThat(policy.value(SECTION, METHODS)).containsExactly("c");
            assertThat(policy.value(SECTION, REQUIRE)).isEqualTo("required");
            assertThat(policy.source(SECTION, METHODS)).isEqualTo(PolicySource.REALM);
        }

        @Test
        @DisplayName("when the invalid value is in a role section, then it tightens only that role's holders")
        void invalidRoleValueIsStrictForThatRole() {
            PolicyDocument tenant = stored("tenant", Map.of("trustpack.policy.roles.Owner.example.require", "sometimes"));

            assertThat(EffectivePolicy.merge(CATALOG, NONE, tenant, List.of("Owner")).value(SECTION, REQUIRE))
                    .isEqualTo("required");
            assertThat(EffectivePolicy.merge(CATALOG, NONE, tenant, List.of("Viewer")).value(SECTION, REQUIRE))
                    .isEqualTo("off");
        }
    }

    @Nested
    @DisplayName("given a session used for several tenants")
    class SeveralTenants {

        @Test
        @DisplayName("when combined, then each field takes the strictest of them")
        void strictestOfSeveral() {
            EffectivePolicy acme = EffectivePolicy.merge(CATALOG, NONE, document("{'example': {'graceDays': 5}}"),
                    List.of());
            EffectivePolicy globex = EffectivePolicy.merge(CATALOG, NONE,
                    document("{'example': {'require': 'required', 'graceDays': 9}}"), List.of());

            EffectivePolicy both = EffectivePolicy.strictest(CATALOG, List.of(acme, globex));

            assertThat(both.value(SECTION, GRACE_DAYS)).isEqualTo(5);
            assertThat(both.value(SECTION, REQUIRE)).isEqualTo("required");
        }
    }
}
