package dev.trustpack.mfa.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.common.text.Csv;
import dev.trustpack.mfa.decision.MfaDecision;
import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.mfa.factor.Factor;
import dev.trustpack.mfa.factor.FactorInventory;
import dev.trustpack.mfa.login.GraceStart;
import dev.trustpack.mfa.login.LegacyExemption;
import dev.trustpack.mfa.login.ResetGrace;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.admin.ReadOnlyReads;
import dev.trustpack.tenancy.admin.TenantAccess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

/**
 * {@code GET /admin/realms/{realm}/trustpack/tenants/{alias}/mfa-report?format=json|csv}: each member's MFA state
 * and the totals, for showing an auditor that MFA is enforced. Realm admins who may view the tenant see any tenant,
 * tenant admins only theirs (tenancy checked that before this resource was located). Nothing in it is a secret:
 * factor types, never credential ids or labels.
 */
public final class MfaReportResource {

    static final List<String> CSV_COLUMNS = List.of("user_id", "username", "roles", "require", "state", "factors",
            "days_left", "grace_started");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    private final KeycloakSession session;
    private final TenantAccess access;
    private final Tenant tenant;

    MfaReportResource(KeycloakSession session, TenantAccess access, Tenant tenant) {
        this.session = session;
        this.access = access;
        this.tenant = tenant;
    }

    @GET
    public Response report(@QueryParam("format") String format) {
        boolean csv = parseFormat(format);
        // Resolved here, in the request: a tenant that is gone answers 404 before any byte is written.
        access.organization(tenant);
        Query query = new Query(session.getContext().getRealm().getId(), tenant, Instant.now());
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        if (csv) {
            StreamingOutput body = output -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
                Csv.row(out, CSV_COLUMNS);
                forEachPage(factory, query, page -> {
                    for (Row row : page) {
                        Csv.row(out, row.cells());
                    }
                });
                out.flush();
            };
            return Response.ok(body, "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"mfa-report-" + tenant.alias() + ".csv\"")
                    .build();
        }
        List<String> exempt = session.getContext().getRealm().getClientsStream().filter(LegacyExemption::of)
                .map(ClientModel::getClientId).sorted().toList();
        StreamingOutput body = output -> json(output, factory, query, exempt);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static boolean parseFormat(String format) {
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw new TrustpackException(TrustpackException.Kind.INVALID,
                "'format' must be json or csv, not '" + Inputs.quoted(format) + "'");
    }

    /** What one report covers: the tenant's members as of {@code now}. */
    private record Query(String realmId, Tenant tenant, Instant now) {
    }

    private interface PageSink {
        void accept(List<Row> page) throws IOException;
    }

    /**
     * The members a page at a time, each page read in a short transaction of its own, so a report of any size holds
     * neither a transaction nor more than one page in memory (Keycloak's session keeps every user it loaded).
     */
    private static void forEachPage(KeycloakSessionFactory factory, Query query, PageSink sink) throws IOException {
        for (int first = 0; ; first += PAGE) {
            int from = first;
            List<Row> page = KeycloakModelUtils.runJobInTransactionWithResult(factory, job -> page(job, query, from));
            sink.accept(page);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private static List<Row> page(KeycloakSession job, Query query, int first) {
        ReadOnlyReads.flushOnlyAtCommit(job);
        RealmModel realm = job.realms().getRealm(query.realmId());
        job.getContext().setRealm(realm);
        OrganizationProvider organizations = job.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations.getById(query.tenant().id());
        if (organization == null) {
            return List.of();
        }
        TenancyProvider tenancy = job.getProvider(TenancyProvider.class);
        Set<Factor> available = FactorInventory.available(realm);
        List<Row> rows = new ArrayList<>();
        organizations.getMembersStream(organization, (String) null, false, first, PAGE).forEach(user -> {
            MfaRequirement requirement = MfaRequirement.of(tenancy.policies().of(query.tenant(), user));
            MemberStatus status = MemberStatus.of(requirement, new MfaDecision.Facts(FactorInventory.enrolled(user),
                    Set.of(), available, GraceStart.of(user), query.now(), false, ResetGrace.until(user)));
            rows.add(new Row(user.getId(), user.getUsername(), tenancy.rolesOf(query.tenant(), user), status));
        });
        return rows;
    }

    /** The JSON document, written as the pages come: the totals, known only at the end, come last. */
    private void json(OutputStream output, KeycloakSessionFactory factory, Query query, List<String> exempt)
            throws IOException {
        try (JsonGenerator json = JSON.getFactory().createGenerator(output)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeObjectFieldStart("tenant");
            json.writeStringField("alias", tenant.alias());
            json.writeStringField("name", tenant.name());
            json.writeEndObject();
            json.writeStringField("generatedAt", query.now().toString());
            json.writeArrayFieldStart("legacyExemptClients");
            for (String clientId : exempt) {
                json.writeString(clientId);
            }
            json.writeEndArray();
            Map<String, Integer> totals = new LinkedHashMap<>();
            totals.put("members", 0);
            MemberStatus.STATES.forEach(state -> totals.put(state, 0));
            json.writeArrayFieldStart("members");
            forEachPage(factory, query, page -> {
                for (Row row : page) {
                    totals.merge("members", 1, Integer::sum);
                    totals.merge(row.status().state(), 1, Integer::sum);
                    JSON.writeTree(json, member(row));
                }
            });
            json.writeEndArray();
            json.writeObjectFieldStart("totals");
            for (Map.Entry<String, Integer> total : totals.entrySet()) {
                json.writeNumberField(total.getKey(), total.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static ObjectNode member(Row row) {
        ObjectNode member = JSON.createObjectNode();
        member.put("userId", row.userId());
        member.put("username", row.username());
        ArrayNode roles = member.putArray("roles");
        row.roles().forEach(roles::add);
        member.put("require", row.status().require());
        member.put("state", row.status().state());
        ArrayNode factors = member.putArray("factors");
        row.status().factors().forEach(factors::add);
        if (row.status().daysLeft() != null) {
            member.put("daysLeft", row.status().daysLeft());
            member.put("graceStarted", row.status().graceStarted());
        }
        return member;
    }

    /** One member's line: plain values, so nothing of a page's Keycloak session outlives it. */
    private record Row(String userId, String username, List<String> roles, MemberStatus status) {

        List<String> cells() {
            return List.of(userId, username, String.join(" ", roles), status.require(), status.state(),
                    String.join(" ", status.factors()),
                    status.daysLeft() == null ? "" : String.valueOf(status.daysLeft()),
                    status.daysLeft() == null ? "" : String.valueOf(status.graceStarted()));
        }
    }
}
