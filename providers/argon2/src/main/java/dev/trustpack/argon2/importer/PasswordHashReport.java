package dev.trustpack.argon2.importer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.argon2.hash.Argon2Runtime;
import dev.trustpack.argon2.hash.Argon2idPasswordHashProviderFactory;
import dev.trustpack.argon2.policy.Argon2PolicyEntries;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.util.JsonSerialization;

/**
 * The report behind {@code GET /admin/realms/{realm}/trustpack/users/password-hashes}: how many users are on each hash algorithm and
 * parameter set, and how many still wait for their upgrade at the next login — the progress of a migration.
 * Reads only the credentials' public metadata (algorithm and parameters), never a hash.
 */
final class PasswordHashReport {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final Argon2Runtime runtime;

    PasswordHashReport(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                               Argon2Runtime runtime) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.runtime = runtime;
    }

    public record HashGroup(String algorithm, String parameters, long credentials, boolean current) {
    }

    public record HashReport(String targetAlgorithm, String targetParameters, long users, long usersWithPassword,
                             long current, long toUpgrade, List<HashGroup> groups) {
    }

    HashReport report() {
        auth.users().requireView();
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        long users = em.createQuery("select count(u) from UserEntity u where u.realmId = :realm "
                        + "and u.serviceAccountClientLink is null", Long.class)
                .setParameter("realm", realm.getId()).getSingleResult();
        long withPassword = em.createQuery("select count(distinct c.user.id) from CredentialEntity c "
                        + "where c.user.realmId = :realm and c.type = :type", Long.class)
                .setParameter("realm", realm.getId()).setParameter("type", PasswordCredentialModel.TYPE)
                .getSingleResult();

        PasswordPolicy policy = realm.getPasswordPolicy();
        // Without hashAlgorithm in the policy, Keycloak hashes with its default provider.
        ProviderFactory<PasswordHashProvider> defaultHash = session.getKeycloakSessionFactory()
                .getProviderFactory(PasswordHashProvider.class);
        String target = policy.getHashAlgorithm() != null ? policy.getHashAlgorithm() : defaultHash.getId();
        String targetParameters = Argon2idPasswordHashProviderFactory.ID.equals(target)
                ? Argon2PolicyEntries.effectiveCost(policy, policy.getHashIterations(), runtime.settings().defaultCost()).toString()
                : null;

        Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0))
                .thenComparing(key -> key.get(1)));
        try (Stream<String> data = em.createQuery("select c.credentialData from CredentialEntity c "
                        + "where c.user.realmId = :realm and c.type = :type", String.class)
                .setParameter("realm", realm.getId()).setParameter("type", PasswordCredentialModel.TYPE)
                .getResultStream()) {
            data.forEach(json -> counts.merge(describe(json), 1L, Long::sum));
        }
        List<HashGroup> groups = new ArrayList<>();
        long current = 0;
        for (Map.Entry<List<String>, Long> entry : counts.entrySet()) {
            String algorithm = entry.getKey().get(0);
            String parameters = entry.getKey().get(1);
            boolean isCurrent = algorithm.equals(target) && (targetParameters == null || targetParameters.equals(parameters));
            current += isCurrent ? entry.getValue() : 0;
            groups.add(new HashGroup(algorithm, parameters, entry.getValue(), isCurrent));
        }
        long credentials = counts.values().stream().mapToLong(Long::longValue).sum();
        return new HashReport(target, targetParameters, users, withPassword, current, credentials - current, groups);
    }

    /** [algorithm, parameters] of one credential's public data. */
    private static List<String> describe(String credentialData) {
        try {
            JsonNode data = JsonSerialization.mapper.readTree(credentialData);
            String algorithm = data.path("algorithm").asText("unknown");
            int iterations = data.path("hashIterations").asInt(0);
            JsonNode extra = data.path("additionalParameters");
            String parameters;
            if (Argon2idPasswordHashProviderFactory.ID.equals(algorithm)) {
                parameters = "m=" + first(extra, "memory") + ",t=" + iterations + ",p=" + first(extra, "parallelism");
            } else if (extra.has("format")) {
                parameters = "format=" + first(extra, "format");
            } else {
                parameters = iterations > 0 ? "iterations=" + iterations : "";
            }
            return List.of(algorithm, parameters);
        } catch (IOException e) {
            return List.of("unreadable", "");
        }
    }

    private static String first(JsonNode parameters, String name) {
        JsonNode values = parameters.path(name);
        return values.isArray() && !values.isEmpty() ? values.get(0).asText() : "?";
    }
}
