package dev.trustpack.argon2.importer;

import java.io.InputStream;

import dev.trustpack.argon2.hash.Argon2Runtime;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/trustpack/users}: user import with existing hashes, and the migration report. */
public final class UsersAdminResource {

    private final UserImporter importer;
    private final PasswordHashReport report;

    UsersAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                       AdminEventBuilder adminEvent, Argon2Runtime runtime) {
        this.importer = new UserImporter(session, realm, auth, adminEvent, runtime);
        this.report = new PasswordHashReport(session, realm, auth, runtime);
    }

    /** Needs manage-users. Body: a JSON array or JSON lines of user records (see docs/argon2.md). */
    @POST
    @Path("import")
    @Consumes({MediaType.APPLICATION_JSON, "application/x-ndjson", "application/jsonl", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public UserImporter.ImportSummary importUsers(InputStream body, @QueryParam("dryRun") boolean dryRun) {
        return importer.importUsers(body, dryRun);
    }

    /** Needs view-users. */
    @GET
    @Path("password-hashes")
    @Produces(MediaType.APPLICATION_JSON)
    public PasswordHashReport.HashReport passwordHashes() {
        return report.report();
    }
}
