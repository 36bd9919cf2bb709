package dev.trustpack.audit.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.trustpack.audit.outbox.AuditChainEntity;
import dev.trustpack.audit.outbox.ChainVerifier;
import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.error.TrustpackException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /admin/realms/master/trustpack/audit/realms}: every realm's trail for the operator (a master realm admin
 * with {@code view-events}, checked at the locator), including the trails of deleted realms, which no realm admin
 * can reach any more. A trail is named by its realm's name (a live realm first, else the most recently deleted realm
 * of that name), by its realm id, or by the trail id the list shows (a deleted realm whose id a new realm took has a
 * trail id of its own).
 */
public final class RealmTrailsResource {

    private final KeycloakSession session;
    private final AuditAdminEvents events;

    RealmTrailsResource(KeycloakSession session, AuditAdminEvents events) {
        this.session = session;
        this.events = events;
    }

    /**
     * A realm's trail as listed: where its chain stands and, for a deleted realm, when and by whom.
     *
     * @param trailId the trail's own id: the realm id, or a new one once another realm took the deleted realm's id
     * @param realmId the id of the realm the records are of
     */
    public record Trail(String trailId, String realmId, String realm, boolean deleted, String deletedAt,
                        String deletedBy, long firstSeq, long lastSeq, long unsealed) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Trail> trails() {
        OutboxStore outbox = OutboxStore.of(session);
        List<Trail> trails = new ArrayList<>();
        for (String realmId : outbox.chainRealms()) {
            outbox.chain(realmId).ifPresent(chain -> trails.add(trail(outbox, chain)));
        }
        trails.sort(Comparator.comparing(Trail::realm).thenComparing(Trail::deleted));
        return trails;
    }

    @GET
    @Path("{trail}/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public ChainVerifier.Result verify(@PathParam("trail") String trail) {
        Trail found = resolve(trail);
        return new ChainVerifier(OutboxStore.of(session)).verify(found.trailId(), found.realm());
    }

    /** The trail's records, as a realm's own export gives them; the tenant filter is not offered here. */
    @Path("{trail}/export")
    public ExportResource export(@PathParam("trail") String trail) {
        Trail found = resolve(trail);
        return new ExportResource(session, found.trailId(), found.realm(), alias -> {
            if (alias != null && !alias.isBlank()) {
                throw AuditParams.invalid("An operator export holds the whole trail of a realm; 'tenant' is for a "
                        + "realm's own export");
            }
            return null;
        }, events, "realms/" + found.realm() + "/export");
    }

    private Trail resolve(String nameOrId) {
        OutboxStore outbox = OutboxStore.of(session);
        RealmModel live = session.realms().getRealmByName(nameOrId);
        if (live == null) {
            live = session.realms().getRealm(nameOrId);
        }
        if (live != null) {
            RealmModel realm = live;
            // A realm that has not recorded anything yet has an empty trail, still verifiable.
            return outbox.chain(realm.getId()).map(chain -> trail(outbox, chain)).orElseGet(() -> new Trail(
                    realm.getId(), realm.getId(), realm.getName(), false, null, null, 1, 0,
                    outbox.countUnsealed(realm.getId())));
        }
        List<AuditChainEntity> deleted = outbox.deletedRealms();
        Optional<AuditChainEntity> chain = deleted.stream().filter(c -> nameOrId.equals(c.getRealmName())).findFirst()
                .or(() -> outbox.chain(nameOrId))
                .or(() -> deleted.stream().filter(c -> nameOrId.equals(c.getTrailRealmId())).findFirst());
        return chain.map(c -> trail(outbox, c)).orElseThrow(() -> new TrustpackException(
                TrustpackException.Kind.NOT_FOUND, "No audit trail of a realm '" + Inputs.quoted(nameOrId)
                + "' (GET .../audit/realms lists them)"));
    }

    private Trail trail(OutboxStore outbox, AuditChainEntity chain) {
        RealmModel live = chain.getDeletedAt() == null ? session.realms().getRealm(chain.getRealmId()) : null;
        String name = live != null ? live.getName() : chain.getRealmName() != null ? chain.getRealmName()
                : chain.getRealmId();
        return new Trail(chain.getRealmId(), chain.getTrailRealmId(), name, chain.getDeletedAt() != null,
                AuditParams.time(chain.getDeletedAt()), chain.getDeletedBy(), chain.getPurgedSeq() + 1,
                chain.getLastSeq(), outbox.countUnsealed(chain.getRealmId()));
    }
}
