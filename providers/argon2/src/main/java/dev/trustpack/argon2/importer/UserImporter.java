package dev.trustpack.argon2.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.argon2.hash.Argon2Runtime;
import dev.trustpack.argon2.legacy.LegacyVerifier;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.util.JsonSerialization;

/**
 * The user import behind {@code POST /admin/realms/{realm}/trustpack/users/import[?dryRun=true]}: users with their existing password
 * hashes (and optional tenant memberships and roles), as a JSON array or as JSON lines. Each record is validated on
 * its own and, unless this is a dry run, written in a transaction of its own: a bad record is reported with its
 * line and reason while the good ones go in, and no record is ever half-written. Users that already exist (same
 * username) are reported and left untouched, so running the same file again is safe.
 */
final class UserImporter {

    static final int MAX_BYTES = 16 * 1024 * 1024;
    static final int MAX_RECORDS = 10_000;

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

    public record ImportSummary(boolean dryRun, int records, int created, int existing, int valid, int invalid,
                                List<RecordResult> results) {
    }

    ImportSummary importUsers(InputStream body, boolean dryRun) {
        auth.users().requireManage();
        List<NumberedRecord> records = read(body);
        LegacyVerifier verifier = new LegacyVerifier(runtime.settings().verifyLimits(), runtime.engine());
        Map<String, Integer> seen = new HashMap<>();
        List<RecordResult> results = new ArrayList<>();
        List<String> createdIds = new ArrayList<>();
        for (NumberedRecord record : records) {
            RecordResult result = importOne(record, verifier, seen, dryRun, createdIds);
            results.add(result);
        }
        ImportSummary summary = new ImportSummary(dryRun, records.size(), count(results, "created"),
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

    private RecordResult importOne(NumberedRecord record, LegacyVerifier verifier, Map<String, Integer> seen,
                                   boolean dryRun, List<String> createdIds) {
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
        Integer firstLine = seen.putIfAbsent(user.username().toLowerCase(), record.line());
        if (firstLine != null) {
            return new RecordResult(record.line(), user.username(), "invalid",
                    "duplicate username: also on line " + firstLine);
        }
        if (session.users().getUserByUsername(realm, user.username()) != null) {
            return new RecordResult(record.line(), user.username(), "exists", null);
        }
        if (dryRun) {
            String profileError = validateProfile(session, user);
            return profileError == null ? new RecordResult(record.line(), user.username(), "valid", null)
                    : new RecordResult(record.line(), user.username(), "invalid", profileError);
        }
        try {
            String id = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                    session.getContext(), inner -> create(inner, user, credential), "trustpack-user-import");
            createdIds.add(id);
            return new RecordResult(record.line(), user.username(), "created", null);
        } catch (ValidationException e) {
            return new RecordResult(record.line(), user.username(), "invalid", describe(e));
        } catch (RuntimeException e) {
            return new RecordResult(record.line(), user.username(), "invalid",
                    "not imported: " + e.getClass().getSimpleName());
        }
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
        e.getErrors().forEach(error -> problems.add(error.getAttribute() + ": " + error.getMessage()));
        return String.join("; ", problems);
    }

    private static String usernameOf(JsonNode json) {
        JsonNode username = json == null ? null : json.get("username");
        return username != null && username.isTextual() ? ImportedUser.truncate(username.asText()) : null;
    }

    private static int count(List<RecordResult> results, String status) {
        return (int) results.stream().filter(result -> result.status().equals(status)).count();
    }

    /** A record with its line (JSON lines) or its position (JSON array), or why it could not be parsed. */
    private record NumberedRecord(int line, JsonNode json, String parseError) {
    }

    private static List<NumberedRecord> read(InputStream body) {
        String text = readBounded(body);
        List<NumberedRecord> records = new ArrayList<>();
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("[")) {
            JsonNode array;
            try {
                array = JsonSerialization.mapper.readTree(trimmed);
            } catch (JsonProcessingException e) {
                throw ErrorResponse.error("The body is not a valid JSON array (line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")", Response.Status.BAD_REQUEST);
            }
            requireCount(array.size());
            for (int i = 0; i < array.size(); i++) {
                records.add(new NumberedRecord(i + 1, array.get(i), null));
            }
            return records;
        }
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                requireCount(records.size() + 1);
                try {
                    records.add(new NumberedRecord(number, JsonSerialization.mapper.readTree(line), null));
                } catch (JsonProcessingException e) {
                    records.add(new NumberedRecord(number, null,
                            "not valid JSON (column " + e.getLocation().getColumnNr() + ")"));
                }
            }
        } catch (IOException e) {
            throw ErrorResponse.error("The body could not be read", Response.Status.BAD_REQUEST);
        }
        if (records.isEmpty()) {
            throw ErrorResponse.error("The body holds no records", Response.Status.BAD_REQUEST);
        }
        return records;
    }

    private static void requireCount(int count) {
        if (count > MAX_RECORDS) {
            throw ErrorResponse.error("At most " + MAX_RECORDS + " records per request; split the file",
                    Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
    }

    private static String readBounded(InputStream body) {
        try (InputStreamReader reader = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                text.append(buffer, 0, read);
                if (text.length() > MAX_BYTES) {
                    throw ErrorResponse.error("The body is larger than " + (MAX_BYTES / 1024 / 1024)
                            + " MiB; split the file", Response.Status.REQUEST_ENTITY_TOO_LARGE);
                }
            }
            return text.toString();
        } catch (IOException e) {
            throw ErrorResponse.error("The body could not be read", Response.Status.BAD_REQUEST);
        }
    }
}
