package dev.trustpack.it.support.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Trustpack's "Verify it's you" page: which of the user's factors to use. */
public final class MfaVerifyPage extends LoginPage {

    public MfaVerifyPage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "trustpack-mfa-verify.ftl";
    }

    /** The sentence naming the rule that asks for a second factor (the application, or a policy level). */
    public String rule() {
        return byId("trustpack-mfa-rule").getText().strip();
    }

    public String notice() {
        return byId("trustpack-mfa-verify-help").getText().strip();
    }

    public List<String> factors() {
        return browser.findElements(By.cssSelector("#trustpack-mfa-factors button")).stream()
                .map(button -> button.getAttribute("value")).toList();
    }

    public void choose(String factor) {
        byId("verify-" + factor).click();
    }
}
