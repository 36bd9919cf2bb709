package dev.trustpack.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
        return create(realm, prefix, domain, attributes, List.of());
    }

    /** A user with more credentials than the password, imported as an admin would (see {@link #totp}). */
    public static TestUser create(RealmResource realm, String prefix, String domain,
                                  Map<String, List<String>> attributes, List<CredentialRepresentation> more) {
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
        List<CredentialRepresentation> credentials = new java.util.ArrayList<>(List.of(password));
        credentials.addAll(more);
        user.setCredentials(credentials);
        try (Response response = realm.users().create(user)) {
            assertThat(response.getStatus()).as("create user %s", username).isEqualTo(201);
            String path = response.getLocation().getPath();
            return new TestUser(path.substring(path.lastIndexOf('/') + 1), username);
        }
    }

    /**
     * An authenticator-app credential with a known secret, as an admin imports one (Keycloak's OTP credential data);
     * {@code Totp.fromStoredSecret(secret)} computes its codes.
     */
    public static CredentialRepresentation totp(String secret, String label) {
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setUserLabel(label);
        otp.setSecretData("{\"value\":\"" + secret + "\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        return otp;
    }

    /** A new user (as {@link #create}) whom the realm admin API adds to the tenant with one tenant role. */
    public static TestUser member(RealmResource realm, TrustpackAdminApi realmAdmin, String prefix, String tenant,
                                  String role) throws IOException, InterruptedException {
        TestUser user = create(realm, prefix, "example.org");
        TrustpackAdminApi.Reply added = realmAdmin.put("/tenants/" + tenant + "/members/" + user.id(),
                "{\"roles\": [\"" + role + "\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return user;
    }

    public static String id(RealmResource realm, String username) {
        return realm.users().searchByUsername(username, true).get(0).getId();
    }
}
