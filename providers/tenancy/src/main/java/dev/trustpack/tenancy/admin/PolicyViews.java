package dev.trustpack.tenancy.admin;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.policy.EffectivePolicy;
import dev.trustpack.tenancy.policy.FlagField;
import dev.trustpack.tenancy.policy.IntField;
import dev.trustpack.tenancy.policy.LevelField;
import dev.trustpack.tenancy.policy.PolicyCatalog;
import dev.trustpack.tenancy.policy.PolicyField;
import dev.trustpack.tenancy.policy.PolicySection;
import dev.trustpack.tenancy.policy.PolicySectionProvider;
import dev.trustpack.tenancy.policy.SubsetField;
import dev.trustpack.tenancy.policy.TenantPolicies;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** The JSON the policy endpoints read and write. */
final class PolicyViews {

    /** A policy document is small; anything bigger is not one. */
    static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private PolicyViews() {
    }

    /** Parses a request body as JSON: 413 over the limit, 400 naming the problem for anything that is not JSON. */
    static JsonNode body(String body) {
        return JsonBody.read(body, MAX_DOCUMENT_BYTES, "The body must be a policy document (a JSON object); send {} "
                + "to clear every value", "A policy document is at most " + MAX_DOCUMENT_BYTES / 1024 + " KiB");
    }

    /** The effective policy of a member: who, where, which roles, every value with its source, and the problems. */
    static ObjectNode effective(KeycloakSession session, TenancyProvider tenancy, Tenant tenant, UserModel user) {
        TenantPolicies policies = tenancy.policies();
        EffectivePolicy policy = policies.of(tenant, user);
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.putObject("user").put("id", user.getId()).put("username", user.getUsername());
        view.putObject("tenant").put("id", tenant.id()).put("alias", tenant.alias()).put("name", tenant.name());
        ArrayNode roles = view.putArray("roles");
        tenancy.rolesOf(tenant, user).forEach(roles::add);
        view.set("policy", policy.toJson(policies.catalog()));
        view.set("problems", policy.problemsJson());
        ObjectNode exemptions = view.putObject("exemptions");
        for (PolicySection section : policies.catalog().sections()) {
            PolicySectionProvider provider = session.getProvider(PolicySectionProvider.class, section.name());
            List<String> listed = provider == null ? List.of() : provider.exemptions();
            if (!listed.isEmpty()) {
                ArrayNode array = exemptions.putArray(section.name());
                listed.forEach(array::add);
            }
        }
        return view;
    }

    /** What each installed section's fields are: type, bounds, default, which way is stricter. */
    static ArrayNode sections(PolicyCatalog catalog) {
        ArrayNode sections = JsonNodeFactory.instance.arrayNode();
        for (PolicySection section : catalog.sections()) {
            ObjectNode node = sections.addObject();
            node.put("name", section.name());
            node.put("description", section.description());
            ArrayNode fields = node.putArray("fields");
            section.fields().forEach(field -> fields.add(field(field)));
        }
        return sections;
    }

    private static <T> ObjectNode field(PolicyField<T> field) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", field.name());
        node.put("description", field.description());
        node.put("type", type(field));
        node.set("default", field.toJson(field.defaultValue()));
        node.set("strictest", field.toJson(field.strictest()));
        node.put("expects", field.expectation());
        return node;
    }

    private static String type(PolicyField<?> field) {
        if (field instanceof IntField) {
            return "integer";
        }
        if (field instanceof FlagField) {
            return "boolean";
        }
        if (field instanceof LevelField) {
            return "level";
        }
        if (field instanceof SubsetField) {
            return "subset";
        }
        return "custom";
    }
}
