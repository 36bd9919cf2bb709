package dev.trustpack.it.argon2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.List;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.PasswordCredentials;
import dev.trustpack.it.support.PasswordCredentials.Stored;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackServerConfig;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** New passwords are Argon2id (native) with the realm's parameters; input rules; policy entries; upgrades. */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class Argon2HashingIT extends DirectGrantTest {

    private TestUsers.TestUser user;
    private String originalPolicy;

    @BeforeEach
    void createUser() {
        user = TestUsers.create(demo.admin(), "hashing", "example.org");
        originalPolicy = demo.admin().toRepresentation().getPasswordPolicy();
    }

    @AfterEach
    void restore() {
        setPolicy(originalPolicy);
        demo.admin().users().delete(user.id()).close();
    }

    @Test
    void newPasswordsAreArgon2idV19WithTheRealmsParameters() throws Exception {
        Stored stored = PasswordCredentials.only(demo.admin(), user.id());
        assertThat(stored.algorithm()).isEqualTo("trustpack-argon2id");
        assertThat(stored.iterations()).isEqualTo(2);
        assertThat(stored.parameters()).containsEntry("memory", List.of("19456"))
                .containsEntry("parallelism", List.of("1")).containsEntry("normalization", List.of("NFC"));

        assertThat(login(DemoRealm.PASSWORD).status()).isEqualTo(200);
        assertThat(login(DemoRealm.PASSWORD + "x").status()).as("Keycloak answers invalid_grant with 400").isEqualTo(400);
    }

    @Test
    void longPassPhrasesAndUnicodeWorkWhateverTheNormalizationForm() throws Exception {
        String composed = Normalizer.normalize("Ünïcødé pass phrase with accents é à ô and more words " + "ñ".repeat(20),
                Normalizer.Form.NFC);
        assertThat(composed.length()).isGreaterThan(64);
        setPassword(composed);

        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        assertThat(login(composed).status()).isEqualTo(200);
        assertThat(login(decomposed).status()).as("same password, other Unicode form").isEqualTo(200);
    }

    @Test
    void overlongPasswordsAreRefusedBeforeHashingWithAClearErrorAndNever5xx() throws Exception {
        // The demo realm's maxLength(128) would refuse first; widen it so the hash provider's own limit is reached.
        setPolicy(originalPolicy.replace("maxLength(128)", "maxLength(4096)"));
        String overlong = "x".repeat(1025);
        assertThatThrownBy(() -> setPassword(overlong)).isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).getResponse().readEntity(String.class))
                        .contains("1024 bytes"));

        TokenResponse login = login("é".repeat(2000));
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.error()).isEqualTo("invalid_grant");
        assertThat(login(DemoRealm.PASSWORD).status()).as("the stored password is unchanged").isEqualTo(200);
    }

    @Test
    void policyEntriesOutsideTheirBoundsAreRefusedWhenSaved() {
        for (String entry : List.of("trustpackArgon2Memory(100)", "trustpackArgon2Memory(99999999)",
                "trustpackArgon2Iterations(0)", "trustpackArgon2Parallelism(99)", "trustpackArgon2Memory(lots)")) {
            String name = entry.substring(0, entry.indexOf('('));
            assertThatThrownBy(() -> setPolicy(originalPolicy.replaceAll(name + "\\([^)]*\\)", entry)))
                    .as(entry).isInstanceOf(BadRequestException.class)
                    .satisfies(e -> assertThat(((BadRequestException) e).getResponse().readEntity(String.class))
                            .contains(name));
        }
        assertThat(demo.admin().toRepresentation().getPasswordPolicy()).isEqualTo(originalPolicy);
    }

    @Test
    void aChangedPolicyRehashesAtTheNextSuccessfulLoginOnly() throws Exception {
        setPolicy(originalPolicy.replace("trustpackArgon2Memory(19456)", "trustpackArgon2Memory(47104)")
                .replace("trustpackArgon2Iterations(2)", "trustpackArgon2Iterations(1)"));

        assertThat(login(DemoRealm.PASSWORD + "wrong").status()).isEqualTo(400);
        assertThat(PasswordCredentials.only(demo.admin(), user.id()).parameters())
                .as("a wrong password upgrades nothing").containsEntry("memory", List.of("19456"));

        assertThat(login(DemoRealm.PASSWORD).status()).isEqualTo(200);
        Stored upgraded = awaitMemory("47104");
        assertThat(upgraded.iterations()).isEqualTo(1);
        assertThat(login(DemoRealm.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aPolicyBelowTheAsvsFloorRefusesNewPasswordsWithAMessage() {
        setPolicy(originalPolicy.replace("trustpackArgon2Iterations(2)", "trustpackArgon2Iterations(1)"));
        assertThatThrownBy(() -> setPassword("a perfectly good pass phrase"))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).getResponse().readEntity(String.class))
                        .contains("ASVS"));
    }

    private Stored awaitMemory(String memory) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Stored stored = PasswordCredentials.only(demo.admin(), user.id());
        while (!stored.parameters().get("memory").equals(List.of(memory)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            stored = PasswordCredentials.only(demo.admin(), user.id());
        }
        assertThat(stored.parameters()).containsEntry("memory", List.of(memory));
        return stored;
    }

    private TokenResponse login(String password) throws Exception {
        return client.passwordGrant(user.username(), password, "openid");
    }

    private void setPassword(String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        demo.admin().users().get(user.id()).resetPassword(credential);
    }

    private void setPolicy(String policy) {
        RealmRepresentation realm = demo.admin().toRepresentation();
        realm.setPasswordPolicy(policy);
        demo.admin().update(realm);
    }
}
