package dev.trustpack.tenancy.policy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The tenant policy document of the current realm: a realm floor and per-tenant documents, each with role sections,
 * stored as realm and organization attributes ({@code trustpack.policy.<section>.<field>}, {@code
 * trustpack.policy.roles.<role>.<section>.<field>}) so realm export and import carry them. Obtain it with
 * {@code session.getProvider(TenancyProvider.class).policies()}.
 *
 * <p>Capability modules read the effective policy ({@link #of(Tenant, UserModel)}, {@link #ofLogin}) and take
 * their values with their own field constants; they never parse attributes themselves.
 */
public interface TenantPolicies {

    /** The sections the installed modules contribute. */
    PolicyCatalog catalog();

    /** The realm document (the floor) as stored, with the problems of values that do not validate. */
    PolicyDocument realmDocument();

    /** The tenant's document as stored. */
    PolicyDocument tenantDocument(Tenant tenant);

    /** Parses a REST body; a {@link TrustpackException} (400) names every field that does not validate. */
    PolicyDocument parse(JsonNode body);

    /** Replaces the realm document (the caller has authorized the change and records the admin event). */
    void storeRealm(PolicyDocument document);

    /** Replaces the tenant's document (the caller has authorized the change and records the admin event). */
    void storeTenant(Tenant tenant, PolicyDocument document);

    /**
     * The values of a tenant document that are looser than the realm floor at the same place (for a role section:
     * the floor with the realm's section for that role), each naming its field. Tenant admins may store a document
     * only when this is empty.
     */
    List<TrustpackException.Problem> looserThanFloor(PolicyDocument tenantDocument);

    /** The realm floor alone (a user without a tenant). */
    EffectivePolicy realm();

    /** A tenant's policy before roles. */
    EffectivePolicy of(Tenant tenant);

    /** The policy of a user in a tenant: floor, the realm's and the tenant's sections for the user's roles there. */
    EffectivePolicy of(Tenant tenant, UserModel user);

    /**
     * The policy of the login being authenticated: the tenant its tenant step activated (or the realm floor when
     * none was, for example before the step or for a user in no tenant) and the user's roles there.
     */
    EffectivePolicy ofLogin(AuthenticationSessionModel authenticationSession, UserModel user);
}
