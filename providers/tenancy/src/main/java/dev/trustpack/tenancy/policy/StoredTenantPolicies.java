package dev.trustpack.tenancy.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/** {@link TenantPolicies} on realm attributes and organization attributes. */
public final class StoredTenantPolicies implements TenantPolicies {

    static final String REALM_LEVEL = "realm";
    static final String TENANT_LEVEL = "tenant";

    private final KeycloakSession session;
    private final TenancyProvider tenancy;
    private final PolicyCatalog catalog;
    private final PolicyWarnings warnings;
    private PolicyDocument realmDocument;
    private final Map<String, PolicyDocument> tenantDocuments = new HashMap<>();
    /** Effective policies of this request, by tenant and user: a login reads one several times (steps, guard). */
    private final Map<String, EffectivePolicy> effective = new HashMap<>();

    public StoredTenantPolicies(KeycloakSession session, TenancyProvider tenancy, PolicyCatalog catalog,
                                PolicyWarnings warnings) {
        this.session = session;
        this.tenancy = tenancy;
        this.catalog = catalog;
        this.warnings = warnings;
    }

    @Override
    public PolicyCatalog catalog() {
        return catalog;
    }

    @Override
    public PolicyDocument realmDocument() {
        if (realmDocument == null) {
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            realmModel().getAttributes().forEach((key, value) -> attributes.put(key, Collections.singletonList(value)));
            realmDocument = documents().read(REALM_LEVEL, attributes);
            realmDocument.problems().forEach(problem -> warnings.report(realmModel().getName(), "the realm", problem));
        }
        return realmDocument;
    }

    @Override
    public PolicyDocument tenantDocument(Tenant tenant) {
        return tenantDocuments.computeIfAbsent(tenant.id(), id -> {
            OrganizationModel organization = organization(tenant);
            PolicyDocument document = documents().read(TENANT_LEVEL, organization.getAttributes());
            document.problems().forEach(problem -> warnings.report(realmModel().getName(), "tenant '" + tenant.alias() + "'",
                    problem));
            return document;
        });
    }

    @Override
    public PolicyDocument parse(JsonNode body) {
        return documents().parse(body);
    }

    @Override
    public void storeRealm(PolicyDocument document) {
        RealmModel realm = realmModel();
        List<String> replaced = realm.getAttributes().keySet().stream().filter(this::ownedHere).toList();
        replaced.forEach(realm::removeAttribute);
        document.toAttributes(catalog).forEach(realm::setAttribute);
        realmDocument = null;
        effective.clear();
    }

    @Override
    public void storeTenant(Tenant tenant, PolicyDocument document) {
        OrganizationModel organization = organization(tenant);
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        organization.getAttributes().forEach((key, values) -> {
            if (!ownedHere(key)) {
                attributes.put(key, values);
            }
        });
        document.toAttributes(catalog).forEach((key, value) -> attributes.put(key, List.of(value)));
        organization.setAttributes(attributes);
        tenantDocuments.remove(tenant.id());
        effective.clear();
    }

    /**
     * Whether a stored attribute is one a PUT replaces: a policy value of a section and field installed here (for
     * a defined role, in a role section). Values of sections this server does not know, as during a rolling upgrade
     * or with a module missing on this node, are kept.
     */
    private boolean ownedHere(String key) {
        return PolicyPath.ofAttributeKey(key)
                .filter(path -> catalog.field(path).isPresent())
                .filter(path -> !path.isRole() || tenancy.roleSet().defines(path.role()))
                .isPresent();
    }

    @Override
    public List<TrustpackException.Problem> looserThanNow(Tenant tenant, PolicyDocument candidate) {
        return PolicyFloor.looser(catalog, realmDocument(), tenantDocument(tenant), candidate);
    }

    @Override
    public EffectivePolicy realm() {
        return EffectivePolicy.merge(catalog, realmDocument(), null, List.of());
    }

    @Override
    public EffectivePolicy of(Tenant tenant) {
        return EffectivePolicy.merge(catalog, realmDocument(), tenantDocument(tenant), List.of());
    }

    @Override
    public EffectivePolicy of(Tenant tenant, UserModel user) {
        if (tenant == null) {
            return realm();
        }
        return effective.computeIfAbsent(tenant.id() + '/' + user.getId(), key ->
                EffectivePolicy.merge(catalog, realmDocument(), tenantDocument(tenant), tenancy.rolesOf(tenant, user)));
    }

    @Override
    public EffectivePolicy ofLogin(AuthenticationSessionModel authenticationSession, UserModel user) {
        Optional<Tenant> tenant = tenancy.activeTenant(authenticationSession);
        if (tenant.isPresent()) {
            return of(tenant.get(), user);
        }
        if (TenancyProvider.NO_TENANT.equals(authenticationSession.getClientNote(TenancyProvider.ACTIVE_TENANT_NOTE))) {
            return realm();
        }
        return ofUser(user);
    }

    @Override
    public EffectivePolicy ofUser(UserModel user) {
        List<EffectivePolicy> candidates = new ArrayList<>();
        candidates.add(realm());
        tenancy.tenantsOf(user).forEach(each -> candidates.add(of(each, user)));
        return EffectivePolicy.strictest(catalog, candidates);
    }

    private PolicyDocuments documents() {
        return new PolicyDocuments(catalog, tenancy.roleSet());
    }

    private OrganizationModel organization(Tenant tenant) {
        OrganizationModel organization = session.getProvider(OrganizationProvider.class).getById(tenant.id());
        if (organization == null) {
            throw new TrustpackException(TrustpackException.Kind.NOT_FOUND, "No tenant '" + tenant.alias() + "'");
        }
        return organization;
    }

    private RealmModel realmModel() {
        return session.getContext().getRealm();
    }
}
