package dev.trustpack.argon2.importer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record of a user import, parsed strictly: unknown fields and wrong types are refused (a typo such as
 * "pasword" must not silently import a user without a password).
 */
record ImportedUser(String username, String email, Boolean emailVerified, String firstName, String lastName,
                    boolean enabled, JsonNode password, List<TenantGrant> tenants) {

    private static final Set<String> FIELDS = Set.of("username", "email", "emailVerified", "firstName", "lastName",
            "enabled", "password", "tenants");
    private static final Set<String> TENANT_FIELDS = Set.of("alias", "roles");
    private static final int MAX_TEXT = 255;

    /** A tenant membership with roles, as imported. */
    record TenantGrant(String alias, List<String> roles) {
    }

    /** Why a record cannot be imported; the message is shown per record and never contains a secret. */
    static final class ImportProblem extends Exception {

        private static final long serialVersionUID = 1L;

        ImportProblem(String message) {
            super(message);
        }
    }

    static ImportedUser parse(JsonNode node) throws ImportProblem {
        if (node == null || !node.isObject()) {
            throw new ImportProblem("a record must be a JSON object");
        }
        requireKnownFields(node, FIELDS, "");
        String username = text(node, "username", true);
        if (username.isBlank() || !username.equals(username.strip())) {
            throw new ImportProblem("username must not be blank or start or end with spaces");
        }
        List<TenantGrant> tenants = new ArrayList<>();
        JsonNode tenantsNode = node.get("tenants");
        if (tenantsNode != null && !tenantsNode.isNull()) {
            if (!tenantsNode.isArray()) {
                throw new ImportProblem("tenants must be an array of {\"alias\": ..., \"roles\": [...]}");
            }
            for (JsonNode tenant : tenantsNode) {
                if (!tenant.isObject()) {
                    throw new ImportProblem("each tenant must be an object {\"alias\": ..., \"roles\": [...]}");
                }
                requireKnownFields(tenant, TENANT_FIELDS, "tenants.");
                tenants.add(new TenantGrant(text(tenant, "alias", true), textArray(tenant, "roles")));
            }
        }
        JsonNode password = node.get("password");
        return new ImportedUser(username, text(node, "email", false), bool(node, "emailVerified"),
                text(node, "firstName", false), text(node, "lastName", false),
                !Boolean.FALSE.equals(bool(node, "enabled")), password == null || password.isNull() ? null : password,
                tenants);
    }

    private static void requireKnownFields(JsonNode node, Set<String> known, String prefix) throws ImportProblem {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ImportProblem("unknown field '" + prefix + truncate(name) + "'");
            }
        }
    }

    private static String text(JsonNode node, String field, boolean required) throws ImportProblem {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ImportProblem(field + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new ImportProblem(field + " must be a string");
        }
        if (value.asText().length() > MAX_TEXT) {
            throw new ImportProblem(field + " is longer than " + MAX_TEXT + " characters");
        }
        return value.asText();
    }

    private static Boolean bool(JsonNode node, String field) throws ImportProblem {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new ImportProblem(field + " must be true or false");
        }
        return value.asBoolean();
    }

    private static List<String> textArray(JsonNode node, String field) throws ImportProblem {
        JsonNode value = node.get(field);
        List<String> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (!value.isArray()) {
            throw new ImportProblem(field + " must be an array of strings");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new ImportProblem(field + " must be an array of strings");
            }
            values.add(item.asText());
        }
        return values;
    }

    static String truncate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
