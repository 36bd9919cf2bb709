package dev.trustpack.tenancy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.branding.TenantBranding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TenantBrandingResourceTest {

    @Nested
    @DisplayName("given a PUT body")
    class Body {

        @Test
        @DisplayName("when every field is valid, then all are taken, normalised; left-out fields are removed")
        void valid() {
            assertThat(TenantBrandingResource.parse("{\"displayName\":\" Acme \",\"accentColor\":\"#ABC\"}"))
                    .isEqualTo(new TenantBranding("Acme", null, "#aabbcc"));
            assertThat(TenantBrandingResource.parse("{}")).isEqualTo(TenantBranding.NONE);
        }

        @Test
        @DisplayName("when several fields are invalid, then it is refused as a whole, naming each field")
        void invalid() {
            assertThatThrownBy(() -> TenantBrandingResource.parse(
                    "{\"displayName\":\"<script>\",\"logo\":\"javascript:alert(1)\",\"accentColor\":7,\"css\":\"x\"}"))
                    .isInstanceOfSatisfying(TrustpackException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TrustpackException.Kind.INVALID);
                        assertThat(e.problems()).extracting(TrustpackException.Problem::field)
                                .containsExactlyInAnyOrder("css", "displayName", "logo", "accentColor");
                    });
        }

        @Test
        @DisplayName("when it is not a JSON object or too large, then 400 or 413, never a server error")
        void malformed() {
            assertThatThrownBy(() -> TenantBrandingResource.parse("[1]")).hasMessageContaining("JSON object");
            assertThatThrownBy(() -> TenantBrandingResource.parse("{\"displayName\":")).hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> TenantBrandingResource.parse(""))
                    .isInstanceOfSatisfying(TrustpackException.class,
                            e -> assertThat(e.kind()).isEqualTo(TrustpackException.Kind.INVALID));
            assertThatThrownBy(() -> TenantBrandingResource.parse("{\"logo\":\"" + "a".repeat(17 * 1024) + "\"}"))
                    .isInstanceOfSatisfying(TrustpackException.class,
                            e -> assertThat(e.kind()).isEqualTo(TrustpackException.Kind.TOO_LARGE));
        }
    }
}
