package dev.trustpack.tenancy.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The policy of one level, the realm (the floor) or one tenant: values of the sections' fields for the level itself
 * and per role, as a REST body was parsed or as the attributes are stored. Fields that are not set inherit.
 * A stored value that does not validate is kept apart ({@link #invalidStored()}) with its {@link #problems()}.
 */
public final class PolicyDocument {

    private final Map<PolicyPath, Object> values;
    private final Map<PolicyPath, String> invalidStored;
    private final List<PolicyProblem> problems;

    PolicyDocument(Map<PolicyPath, Object> values, Map<PolicyPath, String> invalidStored, List<PolicyProblem> problems) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.invalidStored = Collections.unmodifiableMap(new LinkedHashMap<>(invalidStored));
        this.problems = List.copyOf(problems);
    }

    public static PolicyDocument empty() {
        return new PolicyDocument(Map.of(), Map.of(), List.of());
    }

    /** The valid value at a path, if set. */
    public Optional<Object> value(PolicyPath path) {
        return Optional.ofNullable(values.get(path));
    }

    public <T> Optional<T> value(PolicySection section, PolicyField<T> field) {
        return value(PolicyPath.of(section.name(), field.name())).map(field::cast);
    }

    /** The paths with a valid value. */
    public Set<PolicyPath> paths() {
        return values.keySet();
    }

    /** Stored values that do not validate (path to the stored text); they count as the field's strictest value. */
    public Map<PolicyPath, String> invalidStored() {
        return invalidStored;
    }

    public List<PolicyProblem> problems() {
        return problems;
    }

    /** The attributes that store this document (valid values only). */
    public Map<String, String> toAttributes(PolicyCatalog catalog) {
        Map<String, String> attributes = new LinkedHashMap<>();
        values.forEach((path, value) -> catalog.field(path).ifPresent(field ->
                attributes.put(path.attributeKey(), stored(field, value))));
        return attributes;
    }

    /**
     * The document as the REST API shows it: {@code {"mfa": {...}, "roles": {"Owner": {"mfa": {...}}}}}. A stored
     * value that does not validate is shown as the text that is stored, so an admin sees it and a round trip of
     * this body is refused until it is fixed.
     */
    public ObjectNode toJson(PolicyCatalog catalog) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        values.forEach((path, value) -> catalog.field(path).ifPresent(field ->
                target(root, path).set(path.field(), json(field, value))));
        invalidStored.forEach((path, raw) -> target(root, path).put(path.field(), raw));
        return root;
    }

    private static ObjectNode target(ObjectNode root, PolicyPath path) {
        ObjectNode level = path.isRole() ? root.withObjectProperty(PolicyPath.ROLES).withObjectProperty(path.role()) : root;
        return level.withObjectProperty(path.section());
    }

    private static <T> String stored(PolicyField<T> field, Object value) {
        return field.toStored(field.cast(value));
    }

    private static <T> com.fasterxml.jackson.databind.JsonNode json(PolicyField<T> field, Object value) {
        return field.toJson(field.cast(value));
    }
}
