package dev.trustpack.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantScopeTest {

    @Test
    void noOrganizationScopeOrPlainOrganizationLeavesTheChoiceToMemberships() {
        assertThat(TenantScope.parse(null).kind()).isEqualTo(TenantScope.Kind.UNSPECIFIED);
        assertThat(TenantScope.parse("openid profile").kind()).isEqualTo(TenantScope.Kind.UNSPECIFIED);
        assertThat(TenantScope.parse("openid organization").kind()).isEqualTo(TenantScope.Kind.UNSPECIFIED);
    }

    @Test
    void organizationWithAnAliasAsksForThatTenant() {
        TenantScope.Request request = TenantScope.parse("openid  organization:acme email");
        assertThat(request.kind()).isEqualTo(TenantScope.Kind.SPECIFIC);
        assertThat(request.alias()).isEqualTo("acme");
        assertThat(TenantScope.parse("organization organization:acme").alias()).isEqualTo("acme");
        assertThat(TenantScope.parse("organization:acme organization:acme").alias()).isEqualTo("acme");
    }

    @Test
    void everyTenantOrSeveralTenantsAreRefused() {
        assertThat(TenantScope.parse("openid organization:*").kind()).isEqualTo(TenantScope.Kind.INVALID);
        TenantScope.Request two = TenantScope.parse("organization:acme organization:globex");
        assertThat(two.kind()).isEqualTo(TenantScope.Kind.INVALID);
        assertThat(two.problem()).contains("one tenant");
        assertThat(TenantScope.parse("organization:").kind()).isEqualTo(TenantScope.Kind.INVALID);
    }

    @Test
    void withTenantReplacesEveryOrganizationScopeAndKeepsTheRest() {
        assertThat(TenantScope.withTenant("openid organization profile", "acme"))
                .isEqualTo("openid profile organization:acme");
        assertThat(TenantScope.withTenant("openid organization:globex", "acme")).isEqualTo("openid organization:acme");
        assertThat(TenantScope.withTenant(null, "acme")).isEqualTo("organization:acme");
        assertThat(TenantScope.withoutTenant("openid organization:acme email")).isEqualTo("openid email");
    }

    @Test
    void aScopeLikeButNotEqualToOrganizationIsNotATenantRequest() {
        assertThat(TenantScope.parse("organizations organization_acme").kind()).isEqualTo(TenantScope.Kind.UNSPECIFIED);
        assertThat(TenantScope.withTenant("organizations", "acme")).isEqualTo("organizations organization:acme");
    }
}
