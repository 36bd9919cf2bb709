package dev.trustpack.tenancy.login;

import java.util.List;

/**
 * One sentence the login page's footer says about what is enforced: a message key of the theme bundles and its
 * parameters: text (escaped where shown) or numbers (for the bundles' plural choices).
 */
public record LoginFact(String messageKey, List<Object> parameters) {

    public LoginFact {
        parameters = List.copyOf(parameters);
    }

    public static LoginFact of(String messageKey, Object... parameters) {
        return new LoginFact(messageKey, List.of(parameters));
    }
}
