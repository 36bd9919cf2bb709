package dev.trustpack.google.decision;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of a Google ID token's claims that Keycloak's OIDC provider leaves out or makes optional: both issuer
 * spellings Google documents and no other, the audience with {@code azp} when there are several, and {@code exp} and
 * {@code iat} present and within a bounded skew. The signature and the nonce are checked elsewhere; these run on
 * every token whatever the provider's configuration says.
 */
public final class IdTokenChecks {

    public static final Set<String> GOOGLE_ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");

    /** Google's ID tokens live an hour; anything claiming much longer was not made by Google. */
    public static final long MAX_LIFETIME_SECONDS = 2 * 3600;

    /** Clock difference tolerated between Google and this server. */
    public static final long MAX_SKEW_SECONDS = 60;

    /**
     * @param audiences the {@code aud} values (empty if absent)
     * @param exp       epoch seconds, or null if absent
     * @param iat       epoch seconds, or null if absent
     */
    public record Claims(String issuer, List<String> audiences, String azp, Long exp, Long iat) {
    }

    private IdTokenChecks() {
    }

    /** The first check the claims fail, or empty. */
    public static Optional<GoogleRefusal> check(Claims claims, String clientId, long now) {
        if (claims.issuer() == null || !GOOGLE_ISSUERS.contains(claims.issuer())) {
            return Optional.of(GoogleRefusal.WRONG_ISSUER);
        }
        if (clientId == null || !claims.audiences().contains(clientId)) {
            return Optional.of(GoogleRefusal.WRONG_AUDIENCE);
        }
        boolean azpRequired = claims.audiences().size() > 1;
        if ((azpRequired && claims.azp() == null) || (claims.azp() != null && !claims.azp().equals(clientId))) {
            return Optional.of(GoogleRefusal.WRONG_AUDIENCE);
        }
        if (claims.exp() == null || claims.iat() == null) {
            return Optional.of(GoogleRefusal.TOKEN_TIME);
        }
        if (now > claims.exp() + MAX_SKEW_SECONDS || claims.iat() > now + MAX_SKEW_SECONDS
                || claims.exp() <= claims.iat() || claims.exp() - claims.iat() > MAX_LIFETIME_SECONDS) {
            return Optional.of(GoogleRefusal.TOKEN_TIME);
        }
        return Optional.empty();
    }
}
