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

    /**
     * Replaces the realm document. For the policy REST resource, which has authorized the change and records the
     * admin event; capability modules read policy, they never write it. Stored values of sections or roles this
     * server does not know (a module not installed here) are kept.
     */
    void storeRealm(PolicyDocument document);

    /** Replaces the tenant's document; as {@link #storeRealm}, for the REST resource only. */
    void storeTenant(Tenant tenant, PolicyDocument document);

    /**
     * Where a tenant admin's document would loosen the tenant's policy — below the realm floor or the value stored
     * now, or by removing a stored value stricter than the floor — each naming its field (see {@link PolicyFloor}).
     * Tenant admins may store a document only when this is empty.
     */
    List<TrustpackException.Problem> looserThanNow(Tenant tenant, PolicyDocument candidate);

    /** The realm floor alone (a user without a tenant). */
    EffectivePolicy realm();

    /** A tenant's policy before roles. */
    EffectivePolicy of(Tenant tenant);

    /** The policy of a user in a tenant: floor, the realm's and the tenant's sections for the user's roles there. */
    EffectivePolicy of(Tenant tenant, UserModel user);

    /**
     * The policy of the login being authenticated: the tenant its tenant step activated and the user's roles there;
     * the realm floor when the step decided the login has no tenant. Called before the step has decided (an
     * authenticator placed too early), it fails closed: the strictest of the floor and of the policy of every tenant
     * the user belongs to. Authenticators that read policy belong after the tenant step.
     */
    EffectivePolicy ofLogin(AuthenticationSessionModel authenticationSession, UserModel user);

    /**
     * The strictest of the realm floor and of the user's policy in every tenant they belong to: for decisions about a
     * user where no tenant is known (a token bound to none, a grant that runs no tenant step). Fails closed.
     */
    EffectivePolicy ofUser(UserModel user);
}
