package dev.trustpack.tenancy.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustpack.tenancy.TenantRoleSet;

/** A section with one field of each kind, as a capability module would define it; test data only. */
final class ExampleSection {

    static final LevelField REQUIRE = LevelField.of("require", "How strongly something is required", "off",
            List.of("off", "recommended", "required"));
    static final IntField GRACE_DAYS = IntField.lowerIsStricter("graceDays", "Days before it is enforced", 14, 0, 90);
    static final SubsetField METHODS = SubsetField.of("methods", "Methods allowed", Set.of("a", "b", "c"),
            List.of("a", "b", "c"), Set.of("c"));
    static final FlagField STRICT_MODE = FlagField.trueIsStricter("strictMode", "Strict mode", false);

    static final PolicySection SECTION = new PolicySection("example", "An example section",
            List.of(REQUIRE, GRACE_DAYS, METHODS, STRICT_MODE));

    static final PolicyCatalog CATALOG = new PolicyCatalog(List.of(SECTION));
    static final TenantRoleSet ROLES = TenantRoleSet.parse("Owner,Admin,Team.Lead,Viewer", "Owner,Admin");
    static final PolicyDocuments DOCUMENTS = new PolicyDocuments(CATALOG, ROLES);

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleSection() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A document as a REST body (single quotes for readability). */
    static PolicyDocument document(String json) {
        return DOCUMENTS.parse(json(json));
    }

    /** A document as attributes stored by any route. */
    static PolicyDocument stored(String level, Map<String, String> attributes) {
        Map<String, List<String>> multi = new java.util.LinkedHashMap<>();
        attributes.forEach((key, value) -> multi.put(key, List.of(value)));
        return DOCUMENTS.read(level, multi);
    }
}
