package dev.trustpack.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

/**
 * Tenants a test creates next to the demo realm's: Keycloak organizations named {@code <prefix>-<random>} with a
 * domain and attributes (for example policy values), removed again by {@link #removeAll()}.
 */
public final class TestTenants {

    private final RealmResource realm;
    private final Map<String, String> ids = new LinkedHashMap<>();

    public TestTenants(RealmResource realm) {
        this.realm = realm;
    }

    /** Creates a tenant and returns its alias; its domain {@code <alias>.example} is not verified. */
    public String create(String prefix, Map<String, String> attributes) {
        return create(prefix, attributes, false);
    }

    /** Creates a tenant with the domain {@code <alias>.example}, verified or not, and returns its alias. */
    public String create(String prefix, Map<String, String> attributes, boolean domainVerified) {
        String alias = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        OrganizationRepresentation tenant = new OrganizationRepresentation();
        tenant.setName(prefix + " " + alias);
        tenant.setAlias(alias);
        tenant.setEnabled(true);
        OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation();
        domain.setName(alias + ".example");
        domain.setVerified(domainVerified);
        tenant.addDomain(domain);
        attributes.forEach(tenant::singleAttribute);
        try (Response created = realm.organizations().create(tenant)) {
            assertThat(created.getStatus()).as("create tenant %s", alias).isEqualTo(201);
            String path = created.getLocation().getPath();
            ids.put(alias, path.substring(path.lastIndexOf('/') + 1));
        }
        return alias;
    }

    /** The id of a tenant this object created. */
    public String id(String alias) {
        return ids.get(alias);
    }

    public void removeAll() {
        ids.values().forEach(id -> realm.organizations().get(id).delete().close());
        ids.clear();
    }
}
