package dev.trustpack.tenancy.branding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrandingRulesTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13};

    static String dataUrl(String type, byte[] image) {
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(image);
    }

    @Nested
    @DisplayName("given a display name")
    class Name {

        @Test
        @DisplayName("when it is plain text, then it is kept, trimmed")
        void plain() {
            assertThat(BrandingRules.displayName("  Tom & Jerry's Café  ")).isEqualTo("Tom & Jerry's Café");
        }

        @ParameterizedTest
        @ValueSource(strings = {"<b>Acme</b>", "Acme<script>alert(1)</script>", "a>b", "", "   ", "Acme\u0000", "Ac\nme",
                "\u202eemcA", "Acme ${termsText}"})
        @DisplayName("when it holds markup, a message reference, control or bidi-override characters or nothing, then it is "
                + "refused naming the field")
        void refused(String value) {
            assertThatThrownBy(() -> BrandingRules.displayName(value))
                    .isInstanceOf(BrandingRules.BrandingValueException.class)
                    .hasMessageStartingWith("displayName ");
        }

        @Test
        @DisplayName("when it is longer than 100 characters, then it is refused")
        void tooLong() {
            assertThatThrownBy(() -> BrandingRules.displayName("x".repeat(101))).hasMessageContaining("1 to 100");
        }
    }

    @Nested
    @DisplayName("given an accent colour")
    class Colour {

        @Test
        @DisplayName("when it is #rgb or #rrggbb, then it is kept as lowercase #rrggbb")
        void hex() {
            assertThat(BrandingRules.accentColor("#C2410C")).isEqualTo("#c2410c");
            assertThat(BrandingRules.accentColor("#0Af")).isEqualTo("#00aaff");
        }

        @ParameterizedTest
        @ValueSource(strings = {"red", "#12345", "#1234567", "#12345g", "#fff;} body{display:none", "#fff\n}",
                "rgb(1,2,3)", "#fff /**/", "var(--x)", " #ffffff"})
        @DisplayName("when it is anything else (a name, a function, CSS breaking out), then it is refused")
        void refused(String value) {
            assertThatThrownBy(() -> BrandingRules.accentColor(value)).hasMessageStartingWith("accentColor ");
        }
    }

    @Nested
    @DisplayName("given a logo")
    class Logo {

        @Test
        @DisplayName("when it is an https URL with safe characters, then it is kept")
        void https() {
            String url = "https://cdn.example.com/brand/logo.png?v=2&size=64#x";
            assertThat(BrandingRules.logo(url)).isEqualTo(url);
        }

        @Test
        @DisplayName("when it is a small data URL holding the image type it declares, then it is kept")
        void data() {
            String url = dataUrl("image/png", PNG);
            assertThat(BrandingRules.logo(url)).isEqualTo(url);
        }

        @ParameterizedTest
        @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", "http://example.com/logo.png",
                "https://example.com/logo.png\");} body{background:red", "https://example.com/a b.png",
                "https://example.com/a'b.png", "https://example.com/a(b).png", "https://example.com/a\\b.png",
                "https://user:pw@example.com/logo.png", "https:///logo.png", "//example.com/logo.png",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+",
                "data:image/png,rawdata", "data:image/png;base64,!!!", "https://exämple.com/logo.png", ""})
        @DisplayName("when it is another scheme, breaks out of a CSS url() or is not an image, then it is refused")
        void refused(String value) {
            assertThatThrownBy(() -> BrandingRules.logo(value)).hasMessageStartingWith("logo ");
        }

        @Test
        @DisplayName("when a data URL declares PNG but holds something else, then it is refused")
        void wrongContent() {
            assertThatThrownBy(() -> BrandingRules.logo(dataUrl("image/png", "<svg onload=alert(1)>".getBytes())))
                    .hasMessageContaining("does not hold a image/png image");
        }

        @Test
        @DisplayName("when a data URL is over the size bound, then it is refused, naming the bound")
        void oversized() {
            byte[] big = new byte[7000];
            System.arraycopy(PNG, 0, big, 0, PNG.length);
            assertThatThrownBy(() -> BrandingRules.logo(dataUrl("image/png", big)))
                    .hasMessageContaining("at most " + BrandingRules.MAX_DATA_LOGO_LENGTH + " characters");
        }
    }
}
