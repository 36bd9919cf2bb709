package dev.trustpack.tenancy.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The policy that applies to one user in one tenant (or to a tenant, or to the realm alone): every field of every
 * installed section, with the level that set it. Merged strictest-wins: the realm floor (or the module's default),
 * then the realm's role sections for the user's roles, the tenant, and the tenant's role sections. A stored value
 * that does not validate takes part as the field's strictest value and is listed in {@link #problems()}.
 */
public final class EffectivePolicy {

    /** One effective value, the level that set it, and the problem behind it if a stored value did not validate. */
    public record Entry(Object value, PolicySource source, String problem) {
    }

    private final Map<PolicyPath, Entry> entries;
    private final List<PolicyProblem> problems;

    EffectivePolicy(Map<PolicyPath, Entry> entries, List<PolicyProblem> problems) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.problems = List.copyOf(problems);
    }

    /**
     * Merges the levels.
     *
     * @param realm  the realm document
     * @param tenant the tenant's document, or null for the realm alone
     * @param roles  the user's roles in the tenant (empty without a tenant or user)
     */
    public static EffectivePolicy merge(PolicyCatalog catalog, PolicyDocument realm, PolicyDocument tenant,
                                        List<String> roles) {
        Map<PolicyPath, Entry> entries = new LinkedHashMap<>();
        for (PolicySection section : catalog.sections()) {
            for (PolicyField<?> field : section.fields()) {
                entries.put(PolicyPath.of(section.name(), field.name()), mergeField(section, field, realm, tenant, roles));
            }
        }
        List<PolicyProblem> problems = new ArrayList<>(realm.problems());
        if (tenant != null) {
            problems.addAll(tenant.problems());
        }
        return new EffectivePolicy(entries, problems);
    }

    private static <T> Entry mergeField(PolicySection section, PolicyField<T> field, PolicyDocument realm,
                                        PolicyDocument tenant, List<String> roles) {
        PolicyPath base = PolicyPath.of(section.name(), field.name());
        Merger<T> merger = new Merger<>(field);
        // The realm floor replaces the default: a realm may be looser than a module's default.
        if (!merger.replace(realm, base, PolicySource.REALM)) {
            merger.value = field.defaultValue();
            merger.source = PolicySource.DEFAULT;
        }
        for (String role : roles) {
            merger.tighten(realm, PolicyPath.ofRole(role, section.name(), field.name()),
                    new PolicySource(PolicySource.Level.REALM_ROLE, role));
        }
        if (tenant != null) {
            merger.tighten(tenant, base, PolicySource.TENANT);
            for (String role : roles) {
                merger.tighten(tenant, PolicyPath.ofRole(role, section.name(), field.name()),
                        new PolicySource(PolicySource.Level.TENANT_ROLE, role));
            }
        }
        return new Entry(merger.value, merger.source, merger.problem);
    }

    /** The strictest of several effective policies, field by field (for a session used for several tenants). */
    public static EffectivePolicy strictest(PolicyCatalog catalog, List<EffectivePolicy> policies) {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("no policies");
        }
        Map<PolicyPath, Entry> entries = new LinkedHashMap<>(policies.get(0).entries);
        List<PolicyProblem> problems = new ArrayList<>(policies.get(0).problems);
        for (EffectivePolicy other : policies.subList(1, policies.size())) {
            other.entries.forEach((path, entry) -> entries.merge(path, entry, (current, candidate) ->
                    stricterEntry(catalog, path, current, candidate)));
            other.problems.stream().filter(p -> !problems.contains(p)).forEach(problems::add);
        }
        return new EffectivePolicy(entries, problems);
    }

    private static Entry stricterEntry(PolicyCatalog catalog, PolicyPath path, Entry current, Entry candidate) {
        PolicyField<?> field = catalog.field(path).orElseThrow();
        return stricterOf(field, current, candidate);
    }

    private static <T> Entry stricterOf(PolicyField<T> field, Entry current, Entry candidate) {
        T merged = field.stricter(field.cast(current.value()), field.cast(candidate.value()));
        return Objects.equals(merged, current.value()) ? current
                : new Entry(merged, candidate.source(), candidate.problem() != null ? candidate.problem() : current.problem());
    }

    /** The effective value of a field; the section must be installed (it is, if the calling module is). */
    public <T> T value(PolicySection section, PolicyField<T> field) {
        return field.cast(entry(section, field).value());
    }

    public PolicySource source(PolicySection section, PolicyField<?> field) {
        return entry(section, field).source();
    }

    public Entry entry(PolicySection section, PolicyField<?> field) {
        if (!section.defines(field)) {
            throw new IllegalArgumentException("Section " + section.name() + " does not define " + field.name());
        }
        Entry entry = entries.get(PolicyPath.of(section.name(), field.name()));
        if (entry == null) {
            throw new IllegalStateException("Policy section " + section.name() + " is not installed");
        }
        return entry;
    }

    /** Every stored value or key of the levels involved that did not validate. */
    public List<PolicyProblem> problems() {
        return problems;
    }

    /**
     * {@code {"mfa": {"require": {"value": "required", "source": "tenant-role", "role": "Owner"}}}}, with
     * {@code "problem"} on values forced to their strictest.
     */
    public ObjectNode toJson(PolicyCatalog catalog) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        entries.forEach((path, entry) -> catalog.field(path).ifPresent(field -> {
            ObjectNode value = root.withObjectProperty(path.section()).putObject(path.field());
            value.set("value", json(field, entry.value()));
            value.put("source", entry.source().level().label());
            if (entry.source().role() != null) {
                value.put("role", entry.source().role());
            }
            if (entry.problem() != null) {
                value.put("problem", entry.problem());
            }
        }));
        return root;
    }

    /** The problems as a JSON array, for the REST API. */
    public ArrayNode problemsJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (PolicyProblem problem : problems) {
            ObjectNode node = array.addObject();
            node.put("level", problem.level());
            node.put("field", problem.path());
            node.put("attribute", problem.attribute());
            node.put("stored", problem.stored());
            node.put("message", problem.message());
        }
        return array;
    }

    private static <T> com.fasterxml.jackson.databind.JsonNode json(PolicyField<T> field, Object value) {
        return field.toJson(field.cast(value));
    }

    /** Walks the levels of one field. */
    private static final class Merger<T> {

        private final PolicyField<T> field;
        private T value;
        private PolicySource source;
        private String problem;

        Merger(PolicyField<T> field) {
            this.field = field;
        }

        /**
         * Takes the level's value as it is (the realm floor replaces the default); false if the level does not set
         * the field. A value that does not validate replaces it with the stricter of the default and the strictest.
         */
        boolean replace(PolicyDocument document, PolicyPath path, PolicySource level) {
            T found = valueAt(document, path, level);
            if (found == null) {
                return false;
            }
            value = document.invalidStored().containsKey(path) ? field.stricter(field.defaultValue(), found) : found;
            source = level;
            return true;
        }

        /** Takes the level's value if it is stricter. */
        void tighten(PolicyDocument document, PolicyPath path, PolicySource level) {
            T found = valueAt(document, path, level);
            if (found == null) {
                return;
            }
            // For a subset the stricter of two is their intersection, which may be neither of them.
            T merged = field.stricter(value, found);
            if (!Objects.equals(merged, value)) {
                value = merged;
                source = level;
            }
        }

        private T valueAt(PolicyDocument document, PolicyPath path, PolicySource level) {
            String invalid = document.invalidStored().get(path);
            if (invalid != null) {
                problem = "the " + level + " value '" + invalid + "' does not validate; counted as the strictest value "
                        + field.show(field.strictest());
                return field.strictest();
            }
            return document.value(path).map(field::cast).orElse(null);
        }
    }
}
