package dev.trustpack.tenancy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.keycloak.models.ClientModel;

/**
 * The tenant part of an OAuth {@code scope} parameter. Trustpack uses Keycloak's own organization scope syntax:
 * {@code organization:<alias>} asks for one tenant, plain {@code organization} (or nothing) lets the user's
 * memberships decide, and {@code organization:*} (every tenant at once) is refused because a token carries exactly
 * one tenant.
 */
public final class TenantScope {

    public static final String ORGANIZATION = "organization";
    private static final String SPECIFIC_PREFIX = ORGANIZATION + ":";
    private static final String ALL = SPECIFIC_PREFIX + "*";

    private TenantScope() {
    }

    /** What a scope parameter asks for. */
    public enum Kind {
        /** No tenant named: the user's memberships decide. */
        UNSPECIFIED,
        /** Exactly one tenant, by alias. */
        SPECIFIC,
        /** A request Trustpack refuses (several tenants, or all of them). */
        INVALID
    }

    public record Request(Kind kind, String alias, String problem) {

        static Request unspecified() {
            return new Request(Kind.UNSPECIFIED, null, null);
        }

        static Request specific(String alias) {
            return new Request(Kind.SPECIFIC, alias, null);
        }

        static Request invalid(String problem) {
            return new Request(Kind.INVALID, null, problem);
        }
    }

    public static Request parse(String scopeParameter) {
        Set<String> aliases = new LinkedHashSet<>();
        for (String scope : tokens(scopeParameter)) {
            if (scope.equals(ALL)) {
                return Request.invalid("Scope " + ALL + " asks for every tenant; a token carries one tenant, "
                        + "so request organization:<alias>");
            }
            if (scope.startsWith(SPECIFIC_PREFIX)) {
                String alias = scope.substring(SPECIFIC_PREFIX.length());
                if (alias.isEmpty()) {
                    return Request.invalid("Scope organization: names no tenant");
                }
                aliases.add(alias);
            }
        }
        if (aliases.size() > 1) {
            return Request.invalid("More than one tenant requested; a token carries one tenant");
        }
        return aliases.isEmpty() ? Request.unspecified() : Request.specific(aliases.iterator().next());
    }

    /** True if the scope names a tenant ({@code organization:<alias>}) or asks for several; plain {@code organization} does not. */
    public static boolean namesTenant(String scopeParameter) {
        return parse(scopeParameter).kind() != Kind.UNSPECIFIED;
    }

    /**
     * Whether a client's tokens can carry a tenant binding: it has Keycloak's {@code organization} client scope
     * (default or optional), without which Keycloak drops {@code organization:<alias>} from its tokens' scope.
     */
    public static boolean isAvailableTo(ClientModel client) {
        return Stream.concat(client.getClientScopes(true).values().stream(),
                        client.getClientScopes(false).values().stream())
                .anyMatch(scope -> ORGANIZATION.equals(scope.getName()));
    }

    /** The scope parameter with every organization scope replaced by {@code organization:<alias>}. */
    public static String withTenant(String scopeParameter, String alias) {
        List<String> kept = withoutOrganizationScopes(scopeParameter);
        kept.add(SPECIFIC_PREFIX + alias);
        return String.join(" ", kept);
    }

    /** The scope parameter without any organization scope. */
    public static String withoutTenant(String scopeParameter) {
        return String.join(" ", withoutOrganizationScopes(scopeParameter));
    }

    private static List<String> withoutOrganizationScopes(String scopeParameter) {
        List<String> kept = new ArrayList<>();
        for (String scope : tokens(scopeParameter)) {
            if (!scope.equals(ORGANIZATION) && !scope.startsWith(SPECIFIC_PREFIX) && !kept.contains(scope)) {
                kept.add(scope);
            }
        }
        return kept;
    }

    private static List<String> tokens(String scopeParameter) {
        List<String> tokens = new ArrayList<>();
        if (scopeParameter != null) {
            for (String token : scopeParameter.trim().split("\\s+")) {
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
        }
        return tokens;
    }
}
