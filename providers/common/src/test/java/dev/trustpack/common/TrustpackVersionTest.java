package dev.trustpack.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TrustpackVersionTest {

    @Test
    void classesLoadedFromAFolderReportUnpackaged() {
        assertThat(TrustpackVersion.of(TrustpackVersionTest.class)).isEqualTo(TrustpackVersion.UNPACKAGED);
    }

    @Test
    void operationalInfoStartsWithTheVersionAndKeepsSettingOrder() {
        Map<String, String> info = TrustpackVersion.operationalInfo(TrustpackVersionTest.class,
                Map.of("memory-kib", "19456"));
        assertThat(info).containsExactly(Map.entry("trustpack-version", TrustpackVersion.UNPACKAGED),
                Map.entry("memory-kib", "19456"));
    }
}
