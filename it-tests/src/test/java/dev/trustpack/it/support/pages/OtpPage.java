package dev.trustpack.it.support.pages;

import org.openqa.selenium.WebDriver;

/** Keycloak's one-time code page (OTP form). */
public final class OtpPage extends LoginPage {

    public OtpPage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "login-otp.ftl";
    }

    public void submit(String code) {
        byId("otp").clear();
        byId("otp").sendKeys(code);
        byId("kc-login").click();
    }
}
