package dev.trustpack.mfa.removal;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.mfa.factor.Factor;
import dev.trustpack.mfa.factor.FactorCounts;
import dev.trustpack.tenancy.TenancyProvider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Keycloak 26.7.3 still serves the deprecated {@code DELETE /realms/{realm}/account/credentials/{id}}: it needs only
 * {@code manage-account} and an {@code acr} claim, no recent sign-in. For a second factor this filter adds what the
 * account console's own path has: the last sign-in within {@code max_auth_age} of the realm's
 * {@code delete_credential} action (default 300 s), else 403; and the last accepted factor of a user whose policy
 * requires MFA is never removed (409). Everything else passes to Keycloak unchanged.
 */
@Provider
public final class DeprecatedCredentialDeleteFilter implements ContainerRequestFilter {

    private static final Pattern PATH = Pattern.compile("^/?realms/([^/]+)/account/credentials/([^/]+)/?$");
    private static final int DEFAULT_MAX_AUTH_AGE = 300;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"DELETE".equals(request.getMethod())) {
            return;
        }
        Matcher path = PATH.matcher(request.getUriInfo().getPath());
        if (!path.matches()) {
            return;
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        RealmModel realm = session == null ? null : session.realms().getRealmByName(path.group(1));
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm)
                .authenticate();
        if (auth == null) {
            return;
        }
        UserModel user = auth.user();
        CredentialModel credential = user.credentialManager().getStoredCredentialById(path.group(2));
        Optional<Factor> factor = credential == null ? Optional.empty() : Factor.byCredentialType(credential.getType());
        if (factor.isEmpty()) {
            return;
        }
        Long authTime = authTime(auth);
        int maxAge = maxAuthAge(realm);
        if (authTime == null || Time.currentTime() - authTime > maxAge) {
            request.abortWith(error(Response.Status.FORBIDDEN, "Removing a second factor needs a sign-in within the "
                    + "last " + maxAge + " seconds: sign in again, then retry"));
            return;
        }
        MfaRequirement requirement = MfaRequirement.of(session.getProvider(TenancyProvider.class).policies().ofUser(user));
        FactorRemoval.refusal(requirement, FactorCounts.of(user), factor)
                .ifPresent(reason -> request.abortWith(error(Response.Status.CONFLICT, reason)));
    }

    /**
     * When the user last signed in: the token's {@code auth_time}; else the session's record of it (Keycloak writes
     * it at each browser authentication; tokens of clients without the {@code basic} scope carry no
     * {@code auth_time}); else when the session started (a password grant makes a new session, so that is its sign-in,
     * and it is never later than the real one). Null when nothing says: then the removal is refused.
     */
    private static Long authTime(AuthenticationManager.AuthResult auth) {
        if (auth.token().getAuth_time() != null) {
            return auth.token().getAuth_time();
        }
        if (auth.session() == null) {
            return null;
        }
        String note = auth.session().getNote(AuthenticationManager.AUTH_TIME);
        try {
            return note == null ? (long) auth.session().getStarted() : Long.valueOf(note);
        } catch (NumberFormatException e) {
            return (long) auth.session().getStarted();
        }
    }

    private static int maxAuthAge(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias("delete_credential");
        String value = config == null ? null : config.getConfigValue("max_auth_age");
        try {
            return value == null ? DEFAULT_MAX_AUTH_AGE : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_AUTH_AGE;
        }
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("errorMessage", message)).build();
    }
}
