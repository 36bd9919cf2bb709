package dev.trustpack.testproviders;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.trustpack.common.audit.AuditEntry;
import dev.trustpack.common.audit.AuditRecorder;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Test probes. {@code fail=true} makes an action emit its success event and then fail, so the request's transaction
 * rolls back; {@code tamper} edits or deletes one stored audit record the way someone with database access could.
 */
public final class ProbesResource {

    /** Thrown to roll the request back after the event was sent. */
    static final class ProbeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProbeFailure() {
            super("probe failure after the event was sent");
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEventBuilder adminEvent;

    ProbesResource(KeycloakSession session, RealmModel realm, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.adminEvent = adminEvent;
    }

    /** A success user event (CUSTOM_REQUIRED_ACTION, detail custom_required_action=marker), then optionally a failure. */
    @POST
    @Path("user-event")
    public Response userEvent(@QueryParam("marker") String marker, @QueryParam("fail") boolean fail) {
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail("custom_required_action", marker)
                .success();
        return outcome(fail);
    }

    /** A success admin event (ACTION on CUSTOM at it-probes/marker), then optionally a failure. */
    @POST
    @Path("admin-event")
    public Response adminEvent(@QueryParam("marker") String marker, @QueryParam("fail") boolean fail) {
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.CUSTOM).resourcePath("it-probes", marker)
                .success();
        return outcome(fail);
    }

    /** An entry through the AuditRecorder API that Trustpack modules use. */
    @POST
    @Path("recorder")
    public Response recorder(@QueryParam("marker") String marker, @QueryParam("fail") boolean fail) {
        session.getProvider(AuditRecorder.class).record(AuditEntry.success("it_probe", null, Map.of("marker", marker)));
        return outcome(fail);
    }

    /**
     * Changes one sealed record of the realm: {@code payload} (edits its content), {@code delete}, {@code tenant}
     * (moves it to another tenant's column), {@code relink} (edits content and recomputes nothing else but the hash,
     * as a careless forger would), or {@code backdate} (moves every record through seq back by {@code days}).
     */
    @POST
    @Path("tamper")
    @Produces(MediaType.APPLICATION_JSON)
    public Response tamper(@QueryParam("seq") long seq, @QueryParam("change") String change,
                           @QueryParam("days") int days) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        String where = " WHERE r.realmId = :realm AND r.seq = :seq";
        int changed = switch (change) {
            case "payload" -> em.createQuery("UPDATE AuditRecordEntity r SET r.payload = "
                            + "CONCAT(r.payload, ' ')" + where)
                    .setParameter("realm", realm.getId()).setParameter("seq", seq).executeUpdate();
            case "relink" -> em.createQuery("UPDATE AuditRecordEntity r SET r.hash = '"
                            + "0".repeat(63) + "1'" + where)
                    .setParameter("realm", realm.getId()).setParameter("seq", seq).executeUpdate();
            case "delete" -> em.createQuery("DELETE FROM AuditRecordEntity r" + where)
                    .setParameter("realm", realm.getId()).setParameter("seq", seq).executeUpdate();
            case "tenant" -> em.createQuery("UPDATE AuditRecordEntity r SET r.tenantId = 'another-tenant'" + where)
                    .setParameter("realm", realm.getId()).setParameter("seq", seq).executeUpdate();
            case "backdate" -> em.createQuery("UPDATE AuditRecordEntity r SET r.createdAt = r.createdAt - :shift"
                            + " WHERE r.realmId = :realm AND r.seq <= :seq")
                    .setParameter("shift", TimeUnit.DAYS.toMillis(days))
                    .setParameter("realm", realm.getId()).setParameter("seq", seq).executeUpdate();
            default -> throw new BadRequestException("unknown change " + change);
        };
        return Response.ok(Map.of("changed", changed)).build();
    }

    private static Response outcome(boolean fail) {
        if (fail) {
            throw new ProbeFailure();
        }
        return Response.noContent().build();
    }
}
