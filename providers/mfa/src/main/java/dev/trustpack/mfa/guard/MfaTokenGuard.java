package dev.trustpack.mfa.guard;

import java.time.Instant;
import java.util.Set;

import dev.trustpack.mfa.decision.MfaDecision;
import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.mfa.factor.Factor;
import dev.trustpack.mfa.factor.FactorInventory;
import dev.trustpack.mfa.login.GraceStart;
import dev.trustpack.mfa.login.LegacyExemption;
import dev.trustpack.mfa.login.ResetGrace;
import dev.trustpack.mfa.token.MfaSessionNotes;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.policy.EffectivePolicy;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.protocol.oidc.grants.ciba.clientpolicy.context.BackchannelTokenResponseContext;
import org.keycloak.protocol.oidc.grants.device.clientpolicy.context.DeviceTokenResponseContext;
import org.keycloak.services.clientpolicy.context.JWTAuthorizationGrantContext;
import org.keycloak.services.clientpolicy.context.ResourceOwnerPasswordCredentialsResponseContext;
import org.keycloak.services.clientpolicy.context.TokenExchangeRequestContext;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.context.TokenResponseContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * The backstop behind the login steps: at the token endpoint, no grant mints a token for an SSO session that has not
 * met the MFA policy of its user (in the token's tenant, or the strictest of all their tenants when the token has
 * none). It covers the paths that never run the browser flow's MFA step — CIBA, the JWT authorization grant, token
 * exchange, a client whose flow override lacks the step — and refresh after a policy tightened. A session in a
 * running grace period passes; one whose grace never started (no MFA step ever ran for the user) does not.
 *
 * <p>It only ever refuses, so reading the session id of a token exchange's subject token before Keycloak verifies
 * it is safe: a forged token can make it refuse, never accept.
 */
final class MfaTokenGuard implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    static final String DESCRIPTION = "Multi-factor authentication is required for this account and this session "
            + "has not completed it: sign in again through the browser";

    private final KeycloakSession session;

    MfaTokenGuard(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return MfaTokenGuardFactory.ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case TOKEN_RESPONSE -> {
                TokenResponseContext response = (TokenResponseContext) context;
                check(response.getClientSession().getUserSession(), response.getAccessTokenResponseBuilder().getAccessToken(),
                        response.getClient(), false);
            }
            case TOKEN_REFRESH_RESPONSE -> {
                TokenRefreshResponseContext response = (TokenRefreshResponseContext) context;
                check(response.getClientSession().getUserSession(), response.getAccessTokenResponseBuilder().getAccessToken(),
                        response.getClientSession().getClient(), true);
            }
            case DEVICE_TOKEN_RESPONSE -> {
                DeviceTokenResponseContext response = (DeviceTokenResponseContext) context;
                check(response.getClientSession().getUserSession(), response.getAccessTokenResponseBuilder().getAccessToken(),
                        response.getClientSession().getClient(), false);
            }
            case BACKCHANNEL_TOKEN_RESPONSE -> {
                BackchannelTokenResponseContext response = (BackchannelTokenResponseContext) context;
                check(response.getClientSessionContext().getClientSession().getUserSession(),
                        response.getAccessTokenResponseBuilder().getAccessToken(),
                        response.getClientSessionContext().getClientSession().getClient(), false);
            }
            case RESOURCE_OWNER_PASSWORD_CREDENTIALS_RESPONSE -> {
                ResourceOwnerPasswordCredentialsResponseContext response = (ResourceOwnerPasswordCredentialsResponseContext) context;
                check(response.getClientSessionContext().getClientSession().getUserSession(),
                        response.getAccessTokenResponseBuilder().getAccessToken(),
                        response.getClientSessionContext().getClientSession().getClient(), true);
            }
            case TOKEN_EXCHANGE_REQUEST -> checkExchange((TokenExchangeRequestContext) context);
            case JWT_AUTHORIZATION_GRANT -> checkJwtGrant((JWTAuthorizationGrantContext) context);
            default -> {
            }
        }
    }

    /**
     * @param exemptionApplies whether a legacy client's exemption counts here: for its password grants and their
     *                         refreshes only, never for tokens another client obtains from that session
     */
    private void check(UserSessionModel userSession, AccessToken token, ClientModel client, boolean exemptionApplies)
            throws ClientPolicyException {
        if (userSession == null || userSession.getUser() == null) {
            return;
        }
        if (exemptionApplies && LegacyExemption.of(client)) {
            return;
        }
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        Tenant tenant = token == null ? null : tenancy.tokenTenant(token).orElse(null);
        refuseUnlessMet(userSession.getUser(), tenant, MfaSessionNotes.provenInSession(userSession));
    }

    private void checkExchange(TokenExchangeRequestContext context) throws ClientPolicyException {
        AccessToken subject = unverified(context.getTokenExchangeContext().getParams().getSubjectToken());
        if (subject == null || subject.getSessionId() == null) {
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        UserSessionModel userSession = session.sessions().getUserSession(realm, subject.getSessionId());
        if (userSession == null) {
            userSession = session.sessions().getOfflineUserSession(realm, subject.getSessionId());
        }
        check(userSession, subject, context.getClient(), false);
    }

    private void checkJwtGrant(JWTAuthorizationGrantContext context) throws ClientPolicyException {
        JsonWebToken assertion = context.getAuthorizationGrantContext().getJWT();
        if (assertion == null || assertion.getSubject() == null) {
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        UserModel user = session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(context.getIdentityProviderAlias(), assertion.getSubject(), null));
        if (user != null) {
            // The grant makes a new session from an outside assertion: nothing in it is proven here.
            refuseUnlessMet(user, null, Set.of());
        }
    }

    private void refuseUnlessMet(UserModel user, Tenant tenant, Set<Factor> proven) throws ClientPolicyException {
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        EffectivePolicy policy = tenant != null ? tenancy.policies().of(tenant, user) : tenancy.policies().ofUser(user);
        MfaRequirement requirement = MfaRequirement.of(policy);
        if (!requirement.required()) {
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        MfaDecision decision = MfaDecision.decide(requirement, new MfaDecision.Facts(FactorInventory.enrolled(user),
                proven, FactorInventory.available(realm), GraceStart.of(user), Instant.now(), false,
                ResetGrace.until(user)));
        boolean met = decision instanceof MfaDecision.Pass
                || (decision instanceof MfaDecision.Offer offer && !offer.startsGrace());
        if (!met) {
            throw new ClientPolicyException("invalid_grant", DESCRIPTION);
        }
    }

    private static AccessToken unverified(String token) {
        if (token == null) {
            return null;
        }
        try {
            return new JWSInput(token).readJsonContent(AccessToken.class);
        } catch (JWSInputException | RuntimeException e) {
            return null;
        }
    }
}
