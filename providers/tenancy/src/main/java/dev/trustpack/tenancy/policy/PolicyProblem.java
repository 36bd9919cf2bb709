package dev.trustpack.tenancy.policy;

/**
 * A stored policy value or key that does not validate, wherever it came from (Keycloak's own organization API, a
 * realm import, a manual edit). It never loosens anything: an invalid value counts as the field's strictest value,
 * a key that names no field is ignored.
 *
 * @param level     {@code realm} or {@code tenant}
 * @param path      the document path ({@code roles.Owner.mfa.graceDays}), or the attribute key when it names none
 * @param attribute the stored attribute key
 * @param stored    the stored text, shortened
 * @param message   what is wrong and what it counts as
 */
public record PolicyProblem(String level, String path, String attribute, String stored, String message) {
}
