package dev.trustpack.standin;

import java.util.List;

/**
 * Who the next login at the stand-in is, and how its ID token is made: by default exactly as Google makes one
 * (issuer {@code https://accounts.google.com}, audience and {@code azp} the client id, the request's nonce, an hour of
 * validity, signed with the key the JWKS publishes). Each {@code with...} method changes one thing, so a test states
 * the one way its token differs from Google's.
 *
 * @param sub           Google's stable account id
 * @param email         the account's address
 * @param emailVerified the {@code email_verified} claim; null leaves it out
 * @param hd            the Workspace domain; null for a personal account
 * @param name          the display name
 * @param issuer        the {@code iss} claim
 * @param audience      the {@code aud} claim; null means the requesting client id
 * @param azp           the {@code azp} claim; null means the requesting client id, "" leaves it out
 * @param lifetimeSeconds seconds from {@code iat} to {@code exp}; 0 leaves {@code exp} out
 * @param issuedAgoSeconds how long ago {@code iat} is (negative: in the future)
 * @param nonce         the nonce claim; null echoes the authorization request's
 * @param rogueKey      signs with a key the JWKS does not publish (under the published key id)
 */
public record StandInLogin(String sub, String email, Boolean emailVerified, String hd, String name, String issuer,
                           List<String> audience, String azp, long lifetimeSeconds, long issuedAgoSeconds, String nonce,
                           boolean rogueKey) {

    public static final String GOOGLE_ISSUER = "https://accounts.google.com";

    /** A Google Workspace account of the domain. */
    public static StandInLogin workspace(String sub, String email, String hd) {
        return new StandInLogin(sub, email, true, hd, displayName(email), GOOGLE_ISSUER, null, null, 3600, 0, null,
                false);
    }

    /** A personal (consumer) Google account: no {@code hd}. */
    public static StandInLogin personal(String sub, String email) {
        return workspace(sub, email, null);
    }

    public StandInLogin withEmail(String newEmail) {
        return new StandInLogin(sub, newEmail, emailVerified, hd, name, issuer, audience, azp, lifetimeSeconds,
                issuedAgoSeconds, nonce, rogueKey);
    }

    public StandInLogin withEmailVerified(Boolean verified) {
        return new StandInLogin(sub, email, verified, hd, name, issuer, audience, azp, lifetimeSeconds,
                issuedAgoSeconds, nonce, rogueKey);
    }

    public StandInLogin withHd(String newHd) {
        return new StandInLogin(sub, email, emailVerified, newHd, name, issuer, audience, azp, lifetimeSeconds,
                issuedAgoSeconds, nonce, rogueKey);
    }

    public StandInLogin withIssuer(String newIssuer) {
        return new StandInLogin(sub, email, emailVerified, hd, name, newIssuer, audience, azp, lifetimeSeconds,
                issuedAgoSeconds, nonce, rogueKey);
    }

    public StandInLogin withAudience(List<String> newAudience, String newAzp) {
        return new StandInLogin(sub, email, emailVerified, hd, name, issuer, List.copyOf(newAudience), newAzp,
                lifetimeSeconds, issuedAgoSeconds, nonce, rogueKey);
    }

    /** A token issued {@code agoSeconds} ago that lived {@code lifetime} seconds (expired when ago > lifetime). */
    public StandInLogin withTimes(long agoSeconds, long lifetime) {
        return new StandInLogin(sub, email, emailVerified, hd, name, issuer, audience, azp, lifetime, agoSeconds,
                nonce, rogueKey);
    }

    public StandInLogin withNonce(String fixedNonce) {
        return new StandInLogin(sub, email, emailVerified, hd, name, issuer, audience, azp, lifetimeSeconds,
                issuedAgoSeconds, fixedNonce, rogueKey);
    }

    public StandInLogin signedWithRogueKey() {
        return new StandInLogin(sub, email, emailVerified, hd, name, issuer, audience, azp, lifetimeSeconds,
                issuedAgoSeconds, nonce, true);
    }

    private static String displayName(String email) {
        int at = email.indexOf('@');
        String local = at > 0 ? email.substring(0, at) : email;
        return local.isEmpty() ? "Google user" : Character.toUpperCase(local.charAt(0)) + local.substring(1);
    }
}
