package dev.trustpack.tenancy.branding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BrandingStylesheetTest {

    @Nested
    @DisplayName("given an accent colour")
    class Accent {

        @Test
        @DisplayName("when white text on it is readable (4.5:1), then it is used as it is")
        void dark() {
            assertThat(BrandingStylesheet.readableOnWhiteText("#6d28d9")).isEqualTo("#6d28d9");
        }

        @Test
        @DisplayName("when it is too light for white text, then a darker shade with at least 4.5:1 is used")
        void light() {
            String shade = BrandingStylesheet.readableOnWhiteText("#ffeb3b");
            assertThat(shade).isNotEqualTo("#ffeb3b");
            assertThat(BrandingStylesheet.contrastWithWhite(BrandingStylesheet.rgb(shade)))
                    .isGreaterThanOrEqualTo(BrandingStylesheet.MIN_CONTRAST);
        }
    }

    @Test
    @DisplayName("given a logo and a colour, when rendered, then the sheet sets only the theme's variables")
    void render() {
        String css = BrandingStylesheet.render(new TenantBranding("Acme", "https://cdn.example.com/logo.png", "#c2410c"));
        assertThat(css).contains("--trustpack-accent: #c2410c;", "--trustpack-tenant-logo: url(\"https://cdn.example.com/logo.png\");")
                .doesNotContain("Acme");
    }

    @Test
    @DisplayName("given branding, when the logo or the colour changes, then the stylesheet's version changes; the name does not count")
    void version() {
        TenantBranding one = new TenantBranding("Acme", null, "#c2410c");
        assertThat(one.styleVersion()).isEqualTo(new TenantBranding("Other", null, "#c2410c").styleVersion())
                .isNotEqualTo(new TenantBranding("Acme", null, "#c2410d").styleVersion());
    }
}
