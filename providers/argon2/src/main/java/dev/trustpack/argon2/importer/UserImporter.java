package dev.trustpack.argon2.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.argon2.hash.Argon2Runtime;
import dev.trustpack.argon2.importer.ImportBody.NumberedRecord;
import dev.trustpack.argon2.legacy.LegacyVerifier;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * The user import behind {@code POST /admin/realms/{realm}/trustpack/users/import[?dryRun=true]}: users with their existing password
 * hashes (and optional tenant memberships and roles), as a JSON array or as JSON lines. Each record is validated on
 * its own and, unless this is a dry run, written in a transaction of its own: a bad record is reported with its
 * line and reason while the good ones go in, and no record is ever half-written. Users that already exist (same
 * username) are reported and left untouched, so running the same file again is safe.
 *
 * <p>A dry run is a rehearsal: each record is written exactly as the real run would write it, flushed to the
 * database so its constraints are checked, and rolled back. What only shows between records of the same file (a
 * username or email used twice) is tracked in both runs alike, so a dry run reports what the real run would.
 */
final class UserImporter {

    private static final Logger LOG = Logger.getLogger(UserImporter.class);
    private static final int MAX_REASON = 512;
    /** The provider type of user federation components (LDAP, Kerberos, custom stores); its class is in a module we do not compile against. */
    private static final String USER_STORAGE_PROVIDER_TYPE = "org.keycloak.storage.UserStorageProvider";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final Argon2Runtime runtime;

    UserImporter(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                       AdminEventBuilder adminEvent, Argon2Runtime runtime) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.runtime = runtime;
    }

    /** A record's outcome: {@code created}, {@code exists}, {@code valid} (dry run) or {@code invalid}. */
    public record RecordResult(int line, String username, String status, String error) {
    }

    /**
     * @param rehearsed whether a dry run wrote and rolled back each record (false when the realm has user federation,
     *                  whose writes no rollback undoes: then records are only validated)
     */
    public record ImportSummary(boolean dryRun, boolean rehearsed, int records, int created, int existing, int valid,
                                int invalid, List<RecordResult> results) {
    }

    ImportSummary importUsers(InputStream body, boolean dryRun) {
        auth.users().requireManage();
        boolean rehearse = dryRun && !hasUserFederation();
        LegacyVerifier verifier = new LegacyVerifier(runtime.settings().verifyLimits(), runtime.engine());
        FileConflicts conflicts = new FileConflicts(realm);
        List<RecordResult> results = new ArrayList<>();
        List<String> createdIds = new ArrayList<>();
        try (ImportBody records = ImportBody.read(body)) {
            for (NumberedRecord record = records.next(); record != null; record = records.next()) {
                results.add(importOne(record, verifier, conflicts, dryRun, rehearse, createdIds));
            }
        } catch (IOException e) {
            // The body was checked whole before the first record; a read failing now is the local disk's.
            throw new UncheckedIOException(e);
        }
        ImportSummary summary = new ImportSummary(dryRun, rehearse, results.size(), count(results, "created"),
                count(results, "exists"), count(results, "valid"), count(results, "invalid"), results);
        if (!dryRun) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("records", summary.records());
            event.put("created", summary.created());
            event.put("existing", summary.existing());
            event.put("invalid", summary.invalid());
            event.put("createdUserIds", createdIds);
            adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER)
                    .resourcePath(session.getContext().getUri()).representation(event).success();
        }
        return summary;
    }

    private RecordResult importOne(NumberedRecord record, LegacyVerifier verifier, FileConflicts conflicts,
                                   boolean dryRun, boolean rehearse, List<String> createdIds) {
        if (record.parseError() != null) {
            return new RecordResult(record.line(), null, "invalid", record.parseError());
        }
        ImportedUser user;
        PasswordCredentialModel credential;
        try {
            user = ImportedUser.parse(record.json());
            credential = user.password() == null ? null
                    : ImportedHash.toCredential(user.password(), verifier, runtime.settings().verifyLimits());
            checkTenants(user);
        } catch (ImportedUser.ImportProblem e) {
            return new RecordResult(record.line(), usernameOf(record.json()), "invalid", e.getMessage());
        }
        String conflict = conflicts.check(user);
        if (conflict != null) {
            return new RecordResult(record.line(), user.username(), "invalid", conflict);
        }
        if (session.users().getUserByUsername(realm, user.username()) != null) {
            return new RecordResult(record.line(), user.username(), "exists", null);
        }
        String problem = dryRun && !rehearse ? validateProfile(session, user) : write(user, credential, dryRun, createdIds);
        if (problem != null) {
            return new RecordResult(record.line(), user.username(), "invalid", problem);
        }
        conflicts.record(user, record.line());
        return new RecordResult(record.line(), user.username(), dryRun ? "valid" : "created", null);
    }

    /** Writes one record in a transaction of its own (rolled back for a dry run); returns why it failed, or null. */
    private String write(ImportedUser user, PasswordCredentialModel credential, boolean dryRun, List<String> createdIds) {
        try {
            String id = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                    session.getContext(), inner -> {
                        String created = create(inner, user, credential);
                        if (dryRun) {
                            // Constraints are checked on flush: without it a rehearsal would miss what only the
                            // database refuses.
                            inner.getProvider(JpaConnectionProvider.class).getEntityManager().flush();
                            inner.getTransactionManager().setRollbackOnly();
                        }
                        return created;
                    }, "trustpack-user-import");
            if (!dryRun) {
                createdIds.add(id);
            }
            return null;
        } catch (ValidationException e) {
            return describe(e);
        } catch (TrustpackException e) {
            // Trustpack's own messages name what conflicted and hold nothing but the record's own values.
            return "conflict: " + reason(e);
        } catch (ModelDuplicateException e) {
            // Keycloak's message may carry the SQL statement: say only which field, when Keycloak knows it.
            return e.getDuplicateFieldName() != null
                    ? "conflict: another user already has this " + e.getDuplicateFieldName()
                    : "conflict: the database refused the record as a duplicate (a username or email already taken)";
        } catch (RuntimeException e) {
            LOG.debugf(e, "Import of a record failed");
            return "not imported: the database refused the record (" + e.getClass().getSimpleName()
                    + "); see the server log at DEBUG for " + UserImporter.class.getName();
        }
    }

    /** A Trustpack reason, bounded, as it is repeated per record. */
    private static String reason(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        return message.length() <= MAX_REASON ? message : message.substring(0, MAX_REASON) + "…";
    }

    private boolean hasUserFederation() {
        return realm.getComponentsStream(realm.getId(), USER_STORAGE_PROVIDER_TYPE).findAny().isPresent();
    }

    /** Runs in its own transaction: the user, the credential, memberships and roles commit together or not at all. */
    private String create(KeycloakSession inner, ImportedUser user, PasswordCredentialModel credential) {
        RealmModel innerRealm = inner.realms().getRealm(realm.getId());
        inner.getContext().setRealm(innerRealm);
        UserProfile profile = inner.getProvider(UserProfileProvider.class).create(UserProfileContext.USER_API,
                attributes(user));
        UserModel created = profile.create();
        created.setEnabled(user.enabled());
        if (user.emailVerified() != null) {
            created.setEmailVerified(user.emailVerified());
        }
        if (credential != null) {
            created.credentialManager().createStoredCredential(credential);
        }
        TenancyProvider tenancy = inner.getProvider(TenancyProvider.class);
        for (ImportedUser.TenantGrant grant : user.tenants()) {
            Tenant tenant = tenancy.tenant(grant.alias()).orElseThrow();
            tenancy.addMember(tenant, created);
            grant.roles().forEach(role -> tenancy.grantRole(tenant, created, role));
        }
        return created.getId();
    }

    private void checkTenants(ImportedUser user) throws ImportedUser.ImportProblem {
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        for (ImportedUser.TenantGrant grant : user.tenants()) {
            if (tenancy.tenant(grant.alias()).isEmpty()) {
                throw new ImportedUser.ImportProblem("tenant '" + ImportedUser.truncate(grant.alias()) + "' does not exist");
            }
            for (String role : grant.roles()) {
                if (!tenancy.roleSet().defines(role)) {
                    throw new ImportedUser.ImportProblem("tenant role '" + ImportedUser.truncate(role)
                            + "' is not defined; the tenant roles are " + tenancy.roleSet().describe());
                }
            }
        }
    }

    private static String validateProfile(KeycloakSession session, ImportedUser user) {
        try {
            session.getProvider(UserProfileProvider.class).create(UserProfileContext.USER_API, attributes(user)).validate();
            return null;
        } catch (ValidationException e) {
            return describe(e);
        }
    }

    private static Map<String, List<String>> attributes(ImportedUser user) {
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(UserModel.USERNAME, List.of(user.username()));
        if (user.email() != null) {
            attributes.put(UserModel.EMAIL, List.of(user.email()));
        }
        if (user.firstName() != null) {
            attributes.put(UserModel.FIRST_NAME, List.of(user.firstName()));
        }
        if (user.lastName() != null) {
            attributes.put(UserModel.LAST_NAME, List.of(user.lastName()));
        }
        return attributes;
    }

    private static String describe(ValidationException e) {
        List<String> problems = new ArrayList<>();
        e.getErrors().forEach(error -> problems.add(error.getAttribute() + ": " + explain(error.getMessage())));
        return String.join("; ", problems);
    }

    /** Keycloak's message keys for the conflicts an import meets, said in words; other keys as they are. */
    private static String explain(String messageKey) {
        return switch (messageKey) {
            case "emailExistsMessage" -> "another user already has this email";
            case "usernameExistsMessage" -> "another user already has this username";
            default -> messageKey;
        };
    }

    private static String usernameOf(JsonNode json) {
        JsonNode username = json == null ? null : json.get("username");
        return username != null && username.isTextual() ? ImportedUser.truncate(username.asText()) : null;
    }

    private static int count(List<RecordResult> results, String status) {
        return (int) results.stream().filter(result -> result.status().equals(status)).count();
    }
}
