package dev.trustpack.mfa.token;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.trustpack.mfa.factor.Factor;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What an SSO session has proven, kept as user-session notes (so refresh tokens keep their {@code amr}, and a later
 * login of the same session knows whether it must step up). Written by the MFA step only, through the
 * authentication session, which Keycloak copies onto the new or the existing SSO session.
 */
public final class MfaSessionNotes {

    /** Ids of the factors proven in this SSO session, comma-separated. */
    public static final String FACTORS = "trustpack.mfa.factors";
    /** The RFC 8176 {@code amr} values of this SSO session's logins, space-separated. */
    public static final String AMR = "trustpack.mfa.amr";

    private static final String PASSWORD_CREDENTIAL = "password";
    private static final String PASSWORD_AMR = "pwd";

    private MfaSessionNotes() {
    }

    /** The factors the current login proved (Keycloak records each credential type an authenticator accepted). */
    public static Set<Factor> provenInLogin(AuthenticationSessionModel authSession) {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        for (String type : AuthenticatorUtil.getAuthnCredentials(authSession)) {
            Factor.byCredentialType(type).ifPresent(factors::add);
        }
        return factors;
    }

    public static Set<Factor> provenInSession(UserSessionModel userSession) {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        if (userSession != null) {
            split(userSession.getNote(FACTORS), ",").forEach(id -> Factor.byId(id).ifPresent(factors::add));
        }
        return factors;
    }

    /** Adds what this login proved to what the SSO session had proven. */
    public static void record(AuthenticationSessionModel authSession, UserSessionModel existing) {
        Set<Factor> factors = provenInSession(existing);
        factors.addAll(provenInLogin(authSession));
        Set<String> amr = new LinkedHashSet<>(existing == null ? List.of() : split(existing.getNote(AMR), " "));
        for (String type : AuthenticatorUtil.getAuthnCredentials(authSession)) {
            if (PASSWORD_CREDENTIAL.equals(type)) {
                amr.add(PASSWORD_AMR);
            }
        }
        factors.forEach(factor -> amr.add(factor.amr()));
        if (factors.size() + (amr.contains(PASSWORD_AMR) ? 1 : 0) >= 2 || factors.contains(Factor.PASSKEY)) {
            amr.add("mfa");
        }
        authSession.setUserSessionNote(FACTORS, String.join(",", factors.stream().map(Factor::id).toList()));
        authSession.setUserSessionNote(AMR, String.join(" ", amr));
    }

    public static List<String> amr(UserSessionModel userSession) {
        return split(userSession.getNote(AMR), " ");
    }

    private static List<String> split(String note, String separator) {
        if (note == null || note.isBlank()) {
            return List.of();
        }
        return Arrays.stream(note.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
