package dev.trustpack.sessions.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trustpack.sessions.enforce.SessionNotes;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

/**
 * Caps {@code exp} of access and ID tokens at the moment their SSO session ends if it is not used again (its idle or
 * its maximum time, whichever comes first): a stateless token cannot be recalled, so none may outlive its session.
 * Offline tokens are left alone (they follow the realm's offline settings).
 *
 * <p>The tokens also say what the limits are ({@value #LIMITS_CLAIM}: {@code idle} and {@code max} in seconds, the
 * stricter of Trustpack's and the realm's own, and {@code ends_by}, the epoch second the maximum ends the session), so
 * an app can tell its user how long the session has left: until {@code min(ends_by, last use + idle)}.
 */
public final class SessionExpiryMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper {

    public static final String ID = "trustpack-sessions-expiry";
    public static final String LIMITS_CLAIM = "session_limits";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: token expiry within the session";
    }

    @Override
    public String getHelpText() {
        return "Caps exp of access and ID tokens at the end of their SSO session (Trustpack session timeouts) and adds "
                + "the session's limits as the claim " + LIMITS_CLAIM + ".";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    /** After every other mapper, so nothing sets exp again after it. */
    @Override
    public int getPriority() {
        return 1000;
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mappingModel,
                                            KeycloakSession session, UserSessionModel userSession,
                                            ClientSessionContext clientSessionCtx) {
        cap(token, userSession);
        return token;
    }

    @Override
    public IDToken transformIDToken(IDToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
                                    UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        cap(token, userSession);
        return token;
    }

    private static void cap(IDToken token, UserSessionModel userSession) {
        if (userSession == null || userSession.isOffline()) {
            return;
        }
        // Issuing a token is a use of the session: it ends at the earlier of its maximum and now plus its idle time.
        SessionNotes.limits(userSession).ifPresent(limits -> {
            long end = limits.endsAt(userSession.getStarted(), Time.currentTime());
            if (token.getExp() == null || token.getExp() > end) {
                token.exp(end);
            }
            RealmModel realm = userSession.getRealm();
            long idle = stricter(limits.idleSeconds(), realm.getSsoSessionIdleTimeout());
            long max = stricter(limits.maxSeconds(), realm.getSsoSessionMaxLifespan());
            Map<String, Long> claim = new LinkedHashMap<>();
            claim.put("idle", idle);
            claim.put("max", max);
            claim.put("ends_by", userSession.getStarted() + max);
            token.setOtherClaims(LIMITS_CLAIM, claim);
        });
    }

    /** A realm value of 0 is Keycloak's "not set". */
    private static long stricter(long trustpack, int realmSeconds) {
        return realmSeconds > 0 ? Math.min(trustpack, realmSeconds) : trustpack;
    }
}
