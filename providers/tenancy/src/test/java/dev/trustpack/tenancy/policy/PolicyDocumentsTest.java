package dev.trustpack.tenancy.policy;

import static dev.trustpack.tenancy.policy.ExampleSection.CATALOG;
import static dev.trustpack.tenancy.policy.ExampleSection.DOCUMENTS;
import static dev.trustpack.tenancy.policy.ExampleSection.GRACE_DAYS;
import static dev.trustpack.tenancy.policy.ExampleSection.SECTION;
import static dev.trustpack.tenancy.policy.ExampleSection.document;
import static dev.trustpack.tenancy.policy.ExampleSection.json;
import static dev.trustpack.tenancy.policy.ExampleSection.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.trustpack.common.error.TrustpackException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Policy documents: strict on the REST body, lenient but never looser on stored attributes")
class PolicyDocumentsTest {

    @Nested
    @DisplayName("given a REST body")
    class RestBody {

        @Test
        @DisplayName("when every value is valid, then the document stores as one attribute per value and reads back the same")
        void roundTrip() {
            PolicyDocument parsed = document("{'example': {'require': 'required', 'graceDays': 7, 'methods': ['c', 'a'],"
                    + " 'strictMode': true}, 'roles': {'Team.Lead': {'example': {'graceDays': 1}}}}");

            Map<String, String> attributes = parsed.toAttributes(CATALOG);

            assertThat(attributes).containsEntry("trustpack.policy.example.require", "required")
                    .containsEntry("trustpack.policy.example.methods", "a,c")
                    .containsEntry("trustpack.policy.roles.Team.Lead.example.graceDays", "1")
                    .hasSize(5);
            PolicyDocument reread = stored("tenant", attributes);
            assertThat(reread.problems()).isEmpty();
            assertThat(reread.toJson(CATALOG)).isEqualTo(parsed.toJson(CATALOG));
        }

        @Test
        @DisplayName("when values are wrong, then a 400 names every field and what it expects")
        void everyProblemNamed() {
            assertThatThrownBy(() -> document("{'example': {'graceDays': 91, 'require': 'always', 'methods': 'a',"
                    + " 'nope': 1}, 'unknown': {}, 'roles': {'Superuser': {}, 'Owner': {'example': {'strictMode': 'yes'}}}}"))
                    .isInstanceOfSatisfying(TrustpackException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TrustpackException.Kind.INVALID);
                        assertThat(e.problems()).extracting(TrustpackException.Problem::field).containsExactly(
                                "example.graceDays", "example.require", "example.methods", "example.nope", "unknown",
                                "roles.Superuser", "roles.Owner.example.strictMode");
                        assertThat(e.getMessage())
                                .contains("example.graceDays: 91 is not an integer from 0 to 90 (lower is stricter)")
                                .contains("unknown policy section 'unknown'; the sections are example")
                                .contains("'Superuser' is not a tenant role");
                    });
        }

        @Test
        @DisplayName("when a number is written as text or a fraction, then it is refused: types are strict")
        void typesAreStrict() {
            for (String value : List.of("'7'", "7.5", "null", "[7]", "99999999999")) {
                if (value.equals("null")) {
                    assertThat(document("{'example': {'graceDays': null}}").paths()).as("null means unset").isEmpty();
                    continue;
                }
                assertThatThrownBy(() -> document("{'example': {'graceDays': " + value + "}}")).as(value)
                        .isInstanceOf(TrustpackException.class).hasMessageContaining("example.graceDays");
            }
        }

        @Test
        @DisplayName("when the body is not an object, then the error says what a document is")
        void notAnObject() {
            assertThatThrownBy(() -> DOCUMENTS.parse(json("[1, 2]")))
                    .isInstanceOf(TrustpackException.class).hasMessageContaining("A policy document is a JSON object");
        }
    }

    @Nested
    @DisplayName("given stored attributes written by any route")
    class StoredAttributes {

        @Test
        @DisplayName("when a value or key does not validate, then it is reported, never thrown, and other attributes are untouched")
        void problemsAreReported() {
            PolicyDocument document = stored("tenant", Map.of(
                    "trustpack.policy.example.graceDays", "banana",
                    "trustpack.policy.example.require", "required",
                    "trustpack.policy.example.colour", "blue",
                    "trustpack.policy.other.field", "1",
                    "trustpack.policy.roles.Ghost.example.require", "off",
                    "unrelated.attribute", "x"));

            assertThat(document.value(SECTION, ExampleSection.REQUIRE)).contains("required");
            assertThat(document.value(SECTION, GRACE_DAYS)).isEmpty();
            assertThat(document.invalidStored()).containsEntry(PolicyPath.of("example", "graceDays"), "banana");
            assertThat(document.problems()).extracting(PolicyProblem::path).containsExactlyInAnyOrder(
                    "example.graceDays", "example.colour", "other.field", "roles.Ghost.example.require");
            assertThat(document.toJson(CATALOG).path("example").path("graceDays").asText()).as("shown as stored")
                    .isEqualTo("banana");
        }
    }

    @Nested
    @DisplayName("given a tenant admin's document")
    class TenantAdminFloor {

        private final PolicyDocument realm = document("{'example': {'graceDays': 14, 'require': 'recommended'},"
                + " 'roles': {'Owner': {'example': {'require': 'required'}}}}");
        private final PolicyDocument current = document("{'example': {'graceDays': 7}}");

        @Test
        @DisplayName("when every value is at least as strict as the floor and the current values, then nothing is looser")
        void tightening() {
            assertThat(PolicyFloor.looser(CATALOG, realm, current,
                    document("{'example': {'graceDays': 5, 'require': 'required'}}"))).isEmpty();
        }

        @Test
        @DisplayName("when a value is looser than the floor (role sections included), then each such field is named")
        void belowTheFloor() {
            List<TrustpackException.Problem> looser = PolicyFloor.looser(CATALOG, realm, PolicyDocument.empty(), document(
                    "{'example': {'graceDays': 30}, 'roles': {'Owner': {'example': {'require': 'recommended'}}}}"));

            assertThat(looser).extracting(TrustpackException.Problem::field)
                    .containsExactlyInAnyOrder("example.graceDays", "roles.Owner.example.require");
            assertThat(looser.get(0).message()).contains("looser than the realm floor");
        }

        @Test
        @DisplayName("when a value is looser than the one stored now, though not below the floor, then it is refused too")
        void belowTheCurrentValue() {
            assertThat(PolicyFloor.looser(CATALOG, realm, current, document("{'example': {'graceDays': 10}}")))
                    .singleElement().satisfies(problem -> assertThat(problem.message())
                            .contains("10 is looser than the current value 7"));
        }

        @Test
        @DisplayName("when a stored value stricter than the floor is left out, then that removal is refused")
        void removal() {
            assertThat(PolicyFloor.looser(CATALOG, realm, current, PolicyDocument.empty()))
                    .singleElement().satisfies(problem -> assertThat(problem.message())
                            .contains("removing 7 would loosen it to the realm floor 14"));
        }

        @Test
        @DisplayName("when role sections change, then those roles are named (tenant admins change only roles below theirs)")
        void rolesChanged() {
            PolicyDocument withOwner = document("{'roles': {'Owner': {'example': {'graceDays': 1}}}}");

            assertThat(PolicyFloor.rolesChanged(current, withOwner)).containsExactly("Owner");
            assertThat(PolicyFloor.rolesChanged(withOwner, withOwner)).isEmpty();
            assertThat(PolicyFloor.rolesChanged(withOwner, current)).containsExactly("Owner");
        }
    }

    @Test
    @DisplayName("given an empty list of options, when parsed, then it is refused: one level cannot allow nothing")
    void emptySubsetIsRefused() {
        assertThatThrownBy(() -> document("{'example': {'methods': []}}")).isInstanceOf(TrustpackException.class)
                .hasMessageContaining("example.methods: [] is not a non-empty list");
    }
}
