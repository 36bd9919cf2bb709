package dev.trustpack.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Users that tests create in the demo realm (and delete again), with the demo password. */
public final class TestUsers {

    private TestUsers() {
    }

    /** A user named {@code <prefix>-<random>} with a verified email in {@code domain}. */
    public record TestUser(String id, String username) {
    }

    public static TestUser create(RealmResource realm, String prefix, String domain) {
        return create(realm, prefix, domain, Map.of());
    }

    public static TestUser create(RealmResource realm, String prefix, String domain,
                                  Map<String, List<String>> attributes) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@" + domain);
        user.setEmailVerified(true);
        user.setFirstName(prefix);
        user.setLastName("Test");
        user.setEnabled(true);
        user.setAttributes(attributes);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(DemoRealm.PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (Response response = realm.users().create(user)) {
            assertThat(response.getStatus()).as("create user %s", username).isEqualTo(201);
            String path = response.getLocation().getPath();
            return new TestUser(path.substring(path.lastIndexOf('/') + 1), username);
        }
    }

    public static String id(RealmResource realm, String username) {
        return realm.users().searchByUsername(username, true).get(0).getId();
    }
}
