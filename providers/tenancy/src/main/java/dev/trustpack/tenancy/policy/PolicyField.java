package dev.trustpack.tenancy.policy;

import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.tenancy.TenantRoleSet;

/**
 * One field of a policy section: its name, what a valid value is, its default, and which of two values is the
 * stricter (the merge). A module defines its fields once, as constants, and reads the effective value with the same
 * constant ({@link EffectivePolicy#value(PolicySection, PolicyField)}).
 *
 * <p>Values travel in two forms: typed JSON in the REST document ({@link #fromJson}) and a short string in the
 * stored attribute ({@link #fromStored}), which any route (Keycloak's organization API, a realm import) may have
 * written. Both reject what does not validate with {@link PolicyValueException}; a stored value that does not validate
 * counts as {@link #strictest()}.
 *
 * @param <T> the value type; must implement {@code equals}
 */
public abstract class PolicyField<T> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]{0,39}");

    private final String name;
    private final String description;
    private final T defaultValue;

    protected PolicyField(String name, String description, T defaultValue) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Policy field names are lowerCamelCase, up to 40 characters: " + name);
        }
        this.name = name;
        this.description = Objects.requireNonNull(description, "description");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
    }

    public final String name() {
        return name;
    }

    public final String description() {
        return description;
    }

    /** The value when no level sets the field. */
    public final T defaultValue() {
        return defaultValue;
    }

    /** What a stored value that does not validate counts as: the strictest value this field can take. */
    public abstract T strictest();

    /** The stricter of two valid values; equal strictness returns {@code current}. */
    public abstract T stricter(T current, T candidate);

    /** True when {@code candidate} is at least as strict as {@code floor}. */
    public final boolean isAtLeastAsStrictAs(T candidate, T floor) {
        return Objects.equals(stricter(floor, candidate), candidate);
    }

    /** The value of a REST document, typed; throws {@link PolicyValueException} saying what is expected. */
    public abstract T fromJson(JsonNode node);

    public abstract JsonNode toJson(T value);

    /** The value of a stored attribute; throws {@link PolicyValueException} saying what is expected. */
    public abstract T fromStored(String raw);

    public abstract String toStored(T value);

    /** What a valid value is, and which way is stricter: "an integer from 0 to 90; lower is stricter". */
    public abstract String expectation();

    /** Describes one value for messages (JSON text). */
    public final String show(T value) {
        return toJson(value).toString();
    }

    /**
     * The value checked against the realm's tenant roles, for fields whose values name one ({@link TenantRoleField});
     * throws {@link PolicyValueException} if it does not fit them. Others take the value as it is.
     */
    T withRoles(T value, TenantRoleSet roles) {
        return value;
    }

    @SuppressWarnings("unchecked")
    final T cast(Object value) {
        return (T) value;
    }

    protected final PolicyValueException invalid(String shown) {
        return new PolicyValueException(shown + " is not " + expectation());
    }
}
