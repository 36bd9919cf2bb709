package dev.trustpack.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.SpaBrowserTest;
import dev.trustpack.it.support.TestVault;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.MfaSetupPage;
import dev.trustpack.it.support.WebhookReceiver;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.openqa.selenium.WebDriver;

/**
 * No password, OTP secret, recovery code, token, authorization code, client secret, private key or authenticator
 * secret reaches a forwarded or exported record, whatever admin or user action carried it: each kind is put through
 * a real Keycloak operation, then the webhook bodies and both export formats are searched for it.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class AuditRedactionIT extends SpaBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @Test
    void noSecretOfAnyKindLeavesKeycloakInAnAuditRecord() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        String webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
        TestVault.put(DemoRealm.NAME, "audit-redaction", webhookSecret);
        TrustpackAdminApi api = new TrustpackAdminApi(urls.getBase(), DemoRealm.NAME,
                admin.tokenManager()::getAccessTokenString);
        Map<String, String> secrets = new LinkedHashMap<>();
        List<Runnable> cleanUp = new ArrayList<>();

        try (WebhookReceiver receiver = WebhookReceiver.https(webhookSecret)) {
            Map<String, String> config = AuditSinks.fastRetries();
            config.put("url", receiver.url());
            config.put("secret", "${vault.audit-redaction}");
            String sinkId = AuditSinks.create(demo, "it-redaction", AuditSinks.WEBHOOK, config);
            cleanUp.add(() -> AuditSinks.remove(demo, sinkId));
            try {
                userSecrets(secrets, cleanUp);
                clientSecrets(secrets, cleanUp);
                identityProviderSecret(secrets, cleanUp);
                privateKey(secrets, cleanUp);
                authenticatorSecret(secrets, cleanUp);
                importedOtpAndRecoveryCodes(secrets, cleanUp);
                tokensAndCode(secrets);

                String last = "redaction-done-" + UUID.randomUUID();
                assertThat(api.post("/it-probes/admin-event?marker=" + last + "&fail=false", "application/json", "")
                        .status()).isEqualTo(204);
                receiver.awaitEvent(e -> e.toString().contains(last), WAIT);

                StringBuilder forwarded = new StringBuilder();
                receiver.deliveries().forEach(d -> forwarded.append(d.body()).append('\n'));
                String jsonl = api.get("/audit/export?format=jsonl&from=" + start).body();
                String csv = api.get("/audit/export?format=csv&from=" + start).body();

                // The actions were recorded (with representations), so the search below is not vacuous.
                assertThat(forwarded).contains("\"resourceType\":\"USER\"", "\"resourceType\":\"CLIENT\"",
                        "\"resourceType\":\"IDENTITY_PROVIDER\"", "\"resourceType\":\"COMPONENT\"",
                        "\"resourceType\":\"AUTHENTICATOR_CONFIG\"", "\"representation\":{",
                        "dev.trustpack.audit.user.code_to_token", "dev.trustpack.audit.user.refresh_token");
                secrets.forEach((kind, secret) -> {
                    assertThat(forwarded.toString()).as("%s in a forwarded record", kind).doesNotContain(secret);
                    assertThat(jsonl).as("%s in the JSON-lines export", kind).doesNotContain(secret);
                    assertThat(csv).as("%s in the CSV export", kind).doesNotContain(secret);
                });
            } finally {
                for (int i = cleanUp.size() - 1; i >= 0; i--) {
                    cleanUp.get(i).run();
                }
            }
        }
    }

    private void userSecrets(Map<String, String> secrets, List<Runnable> cleanUp) {
        String password = "Pw-" + UUID.randomUUID();
        UserRepresentation user = new UserRepresentation();
        user.setUsername("it-redaction-" + UUID.randomUUID().toString().substring(0, 8));
        user.setEnabled(true);
        user.setCredentials(List.of(password(password)));
        String id;
        try (Response response = demo.admin().users().create(user)) {
            assertThat(response.getStatus()).isEqualTo(201);
            id = created(response);
        }
        cleanUp.add(() -> demo.admin().users().delete(id).close());
        String reset = "Reset-" + UUID.randomUUID();
        demo.admin().users().get(id).resetPassword(password(reset));
        secrets.put("password at user creation", password);
        secrets.put("password reset", reset);
    }

    private void clientSecrets(Map<String, String> secrets, List<Runnable> cleanUp) {
        String secret = "ClientSecret-" + UUID.randomUUID();
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("it-redaction-" + UUID.randomUUID().toString().substring(0, 8));
        client.setPublicClient(false);
        client.setSecret(secret);
        client.setServiceAccountsEnabled(true);
        String id;
        try (Response response = demo.admin().clients().create(client)) {
            assertThat(response.getStatus()).isEqualTo(201);
            id = created(response);
        }
        cleanUp.add(() -> demo.admin().clients().get(id).remove());
        secrets.put("client secret", secret);
        secrets.put("regenerated client secret", demo.admin().clients().get(id).generateNewSecret().getValue());
    }

    private void identityProviderSecret(Map<String, String> secrets, List<Runnable> cleanUp) {
        String secret = "IdpSecret-" + UUID.randomUUID();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias("it-redaction-" + UUID.randomUUID().toString().substring(0, 8));
        idp.setProviderId("oidc");
        idp.setEnabled(false);
        idp.setConfig(Map.of("clientId", "keycloak", "clientSecret", secret, "clientAuthMethod", "client_secret_post",
                "authorizationUrl", "https://idp.example/auth", "tokenUrl", "https://idp.example/token"));
        try (Response response = demo.admin().identityProviders().create(idp)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        cleanUp.add(() -> demo.admin().identityProviders().get(idp.getAlias()).remove());
        secrets.put("identity provider client secret", secret);
    }

    private void privateKey(Map<String, String> secrets, List<Runnable> cleanUp) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String base64 = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----";
        ComponentRepresentation key = new ComponentRepresentation();
        key.setName("it-redaction-rsa");
        key.setProviderId("rsa");
        key.setProviderType("org.keycloak.keys.KeyProvider");
        key.setParentId(demo.getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("privateKey", pem);
        config.putSingle("priority", "-100");
        config.putSingle("enabled", "false");
        config.putSingle("active", "false");
        key.setConfig(config);
        String id;
        try (Response response = demo.admin().components().add(key)) {
            assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(201);
            id = created(response);
        }
        cleanUp.add(() -> demo.admin().components().component(id).remove());
        secrets.put("private key", base64.substring(0, 64));
    }

    private void authenticatorSecret(Map<String, String> secrets, List<Runnable> cleanUp) {
        String secret = "AuthenticatorSecret-" + UUID.randomUUID();
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias("it-redaction-" + UUID.randomUUID().toString().substring(0, 8));
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        try (Response response = demo.admin().flows().createFlow(flow)) {
            assertThat(response.getStatus()).isEqualTo(201);
            String flowId = created(response);
            cleanUp.add(() -> demo.admin().flows().deleteFlow(flowId));
        }
        demo.admin().flows().addExecution(flow.getAlias(), Map.of("provider", "identity-provider-redirector"));
        AuthenticationExecutionInfoRepresentation execution = demo.admin().flows().getExecutions(flow.getAlias()).get(0);
        AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
        config.setAlias("it-redaction-config");
        config.setConfig(Map.of("defaultProvider", secret));
        try (Response response = demo.admin().flows().newExecutionConfig(execution.getId(), config)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        secrets.put("authenticator config value", secret);
    }

    private void importedOtpAndRecoveryCodes(Map<String, String> secrets, List<Runnable> cleanUp) {
        String otpSecret = "OtpSecret" + UUID.randomUUID().toString().replace("-", "");
        String recoveryCode = "Recovery" + UUID.randomUUID().toString().replace("-", "");
        String importedPassword = "Imported-" + UUID.randomUUID();
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType(CredentialRepresentation.TOTP);
        otp.setUserLabel("phone");
        otp.setSecretData("{\"value\":\"" + otpSecret + "\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        CredentialRepresentation recovery = new CredentialRepresentation();
        recovery.setType("recovery-authn-codes");
        recovery.setSecretData("{\"codes\":[{\"number\":1,\"encodedHashedValue\":\"" + recoveryCode + "\"}]}");
        recovery.setCredentialData("{\"hashIterations\":1,\"algorithm\":\"RS512\",\"totalCodes\":1,\"remainingCodes\":1}");
        UserRepresentation user = new UserRepresentation();
        user.setUsername("it-imported-" + UUID.randomUUID().toString().substring(0, 8));
        user.setEnabled(true);
        user.setCredentials(List.of(otp, recovery, password(importedPassword)));
        PartialImportRepresentation partial = new PartialImportRepresentation();
        partial.setUsers(List.of(user));
        partial.setIfResourceExists(PartialImportRepresentation.Policy.SKIP.name());
        try (Response response = demo.admin().partialImport(partial)) {
            assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(200);
        }
        cleanUp.add(() -> demo.admin().users().searchByUsername(user.getUsername(), true)
                .forEach(found -> demo.admin().users().delete(found.getId()).close()));
        secrets.put("imported OTP secret", otpSecret);
        secrets.put("imported recovery code", recoveryCode);
        secrets.put("imported password", importedPassword);
    }

    /** A browser sign-in through the demo SPA: the authorization code, then tokens, a refresh and a logout. */
    private void tokensAndCode(Map<String, String> secrets) throws Exception {
        RelyingParty.AuthorizationRequest request = spa.authorizationRequest("openid");
        WebDriver page = browser.driver();
        page.get(request.url());
        HostedLogin.signIn(page, DemoRealm.ALICE, DemoRealm.PASSWORD);
        // acme requires MFA of its Owner, with a grace period: this test is about what the records keep.
        MfaSetupPage.postponeIfShown(page);
        Map<String, String> callback = spa.awaitCallback(WAIT);
        assertThat(callback).containsKey("code");
        RelyingParty.TokenResponse tokens = spa.exchangeCode(callback.get("code"), request.codeVerifier());
        assertThat(tokens.status()).isEqualTo(200);
        RelyingParty.TokenResponse refreshed = spa.refresh(tokens.refreshToken());
        assertThat(refreshed.status()).isEqualTo(200);
        secrets.put("authorization code", callback.get("code"));
        secrets.put("access token", tokens.accessToken());
        secrets.put("refresh token", tokens.refreshToken());
        secrets.put("ID token", tokens.idToken());
        secrets.put("refreshed access token", refreshed.accessToken());
        secrets.put("demo password", DemoRealm.PASSWORD);
        secrets.put("PKCE verifier", request.codeVerifier());
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(value);
        password.setTemporary(false);
        return password;
    }

    private static String created(Response response) {
        String path = response.getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
