package dev.trustpack.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Domains are compared exactly, in their ASCII form")
class DomainNormalizationTest {

    @Test
    @DisplayName("given a domain in any case or in Unicode, when normalised, then it is its lower-case ASCII (IDNA) form")
    void normalForm() {
        assertThat(DefaultTenancyProvider.normalizeDomain("Acme.EXAMPLE")).isEqualTo("acme.example");
        assertThat(DefaultTenancyProvider.normalizeDomain("bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(DefaultTenancyProvider.normalizeDomain("xn--bcher-kva.example")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    @DisplayName("given a trailing dot, empty labels, spaces or characters no host name has, when normalised, then it is no domain")
    void notDomains() {
        for (String domain : new String[] {"acme.example.", ".acme.example", "acme..example", " acme.example",
                "acme.example ", "acme_example.com", "a/b.example", "", "*.acme.example", "acme.example@evil.example"}) {
            assertThat(DefaultTenancyProvider.normalizeDomain(domain)).as("'%s'", domain).isNull();
        }
        assertThat(DefaultTenancyProvider.normalizeDomain(null)).isNull();
    }
}
