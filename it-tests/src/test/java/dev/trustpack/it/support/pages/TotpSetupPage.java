package dev.trustpack.it.support.pages;

import org.openqa.selenium.WebDriver;

/** Keycloak's "Mobile Authenticator Setup" page (required action CONFIGURE_TOTP). */
public final class TotpSetupPage extends LoginPage {

    public TotpSetupPage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "login-config-totp.ftl";
    }

    /** The key as the page shows it to a user who cannot scan the QR code ("Unable to scan?"), spaces removed. */
    public String shownSecret() {
        byId("mode-manual").click();
        assertCurrent();
        return byId("kc-totp-secret-key").getText().replace(" ", "").strip();
    }

    public void submit(String code, String deviceName) {
        byId("totp").sendKeys(code);
        byId("userLabel").sendKeys(deviceName);
        byId("saveTOTPBtn").click();
    }
}
