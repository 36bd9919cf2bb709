package dev.trustpack.argon2.login;

import java.util.Optional;

import dev.trustpack.argon2.hash.HashingBusy;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The password check of Trustpack's login steps: Keycloak's own check, with one outcome more. When the password could
 * not be checked because the hashing budget was exhausted ({@link HashingBusy}), the login is neither a success nor a
 * failure: the user is told to try again, the event is a {@code LOGIN_ERROR} with error {@value #ERROR} (so the audit
 * trail says why), and brute-force detection counts nothing, because the step answers with a plain challenge instead
 * of a failure.
 */
final class BusyPasswordCheck {

    /** Order of Trustpack's password steps: above Keycloak's (0), so they take the place of its steps of the same id. */
    static final int ORDER = 100;
    /** Authentication category of a password check (brute-force detection keys on it). */
    static final String PASSWORD_CATEGORY = "password";

    /** Error of the {@code LOGIN_ERROR} event of a refused check. */
    static final String ERROR = "password_hashing_busy";
    /** Message key of the login page (theme-resources/messages). */
    static final String MESSAGE = "trustpackPasswordHashingBusy";

    private BusyPasswordCheck() {
    }

    /** What a check of a typed password came to. */
    enum Outcome { VALID, WRONG, BUSY }

    static Outcome check(AuthenticationFlowContext context, UserModel user, String password) {
        if (user.credentialManager().isValid(UserCredentialModel.password(password))) {
            context.getAuthenticationSession().setAuthNote(AuthenticationManager.PASSWORD_VALIDATED, "true");
            return Outcome.VALID;
        }
        return HashingBusy.of(context.getSession()).isPresent() ? Outcome.BUSY : Outcome.WRONG;
    }

    private static String password(MultivaluedMap<String, String> form) {
        return form.getFirst(CredentialRepresentation.PASSWORD);
    }

    /** Records the refusal as an event that says why; the caller answers with a challenge, never a failure. */
    static void recordBusy(AuthenticationFlowContext context, UserModel user) {
        Optional<HashingBusy> busy = HashingBusy.of(context.getSession());
        context.getEvent().user(user)
                .detail(Details.REASON, "password hashing memory budget exhausted; retry after "
                        + busy.map(HashingBusy::retryAfterSeconds).orElse(1) + " s")
                .error(ERROR);
    }

    /** The token endpoint's answer: 503 {@code temporarily_unavailable} with {@code Retry-After}. */
    static Response tokenEndpointAnswer(AuthenticationFlowContext context) {
        int seconds = HashingBusy.of(context.getSession()).map(HashingBusy::retryAfterSeconds).orElse(1);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", Integer.toString(seconds))
                .entity(new OAuth2ErrorRepresentation("temporarily_unavailable",
                        "The server is busy checking passwords; try again in " + seconds + " s"))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /**
     * A wrong password on a login form: the same outcome as Keycloak's own handling (private to its form class) —
     * the error event, the form again with the invalid-credentials message, and a failure brute-force detection counts.
     */
    private static void wrongPassword(AuthenticationFlowContext context, UserModel user, boolean clearUser, Response challenge) {
        context.getEvent().user(user).error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, challenge);
        if (clearUser) {
            context.clearUser();
        }
    }

    /**
     * What a login form lends the check: Keycloak's own handling and its protected helpers. Keycloak's
     * {@code UsernamePasswordForm} and {@code PasswordForm} are two classes, so the decision is written once here and
     * each Trustpack form passes itself.
     */
    interface LoginForm {

        /** Keycloak's own password handling, for what Trustpack does not change (an empty password). */
        boolean keycloakValidatePassword(AuthenticationFlowContext context, UserModel user,
                                         MultivaluedMap<String, String> inputData, boolean clearUser);

        boolean disabledByBruteForce(AuthenticationFlowContext context, UserModel user);

        /** The form again, with this message at the password field. */
        Response passwordChallenge(AuthenticationFlowContext context, String message);

        String invalidCredentialsMessage(AuthenticationFlowContext context);
    }

    /**
     * A login form's password check: valid, or the form again — with "busy, try again" and no failure when the
     * hashing budget was exhausted, with Keycloak's invalid-credentials failure when the password was wrong.
     */
    static boolean validateOnForm(LoginForm form, AuthenticationFlowContext context, UserModel user,
                                  MultivaluedMap<String, String> inputData, boolean clearUser) {
        String password = password(inputData);
        if (password == null || password.isEmpty()) {
            // Nothing is hashed: Keycloak's own handling.
            return form.keycloakValidatePassword(context, user, inputData, clearUser);
        }
        if (form.disabledByBruteForce(context, user)) {
            return false;
        }
        switch (check(context, user, password)) {
            case VALID:
                return true;
            case BUSY:
                recordBusy(context, user);
                context.forceChallenge(form.passwordChallenge(context, MESSAGE));
                break;
            default:
                AuthenticatorUtils.setupReauthenticationInUsernamePasswordFormError(context);
                wrongPassword(context, user, clearUser,
                        form.passwordChallenge(context, form.invalidCredentialsMessage(context)));
                return false;
        }
        if (clearUser) {
            context.clearUser();
        }
        return false;
    }
}
