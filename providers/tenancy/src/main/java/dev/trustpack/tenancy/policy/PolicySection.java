package dev.trustpack.tenancy.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A capability module's part of the tenant policy document (for example {@code mfa} or {@code sessions}): a name
 * and typed fields. Tenancy merges it strictest-wins without knowing what the fields mean. Define it once as a
 * constant and contribute it with a {@link PolicySectionFactory}.
 */
public final class PolicySection {

    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]{0,29}");

    private final String name;
    private final String description;
    private final Map<String, PolicyField<?>> fields = new LinkedHashMap<>();

    public PolicySection(String name, String description, List<PolicyField<?>> fields) {
        if (name == null || !NAME.matcher(name).matches() || PolicyPath.ROLES.equals(name)) {
            throw new IllegalArgumentException("Policy section names are lowerCamelCase and not 'roles': " + name);
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("Policy section " + name + " has no fields");
        }
        this.name = name;
        this.description = description;
        for (PolicyField<?> field : fields) {
            if (this.fields.put(field.name(), field) != null) {
                throw new IllegalArgumentException("Policy section " + name + " defines " + field.name() + " twice");
            }
        }
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<PolicyField<?>> fields() {
        return List.copyOf(fields.values());
    }

    public Optional<PolicyField<?>> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName));
    }

    boolean defines(PolicyField<?> field) {
        return fields.get(field.name()) == field;
    }
}
