package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.SmtpReceiver;
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.OtpPage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A password reset by email (the demo realm's {@code trustpack reset credentials} flow, {@code force-login=true})
 * ends in a fresh login, which asks for the second factor: resetting a password never skips it. The mail is read
 * from a local SMTP receiver.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class MfaResetCredentialsIT extends DirectGrantTest {

    private static final Pattern ACTION_LINK = Pattern.compile("(https?://\\S+/login-actions/action-token\\?key=[^\\s\"<>]+)");

    @InjectWebDriver
    ManagedWebDriver browser;

    @Test
    void aPasswordResetEndsInALoginThatStillAsksForTheSecondFactor() throws Exception {
        TestTenants tenants = new TestTenants(demo.admin());
        String userId = null;
        RealmRepresentation before = demo.admin().toRepresentation();
        try (SmtpReceiver smtp = SmtpReceiver.start();
             RelyingParty spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT)) {
            RealmRepresentation mail = demo.admin().toRepresentation();
            mail.setResetPasswordAllowed(true);
            mail.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(smtp.port()),
                    "from", "no-reply@trustpack.test", "auth", "false", "ssl", "false", "starttls", "false"));
            demo.admin().update(mail);
            String alias = tenants.create("reset", Map.of("trustpack.policy.mfa.require", "required",
                    "trustpack.policy.mfa.graceDays", "0"));
            TestUsers.TestUser user = TestUsers.create(demo.admin(), "reset", "example.org", Map.of(),
                    List.of(TestUsers.totp("reset-test-secret", "phone")));
            String username = user.username();
            userId = user.id();
            Reply added = realmAdmin.put("/tenants/" + alias + "/members/" + userId, "{}");
            assertThat(added.status()).as(added.body()).isEqualTo(201);

            WebDriver page = browser.driver();
            HostedLogin.forgetSession(page, demo.getBaseUrl());
            page.get(spa.authorizationRequest("openid organization:" + alias).url());
            page.get(demo.getBaseUrl() + "/login-actions/reset-credentials?client_id=" + DemoRealm.SPA_CLIENT);
            HostedLogin.waitFor(page, By.id("username")).sendKeys(username);
            page.findElement(By.id("kc-reset-password-form")).submit();

            String message = smtp.awaitMessage(m -> m.contains(username + "@example.org"), Duration.ofSeconds(20));
            Matcher link = ACTION_LINK.matcher(message);
            assertThat(link.find()).as("a reset link in %s", message).isTrue();
            page.get(link.group(1).replace("&amp;", "&"));
            String newPassword = "Reset-" + UUID.randomUUID();
            HostedLogin.waitFor(page, By.id("password-new")).sendKeys(newPassword);
            page.findElement(By.id("password-confirm")).sendKeys(newPassword);
            page.findElement(By.id("kc-passwd-update-form")).submit();
            assertThat(spa.awaitCallback(Duration.ofSeconds(3))).as("no code straight after the reset").isNull();

            // The app asks again: a fresh login with the new password, then the second factor.
            page.get(spa.authorizationRequest("openid organization:" + alias).url());
            HostedLogin.signIn(page, username, newPassword);
            OtpPage otp = new OtpPage(page);
            otp.assertCurrent();
            assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no code before the second factor").isNull();
        } finally {
            RealmRepresentation restore = demo.admin().toRepresentation();
            restore.setResetPasswordAllowed(before.isResetPasswordAllowed());
            restore.setSmtpServer(before.getSmtpServer() == null ? Map.of() : before.getSmtpServer());
            demo.admin().update(restore);
            if (userId != null) {
                demo.admin().users().delete(userId).close();
            }
            tenants.removeAll();
        }
    }
}
