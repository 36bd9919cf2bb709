package dev.trustpack.tenancy.policy;

import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trustpack.tenancy.TenantRoleSet;

/**
 * One of the realm's tenant roles, or {@value #NONE}: for a setting that grants a role (for example the role of users
 * created just in time). The less privileged role is the stricter, and {@value #NONE} the strictest. Which names are
 * roles, and their order, is the realm's {@link TenantRoleSet}: a name that is not a tenant role is refused in a REST
 * document and counts as {@value #NONE} when stored.
 */
public final class TenantRoleField extends PolicyField<TenantRoleField.Choice> {

    public static final String NONE = "none";

    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    /** A role and its rank in the realm's role order (0: most privileged); no role for {@value #NONE}. */
    public record Choice(String role, int rank) {

        static final Choice NO_ROLE = new Choice(null, Integer.MAX_VALUE);

        /** The role granted, empty for {@value #NONE}. */
        public Optional<String> granted() {
            return Optional.ofNullable(role);
        }

        @Override
        public String toString() {
            return role == null ? NONE : role;
        }
    }

    private TenantRoleField(String name, String description) {
        super(name, description, Choice.NO_ROLE);
    }

    /** A role field whose default is {@value #NONE} (nothing granted until a policy names a role). */
    public static TenantRoleField noneByDefault(String name, String description) {
        return new TenantRoleField(name, description);
    }

    @Override
    public Choice strictest() {
        return Choice.NO_ROLE;
    }

    @Override
    public Choice stricter(Choice current, Choice candidate) {
        return candidate.rank() > current.rank() ? candidate : current;
    }

    @Override
    public Choice fromJson(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw invalid(node == null ? "nothing" : PolicyJson.shorten(node));
        }
        return parse(node.textValue(), PolicyJson.shorten(node));
    }

    @Override
    public JsonNode toJson(Choice value) {
        return TextNode.valueOf(value.toString());
    }

    @Override
    public Choice fromStored(String raw) {
        String text = raw == null ? "" : raw.strip();
        return parse(text, "'" + PolicyJson.shorten(text) + "'");
    }

    @Override
    public String toStored(Choice value) {
        return value.toString();
    }

    @Override
    public String expectation() {
        return "a tenant role of the realm or '" + NONE + "' (a less privileged role is stricter, '" + NONE
                + "' the strictest)";
    }

    @Override
    Choice withRoles(Choice value, TenantRoleSet roles) {
        if (value.role() == null) {
            return Choice.NO_ROLE;
        }
        if (!roles.defines(value.role())) {
            throw new PolicyValueException("'" + PolicyJson.shorten(value.role()) + "' is not a tenant role; the "
                    + "tenant roles are " + roles.describe() + " (or '" + NONE + "')");
        }
        return new Choice(value.role(), roles.rank(value.role()));
    }

    private Choice parse(String text, String shown) {
        if (NONE.equals(text)) {
            return Choice.NO_ROLE;
        }
        if (!ROLE_NAME.matcher(text).matches()) {
            throw invalid(shown);
        }
        // Ranked once the realm's roles are known (PolicyDocuments); until then it compares as unranked.
        return new Choice(text, -1);
    }
}
