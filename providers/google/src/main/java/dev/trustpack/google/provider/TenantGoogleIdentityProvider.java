package dev.trustpack.google.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.trustpack.google.decision.Admission;
import dev.trustpack.google.decision.GoogleRefusal;
import dev.trustpack.google.decision.IdTokenChecks;
import dev.trustpack.google.login.GoogleLogin;
import dev.trustpack.google.login.Refusals;
import dev.trustpack.google.policy.GooglePolicy;
import dev.trustpack.google.audit.GoogleAudit;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.authentication.ClientAuthenticationFlowContext;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.JWTAuthorizationGrantValidationContext;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.social.google.GoogleIdentityProvider;
import org.keycloak.social.google.GoogleIdentityProviderConfig;

/**
 * Keycloak's Google provider, made safe to share between the tenants of a realm. On top of Keycloak's checks it
 * always verifies the ID token's signature against Google's JWKS, accepts only Google's two issuer spellings, needs
 * {@code azp} with several audiences, bounds {@code exp}/{@code iat}, uses each nonce once, refuses
 * {@code email_verified} other than true, and picks the tenant from the token's {@code hd} alone (a verified
 * organization domain, exact match). What the admin console lets a realm admin set cannot turn any of that off.
 */
public final class TenantGoogleIdentityProvider extends GoogleIdentityProvider {

    /** Keycloak keeps the expected nonce as this client note, and the token's as this context-data key. */
    private static final String BROKER_NONCE = "BROKER_NONCE";

    private static final String NONCE_KEY_PREFIX = "trustpack.google.nonce.";

    /** A nonce is remembered at least as long as a token carrying it could be accepted. */
    private static final long NONCE_MEMORY_SECONDS = IdTokenChecks.MAX_LIFETIME_SECONDS + IdTokenChecks.MAX_SKEW_SECONDS;

    public TenantGoogleIdentityProvider(KeycloakSession session, GoogleIdentityProviderConfig config,
                                        GoogleEndpoints endpoints) {
        super(session, config);
        endpoints.applyTo(config);
        config.setValidateSignature(true);
        config.setUseJwksUrl(true);
        config.setIssuer(String.join(",", IdTokenChecks.GOOGLE_ISSUERS));
        config.setDisableNonce(false);
        // Keycloak's list check would accept anything for "*" and send a comma list verbatim; the tenant rule replaces it.
        config.setHostedDomain(null);
        config.setLoginHint(true);
        config.setSupportsClientAssertions(false);
        // email_verified=true is required below, so an account created from the token has a verified address.
        config.setTrustEmail(true);
    }

    @Override
    protected UriBuilder createAuthorizationUrl(AuthenticationRequest request) {
        UriBuilder uri = super.createAuthorizationUrl(request);
        AuthenticationSessionModel authSession = request.getAuthenticationSession();
        String hint = authSession == null ? null : authSession.getAuthNote(GoogleLogin.HD_HINT_NOTE);
        if (hint != null) {
            uri.queryParam("hd", hint);
        } else if (!tenancy().policies().realm().value(GooglePolicy.SECTION, GooglePolicy.PERSONAL_ACCOUNTS)) {
            // Google then offers Workspace accounts only. A hint for the chooser, never a check: the token's hd is.
            uri.queryParam("hd", "*");
        }
        return uri;
    }

    @Override
    protected JsonWebToken validateToken(String encodedToken, boolean ignoreAudience) {
        if (ignoreAudience) {
            return super.validateToken(encodedToken, true);
        }
        Optional<JsonWebToken> unverified = unverifiedClaims(encodedToken);
        // Which account the refused token claims to be, marked as unverified: useful in the trail, proof of nothing.
        Map<String, String> details = new LinkedHashMap<>();
        unverified.ifPresent(token -> details.put(GoogleAudit.GOOGLE_SUB, token.getSubject()));
        details.put(GoogleAudit.TOKEN_VERIFIED, "false");
        Optional<GoogleRefusal> claimProblem = unverified.map(TenantGoogleIdentityProvider::claimsOf)
                .flatMap(claims -> IdTokenChecks.check(claims, getConfig().getClientId(), Time.currentTime()));
        if (claimProblem.isPresent()) {
            throw refuse(claimProblem.get(), null, details);
        }
        try {
            return super.validateToken(encodedToken, false);
        } catch (IdentityBrokerException e) {
            throw refuse(GoogleRefusal.TOKEN_INVALID, null, details);
        }
    }

    /** Every other failure of the token response (userinfo disagreeing with the ID token, no token) refused alike. */
    @Override
    public BrokeredIdentityContext getFederatedIdentity(String response) {
        try {
            return super.getFederatedIdentity(response);
        } catch (IdentityBrokerException e) {
            throw refuse(GoogleRefusal.TOKEN_INVALID, null, Map.of(GoogleAudit.TOKEN_VERIFIED, "false"));
        }
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, BrokeredIdentityContext context) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        JsonWebToken idToken = (JsonWebToken) context.getContextData().get(VALIDATED_ID_TOKEN);
        if (authSession == null || idToken == null) {
            throw refuse(GoogleRefusal.GRANT_NOT_SUPPORTED, null, Map.of());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put(GoogleAudit.GOOGLE_SUB, idToken.getSubject());
        Object hdClaim = idToken.getOtherClaims().get("hd");
        String hd = hdClaim instanceof String text ? text : null;
        details.put(GoogleAudit.HD, hd);
        Object email = idToken.getOtherClaims().get("email");
        details.put(GoogleAudit.EMAIL, email instanceof String text ? text : null);
        try {
            super.preprocessFederatedIdentity(session, realm, context);
        } catch (IdentityBrokerException | ErrorResponseException e) {
            throw refuse(GoogleRefusal.NONCE, null, details);
        }
        String nonce = (String) context.getContextData().get(BROKER_NONCE);
        authSession.removeClientNote(BROKER_NONCE);
        if (nonce == null || !session.singleUseObjects().putIfAbsent(NONCE_KEY_PREFIX + nonce, NONCE_MEMORY_SECONDS)) {
            throw refuse(GoogleRefusal.NONCE, null, details);
        }
        if (hdClaim != null && hd == null) {
            throw refuse(GoogleRefusal.TOKEN_INVALID, null, details);
        }
        TenancyProvider tenancy = tenancy();
        Optional<Tenant> hdTenant = hd == null ? Optional.empty() : tenancy.tenantByVerifiedDomain(hd);
        boolean tenantAllows = hdTenant.map(tenant -> tenancy.policies().of(tenant)
                .value(GooglePolicy.SECTION, GooglePolicy.ALLOWED)).orElse(false);
        boolean personalAllowed = tenancy.policies().realm().value(GooglePolicy.SECTION, GooglePolicy.PERSONAL_ACCOUNTS);
        Object emailVerified = idToken.getOtherClaims().get("email_verified");
        Admission.Result admission = Admission.decide(hd, hdTenant, tenantAllows, personalAllowed,
                emailVerified instanceof Boolean flag ? flag : null);
        if (!admission.admitted()) {
            throw refuse(admission.refusal().orElseThrow(), hdTenant.map(Tenant::alias).orElse(null), details);
        }
        context.getContextData().put(GoogleLogin.HD, hd == null ? "" : hd);
        context.getContextData().put(GoogleLogin.HD_TENANT, admission.tenant().map(Tenant::id).orElse(GoogleLogin.NO_TENANT));
    }

    @Override
    protected boolean supportsExternalExchange() {
        return false;
    }

    @Override
    protected BrokeredIdentityContext exchangeExternalImpl(EventBuilder event, MultivaluedMap<String, String> params) {
        // A token from elsewhere has no nonce of ours and no login page to refuse on: no hd rule could hold.
        throw new IdentityBrokerException("The Trustpack Google provider accepts browser sign-ins only");
    }

    @Override
    public BrokeredIdentityContext validateAuthorizationGrantAssertion(
            JWTAuthorizationGrantValidationContext context) {
        throw new IdentityBrokerException("The Trustpack Google provider accepts browser sign-ins only");
    }

    @Override
    public boolean verifyClientAssertion(ClientAuthenticationFlowContext context) {
        return false;
    }

    private WebApplicationException refuse(GoogleRefusal reason, String tenantAlias, Map<String, String> details) {
        return Refusals.refuse(session, session.getContext().getAuthenticationSession(), getConfig().getAlias(),
                reason, tenantAlias, details);
    }

    private TenancyProvider tenancy() {
        return session.getProvider(TenancyProvider.class);
    }

    /** The claims, read before the signature is checked only to say which check failed; empty if unreadable. */
    private static Optional<JsonWebToken> unverifiedClaims(String encodedToken) {
        if (encodedToken == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JWSInput(encodedToken).readJsonContent(JsonWebToken.class));
        } catch (JWSInputException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static IdTokenChecks.Claims claimsOf(JsonWebToken token) {
        String[] audiences = token.getAudience();
        return new IdTokenChecks.Claims(token.getIssuer(), audiences == null ? List.of() : List.of(audiences),
                token.getIssuedFor(), token.getExp(), token.getIat());
    }
}
