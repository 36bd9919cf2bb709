package dev.trustpack.tenancy.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.TenantRoleSet;

/**
 * Reads policy documents: a REST body, strictly (every problem is a 400 naming its field, and nothing is stored), and
 * stored attributes, leniently (every problem is recorded, and a value that does not validate counts as the strictest
 * one). Both know the installed sections only through the {@link PolicyCatalog} and the roles through the realm's
 * {@link TenantRoleSet}.
 */
public final class PolicyDocuments {

    /** More problems than this in one body are summarised, so an error message stays readable. */
    private static final int MAX_REPORTED = 20;

    private final PolicyCatalog catalog;
    private final TenantRoleSet roles;

    public PolicyDocuments(PolicyCatalog catalog, TenantRoleSet roles) {
        this.catalog = catalog;
        this.roles = roles;
    }

    /** Parses and validates a REST body; throws a 400 listing every problem with its field. */
    public PolicyDocument parse(JsonNode root) {
        List<TrustpackException.Problem> problems = new ArrayList<>();
        Map<PolicyPath, Object> values = new LinkedHashMap<>();
        if (root == null || !root.isObject()) {
            throw invalid(List.of(new TrustpackException.Problem(null, "A policy document is a JSON object such as "
                    + "{\"<section>\": {\"<field>\": <value>}, \"roles\": {\"<role>\": {\"<section>\": {...}}}}")));
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (PolicyPath.ROLES.equals(entry.getKey())) {
                parseRoles(entry.getValue(), values, problems);
            } else {
                parseSection(null, entry.getKey(), entry.getValue(), values, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new PolicyDocument(values, Map.of(), List.of());
    }

    /**
     * Reads the stored attributes of one level ({@code realm} or {@code tenant}). Nothing here throws: every key or
     * value that does not validate becomes a {@link PolicyProblem}.
     */
    public PolicyDocument read(String level, Map<String, List<String>> attributes) {
        Map<PolicyPath, Object> values = new LinkedHashMap<>();
        Map<PolicyPath, String> invalid = new LinkedHashMap<>();
        List<PolicyProblem> problems = new ArrayList<>();
        attributes.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().startsWith(PolicyPath.ATTRIBUTE_PREFIX))
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> readOne(level, entry.getKey(), entry.getValue(), values, invalid, problems));
        return new PolicyDocument(values, invalid, problems);
    }

    private void readOne(String level, String key, List<String> stored, Map<PolicyPath, Object> values,
                         Map<PolicyPath, String> invalid, List<PolicyProblem> problems) {
        String raw = stored == null || stored.isEmpty() || stored.get(0) == null ? "" : stored.get(0);
        String shown = PolicyJson.shorten(raw);
        Optional<PolicyPath> parsed = PolicyPath.ofAttributeKey(key);
        if (parsed.isEmpty()) {
            problems.add(new PolicyProblem(level, key, key, shown, "'" + PolicyJson.shorten(key)
                    + "' names no section and field; ignored"));
            return;
        }
        PolicyPath path = parsed.get();
        Optional<PolicySection> section = catalog.section(path.section());
        if (section.isEmpty()) {
            problems.add(new PolicyProblem(level, path.toString(), key, shown, "no installed module defines section '"
                    + path.section() + "' (installed: " + catalog.describe() + "); ignored"));
            return;
        }
        Optional<PolicyField<?>> field = section.get().field(path.field());
        if (field.isEmpty()) {
            problems.add(new PolicyProblem(level, path.toString(), key, shown, "section '" + path.section()
                    + "' has no field '" + path.field() + "'; ignored"));
            return;
        }
        if (path.isRole() && !roles.defines(path.role())) {
            problems.add(new PolicyProblem(level, path.toString(), key, shown, "'" + path.role()
                    + "' is not a tenant role (the tenant roles are " + roles.describe() + "); ignored"));
            return;
        }
        if (stored.size() > 1) {
            invalid.put(path, shown);
            problems.add(new PolicyProblem(level, path.toString(), key, shown, "several values are stored; counted as "
                    + "the strictest value " + strictestShown(field.get())));
            return;
        }
        try {
            values.put(path, stored(field.get(), raw));
        } catch (PolicyValueException e) {
            invalid.put(path, shown);
            problems.add(new PolicyProblem(level, path.toString(), key, shown, e.getMessage()
                    + "; counted as the strictest value " + strictestShown(field.get())));
        }
    }

    private void parseRoles(JsonNode node, Map<PolicyPath, Object> values, List<TrustpackException.Problem> problems) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(new TrustpackException.Problem(PolicyPath.ROLES, "'roles' must be an object of role names, "
                    + "each with its sections"));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String role = entry.getKey();
            String path = PolicyPath.ROLES + "." + PolicyJson.shorten(role);
            if (!roles.defines(role)) {
                problems.add(new TrustpackException.Problem(path, path + ": '" + PolicyJson.shorten(role)
                        + "' is not a tenant role; the tenant roles are " + roles.describe()));
                continue;
            }
            JsonNode sections = entry.getValue();
            if (sections == null || sections.isNull()) {
                continue;
            }
            if (!sections.isObject()) {
                problems.add(new TrustpackException.Problem(path, path + " must be an object of sections"));
                continue;
            }
            for (Map.Entry<String, JsonNode> section : sections.properties()) {
                if (PolicyPath.ROLES.equals(section.getKey())) {
                    problems.add(new TrustpackException.Problem(path + ".roles", path
                            + ".roles: role sections do not nest"));
                } else {
                    parseSection(role, section.getKey(), section.getValue(), values, problems);
                }
            }
        }
    }

    private void parseSection(String role, String name, JsonNode node, Map<PolicyPath, Object> values,
                              List<TrustpackException.Problem> problems) {
        String prefix = (role == null ? "" : PolicyPath.ROLES + "." + role + ".") + PolicyJson.shorten(name);
        Optional<PolicySection> section = catalog.section(name);
        if (section.isEmpty()) {
            problems.add(new TrustpackException.Problem(prefix, prefix + ": unknown policy section '"
                    + PolicyJson.shorten(name) + "'; the sections are " + catalog.describe()));
            return;
        }
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(new TrustpackException.Problem(prefix, prefix + " must be an object of fields"));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = prefix + "." + PolicyJson.shorten(entry.getKey());
            Optional<PolicyField<?>> field = section.get().field(entry.getKey());
            if (field.isEmpty()) {
                problems.add(new TrustpackException.Problem(path, path + ": section '" + name + "' has no field '"
                        + PolicyJson.shorten(entry.getKey()) + "'; its fields are "
                        + String.join(", ", section.get().fields().stream().map(PolicyField::name).toList())));
                continue;
            }
            if (entry.getValue() == null || entry.getValue().isNull()) {
                continue;
            }
            try {
                values.put(new PolicyPath(role, name, entry.getKey()), parsed(field.get(), entry.getValue()));
            } catch (PolicyValueException e) {
                problems.add(new TrustpackException.Problem(path, path + ": " + e.getMessage()));
            }
        }
    }

    private <T> T stored(PolicyField<T> field, String raw) {
        return field.withRoles(field.fromStored(raw), roles);
    }

    private <T> T parsed(PolicyField<T> field, JsonNode node) {
        return field.withRoles(field.fromJson(node), roles);
    }

    private static TrustpackException invalid(List<TrustpackException.Problem> problems) {
        if (problems.size() > MAX_REPORTED) {
            List<TrustpackException.Problem> shown = new ArrayList<>(problems.subList(0, MAX_REPORTED));
            shown.add(new TrustpackException.Problem(null, "and " + (problems.size() - MAX_REPORTED) + " more"));
            problems = shown;
        }
        return TrustpackException.of(TrustpackException.Kind.INVALID, problems);
    }

    private static <T> String strictestShown(PolicyField<T> field) {
        return field.show(field.strictest());
    }
}
