package dev.trustpack.tenancy.branding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BrandingStoreTest {

    @Test
    @DisplayName("given a long logo, when it is split into numbered parts and read back in any order, then it is whole again")
    void partsRoundTrip() {
        String logo = "data:image/png;base64," + "A".repeat(BrandingRules.MAX_DATA_LOGO_LENGTH - 30);
        List<String> parts = new ArrayList<>(BrandingStore.split(logo));
        assertThat(parts).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(255));
        Collections.shuffle(parts);
        assertThat(BrandingStore.joined(parts)).isEqualTo(logo);
    }

    @Test
    @DisplayName("given parts with a gap or an unnumbered value, when read, then there is no logo")
    void brokenParts() {
        assertThat(BrandingStore.joined(List.of("000:abc", "002:def"))).isNull();
        assertThat(BrandingStore.joined(List.of("https://example.com/logo.png"))).isNull();
    }
}
