package dev.trustpack.mfa.report;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.trustpack.tenancy.admin.TenantAccess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
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
        List<Row> rows = rows();
        if (csv) {
            StreamingOutput body = output -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
                Csv.row(out, CSV_COLUMNS);
                for (Row row : rows) {
                    Csv.row(out, row.cells());
                }
                out.flush();
            };
            return Response.ok(body, "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"mfa-report-" + tenant.alias() + ".csv\"")
                    .build();
        }
        return Response.ok(json(rows).toString(), MediaType.APPLICATION_JSON_TYPE).build();
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

    private List<Row> rows() {
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        RealmModel realm = session.getContext().getRealm();
        Set<Factor> available = FactorInventory.available(realm);
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>();
        session.getProvider(OrganizationProvider.class)
                .getMembersStream(access.organization(tenant), (String) null, false, null, null)
                .forEach(user -> {
                    MfaRequirement requirement = MfaRequirement.of(tenancy.policies().of(tenant, user));
                    MemberStatus status = MemberStatus.of(requirement, new MfaDecision.Facts(
                            FactorInventory.enrolled(user), Set.of(), available, GraceStart.of(user), now, false,
                            ResetGrace.until(user)));
                    rows.add(new Row(user, tenancy.rolesOf(tenant, user), status));
                });
        return rows;
    }

    private ObjectNode json(List<Row> rows) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("tenant").put("alias", tenant.alias()).put("name", tenant.name());
        root.put("generatedAt", Instant.now().toString());
        Map<String, Integer> totals = new LinkedHashMap<>();
        totals.put("members", rows.size());
        MemberStatus.STATES.forEach(state -> totals.put(state, 0));
        rows.forEach(row -> totals.merge(row.status().state(), 1, Integer::sum));
        ObjectNode totalsNode = root.putObject("totals");
        totals.forEach(totalsNode::put);
        ArrayNode exempt = root.putArray("legacyExemptClients");
        session.getContext().getRealm().getClientsStream().filter(LegacyExemption::of).map(ClientModel::getClientId)
                .sorted().forEach(exempt::add);
        ArrayNode members = root.putArray("members");
        for (Row row : rows) {
            ObjectNode member = members.addObject();
            member.put("userId", row.user().getId());
            member.put("username", row.user().getUsername());
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
        }
        return root;
    }

    private record Row(UserModel user, List<String> roles, MemberStatus status) {

        List<String> cells() {
            return List.of(user.getId(), user.getUsername(), String.join(" ", roles), status.require(), status.state(),
                    String.join(" ", status.factors()),
                    status.daysLeft() == null ? "" : String.valueOf(status.daysLeft()),
                    status.daysLeft() == null ? "" : String.valueOf(status.graceStarted()));
        }
    }
}
