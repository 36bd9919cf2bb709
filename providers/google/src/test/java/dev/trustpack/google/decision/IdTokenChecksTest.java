package dev.trustpack.google.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IdTokenChecksTest {

    private static final String CLIENT = "ours.apps.googleusercontent.com";
    private static final long NOW = 1_800_000_000L;

    private static IdTokenChecks.Claims google() {
        return new IdTokenChecks.Claims("https://accounts.google.com", List.of(CLIENT), CLIENT, NOW + 3000, NOW - 600);
    }

    private static java.util.Optional<GoogleRefusal> check(IdTokenChecks.Claims claims) {
        return IdTokenChecks.check(claims, CLIENT, NOW);
    }

    @Test
    @DisplayName("Given a token as Google makes it, when checked, then it passes")
    void googleToken() {
        assertThat(check(google())).isEmpty();
        assertThat(check(new IdTokenChecks.Claims("accounts.google.com", List.of(CLIENT), null, NOW + 3000, NOW - 600)))
                .as("the issuer without scheme, no azp with one audience").isEmpty();
    }

    @Nested
    @DisplayName("Given a token whose issuer")
    class Issuer {

        @Test
        @DisplayName("is another, a look-alike or missing, when checked, then it is refused as the wrong issuer")
        void wrong() {
            for (String issuer : new String[] {"https://accounts.google.com.evil.test", "http://accounts.google.com",
                    "https://accounts.google.com/", "https://ACCOUNTS.google.com", null}) {
                IdTokenChecks.Claims claims = new IdTokenChecks.Claims(issuer, List.of(CLIENT), CLIENT, NOW + 10, NOW);
                assertThat(check(claims)).as(String.valueOf(issuer)).contains(GoogleRefusal.WRONG_ISSUER);
            }
        }
    }

    @Nested
    @DisplayName("Given a token whose audience")
    class Audience {

        @Test
        @DisplayName("does not name our client, when checked, then it is refused")
        void otherClient() {
            assertThat(check(new IdTokenChecks.Claims("https://accounts.google.com", List.of("theirs"), "theirs",
                    NOW + 10, NOW))).contains(GoogleRefusal.WRONG_AUDIENCE);
        }

        @Test
        @DisplayName("names several clients and no azp, when checked, then it is refused")
        void severalWithoutAzp() {
            assertThat(check(new IdTokenChecks.Claims("https://accounts.google.com", List.of(CLIENT, "theirs"), null,
                    NOW + 10, NOW))).contains(GoogleRefusal.WRONG_AUDIENCE);
        }

        @Test
        @DisplayName("is ours but azp names another client, when checked, then it is refused")
        void otherAzp() {
            assertThat(check(new IdTokenChecks.Claims("https://accounts.google.com", List.of(CLIENT, "theirs"), "theirs",
                    NOW + 10, NOW))).contains(GoogleRefusal.WRONG_AUDIENCE);
        }
    }

    @Nested
    @DisplayName("Given a token whose times")
    class Times {

        @Test
        @DisplayName("have expired beyond the skew, when checked, then it is refused")
        void expired() {
            assertThat(check(new IdTokenChecks.Claims("https://accounts.google.com", List.of(CLIENT), CLIENT,
                    NOW - IdTokenChecks.MAX_SKEW_SECONDS - 1, NOW - 3600))).contains(GoogleRefusal.TOKEN_TIME);
        }

        @Test
        @DisplayName("expired within the skew, when checked, then it passes")
        void withinSkew() {
            assertThat(check(new IdTokenChecks.Claims("https://accounts.google.com", List.of(CLIENT), CLIENT,
                    NOW - 30, NOW - 3630))).isEmpty();
        }

        @Test
        @DisplayName("are missing, issued in the future or live too long, when checked, then it is refused")
        void malformed() {
            assertThat(check(new IdTokenChecks.Claims("https://accounts.google.com", List.of(CLIENT), CLIENT, null, NOW)))
                    .contains(GoogleRefusal.TOKEN_TIME);
            assertThat(check(new IdTokenChecks.Claims("https://accounts.google.com", List.of(CLIENT), CLIENT, NOW + 10,
                    null))).contains(GoogleRefusal.TOKEN_TIME);
            assertThat(check(new IdTokenChecks.Claims("https://accounts.google.com", List.of(CLIENT), CLIENT, NOW + 4000,
                    NOW + 300))).contains(GoogleRefusal.TOKEN_TIME);
            assertThat(check(new IdTokenChecks.Claims("https://accounts.google.com", List.of(CLIENT), CLIENT,
                    NOW + 30 * 24 * 3600, NOW))).contains(GoogleRefusal.TOKEN_TIME);
        }
    }
}
