package dev.trustpack.it.support.pages;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Keycloak's "Recovery code #n" page. */
public final class RecoveryCodePage extends LoginPage {

    private static final Pattern NUMBER = Pattern.compile("#(\\d+)");

    public RecoveryCodePage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "login-recovery-authn-code-input.ftl";
    }

    /** Which of the user's codes the page asks for (1-based). */
    public int requestedNumber() {
        String label = browser.findElement(By.cssSelector("label[for='recoveryCodeInput']")).getText();
        Matcher matcher = NUMBER.matcher(label);
        if (!matcher.find()) {
            throw new AssertionError("No code number in '" + label + "'");
        }
        return Integer.parseInt(matcher.group(1));
    }

    public void submit(String code) {
        byId("recoveryCodeInput").sendKeys(code);
        byId("kc-login").click();
    }
}
