package dev.trustpack.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.util.JsonSerialization;

/** Each secret kind of the issue, in the representation Keycloak puts into admin events. */
class RedactorTest {

    private static final String SECRET = "Sup3r-Secret-Value-42";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----";

    @Test
    void userPasswordCredentialAndOtpSecretsAreRemoved() throws Exception {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(SECRET);
        password.setTemporary(false);
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType(CredentialRepresentation.TOTP);
        otp.setSecretData("{\"value\":\"" + SECRET + "\"}");
        otp.setCredentialData("{\"digits\":6}");
        CredentialRepresentation recovery = new CredentialRepresentation();
        recovery.setType("recovery-authn-codes");
        recovery.setSecretData("{\"codes\":[\"" + SECRET + "\"]}");
        UserRepresentation user = new UserRepresentation();
        user.setUsername("alice");
        user.setEmail("alice@acme.test");
        user.setCredentials(List.of(password, otp, recovery));
        user.setAttributes(Map.of("totp_secret", List.of(SECRET), "department", List.of("sales")));

        JsonNode redacted = redact(user);

        assertThat(redacted.toString()).doesNotContain(SECRET);
        assertThat(redacted.path("username").asText()).isEqualTo("alice");
        assertThat(redacted.path("email").asText()).isEqualTo("alice@acme.test");
        assertThat(redacted.path("attributes").path("department").get(0).asText()).isEqualTo("sales");
        assertThat(redacted.path("credentials").get(0).path("type").asText()).isEqualTo("password");
        assertThat(redacted.path("credentials").get(0).path("temporary").asBoolean()).isFalse();
    }

    @Test
    void aPasswordResetCredentialIsRemoved() throws Exception {
        CredentialRepresentation reset = new CredentialRepresentation();
        reset.setType(CredentialRepresentation.PASSWORD);
        reset.setValue(SECRET);

        assertThat(redact(reset).toString()).doesNotContain(SECRET).contains("password");
    }

    @Test
    void clientSecretsAndRegistrationTokensAreRemoved() throws Exception {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("backend");
        client.setSecret(SECRET);
        client.setRegistrationAccessToken(JWT);
        client.setAttributes(Map.of("client.secret.rotated", SECRET, "saml.signing.private.key", SECRET,
                "post.logout.redirect.uris", "https://app.test/*"));

        JsonNode redacted = redact(client);

        assertThat(redacted.toString()).doesNotContain(SECRET).doesNotContain(JWT);
        assertThat(redacted.path("clientId").asText()).isEqualTo("backend");
        assertThat(redacted.path("attributes").path("post.logout.redirect.uris").asText()).isEqualTo("https://app.test/*");
    }

    @Test
    void identityProviderConfigIsWithheld() throws Exception {
        IdentityProviderRepresentation google = new IdentityProviderRepresentation();
        google.setAlias("google");
        google.setProviderId("google");
        google.setConfig(Map.of("clientId", "client-123", "clientSecret", SECRET, "hostedDomain", "acme.test"));

        JsonNode redacted = redact(google);

        assertThat(redacted.toString()).doesNotContain(SECRET);
        assertThat(redacted.path("alias").asText()).isEqualTo("google");
        assertThat(redacted.path("config").has("clientSecret")).isTrue();
    }

    @Test
    void componentConfigSuchAsKeysAndLdapBindCredentialsIsWithheld() throws Exception {
        ComponentRepresentation rsa = new ComponentRepresentation();
        rsa.setName("rsa");
        rsa.setProviderId("rsa");
        MultivaluedHashMap<String, String> keyConfig = new MultivaluedHashMap<>();
        keyConfig.putSingle("privateKey", PEM);
        keyConfig.putSingle("priority", "100");
        rsa.setConfig(keyConfig);
        ComponentRepresentation ldap = new ComponentRepresentation();
        ldap.setName("ldap");
        MultivaluedHashMap<String, String> ldapConfig = new MultivaluedHashMap<>();
        ldapConfig.putSingle("bindCredential", SECRET);
        ldapConfig.putSingle("someVendorOption", SECRET);
        ldap.setConfig(ldapConfig);

        assertThat(redact(rsa).toString()).doesNotContain("MIIEvQIBADANBg").contains("\"name\":\"rsa\"");
        assertThat(redact(ldap).toString()).doesNotContain(SECRET);
    }

    @Test
    void authenticatorConfigIsWithheld() throws Exception {
        AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
        config.setAlias("sms");
        config.setConfig(Map.of("apiKey", SECRET, "anything", SECRET));

        assertThat(redact(config).toString()).doesNotContain(SECRET).contains("sms");
    }

    @Test
    void realmSmtpPasswordIsRemovedButPoliciesStayVisible() throws Exception {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm("acme");
        realm.setSmtpServer(Map.of("host", "smtp.acme.test", "password", SECRET));
        realm.setPasswordPolicy("length(12) and notUsername");
        realm.setOtpPolicyType("totp");
        realm.setAccessTokenLifespan(300);

        JsonNode redacted = redact(realm);

        assertThat(redacted.toString()).doesNotContain(SECRET);
        assertThat(redacted.path("smtpServer").path("host").asText()).isEqualTo("smtp.acme.test");
        assertThat(redacted.path("passwordPolicy").asText()).isEqualTo("length(12) and notUsername");
        assertThat(redacted.path("otpPolicyType").asText()).isEqualTo("totp");
        assertThat(redacted.path("accessTokenLifespan").asInt()).isEqualTo(300);
    }

    @Test
    void tokensKeysAndBearerHeadersAreScrubbedWhateverTheField() {
        assertThat(Redactor.scrub("id_token_hint=" + JWT)).isEqualTo(Redactor.REDACTED);
        assertThat(Redactor.scrub(PEM)).isEqualTo(Redactor.REDACTED);
        assertThat(Redactor.scrub("Authorization: Bearer abcdefghijkl.mnop")).doesNotContain("abcdefghijkl");
        assertThat(Redactor.scrub("x".repeat(5000))).hasSizeLessThan(1100);
    }

    @Test
    void userEventDetailsKeepOnlyTheAllowListAndRedirectUrisLoseTheirQuery() {
        Map<String, String> details = Map.of(
                "username", "alice",
                "code_id", "abc",
                "refresh_token", JWT,
                "token_id", "t-1",
                "redirect_uri", "https://app.test/cb?code=" + SECRET + "&state=x",
                "auth_method", "openid-connect");

        Map<String, String> kept = Redactor.userEventDetails(details);

        assertThat(kept).containsOnlyKeys("username", "redirect_uri", "auth_method");
        assertThat(kept.get("redirect_uri")).isEqualTo("https://app.test/cb");
    }

    @Test
    void moduleEntryDetailsWithSecretNamesAreRedacted() {
        Map<String, String> kept = Redactor.entryDetails(Map.of("recovery_code", SECRET, "method", "totp",
                "Bad Key", "x"));

        assertThat(kept).containsEntry("recovery_code", Redactor.REDACTED).containsEntry("method", "totp")
                .doesNotContainKey("Bad Key");
    }

    @Test
    void nonJsonRepresentationsAreMarkedNotCopied() {
        assertThat(Redactor.representation("not json " + SECRET).toString()).doesNotContain(SECRET);
        assertThat(Redactor.representation(null)).isNull();
    }

    private static JsonNode redact(Object representation) throws Exception {
        return Redactor.representation(JsonSerialization.writeValueAsString(representation));
    }

    @Test
    void aRealmUpdateKeepsItsFlowBindingsAndCredentialSettings() {
        JsonNode realm = Redactor.representation("""
                {"resetCredentialsFlow": "reset credentials", "browserFlow": "trustpack browser",
                 "requiredCredentials": ["password"], "webAuthnPolicyPasswordlessRpEntityName": "Trustpack",
                 "webAuthnPolicySignatureAlgorithms": ["ES256"], "smtpServer": {"password": "hunter2"}}""");

        assertThat(realm.path("resetCredentialsFlow").asText()).isEqualTo("reset credentials");
        assertThat(realm.path("browserFlow").asText()).isEqualTo("trustpack browser");
        assertThat(realm.path("requiredCredentials").get(0).asText()).isEqualTo("password");
        assertThat(realm.path("webAuthnPolicyPasswordlessRpEntityName").asText()).isEqualTo("Trustpack");
        assertThat(realm.path("webAuthnPolicySignatureAlgorithms").get(0).asText()).isEqualTo("ES256");
        assertThat(realm.path("smtpServer").path("password").asText()).isEqualTo(Redactor.REDACTED);
    }
}
