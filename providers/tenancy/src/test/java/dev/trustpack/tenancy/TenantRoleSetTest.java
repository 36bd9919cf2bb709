package dev.trustpack.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustpack.common.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

class TenantRoleSetTest {

    @Test
    void parsesRolesInOrderAndTheAdminSubset() {
        TenantRoleSet set = TenantRoleSet.parse(" Owner, Admin ,Manager,Viewer", "Owner,Admin");
        assertThat(set.roles()).containsExactly("Owner", "Admin", "Manager", "Viewer");
        assertThat(set.adminRoles()).containsExactly("Owner", "Admin");
        assertThat(set.defines("Viewer")).isTrue();
        assertThat(set.defines("viewer")).as("role names are case-sensitive").isFalse();
        assertThat(set.isAdminRole("Manager")).isFalse();
        assertThat(set.rank("Owner")).isZero();
        assertThat(set.rank("Viewer")).isEqualTo(3);
        assertThat(set.rank("Unknown")).isEqualTo(Integer.MAX_VALUE);
        assertThat(set.describe()).isEqualTo("Owner, Admin, Manager, Viewer");
    }

    @Test
    void seed003RolesWork() {
        TenantRoleSet set = TenantRoleSet.parse("Administrator,Coach,Client,Sponsor", "Administrator");
        assertThat(set.roles()).hasSize(4);
        assertThat(set.adminRoles()).containsExactly("Administrator");
    }

    @Test
    void adminRolesMayBeEmpty() {
        assertThat(TenantRoleSet.parse("Member", "").adminRoles()).isEmpty();
        assertThat(TenantRoleSet.parse("Member", null).adminRoles()).isEmpty();
    }

    @Test
    void refusalsNameTheAttributeAndTheValue() {
        assertThatThrownBy(() -> TenantRoleSet.parse("", ""))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value for 'trustpack.tenant-roles': at least one tenant role is required");
        assertThatThrownBy(() -> TenantRoleSet.parse("Owner,Super User", ""))
                .hasMessageStartingWith("Invalid value for 'trustpack.tenant-roles': 'Super User' is not a role name");
        assertThatThrownBy(() -> TenantRoleSet.parse("Owner,owner", ""))
                .hasMessage("Invalid value for 'trustpack.tenant-roles': 'owner' is listed twice");
        assertThatThrownBy(() -> TenantRoleSet.parse("Owner,Viewer", "Admin"))
                .hasMessage("Invalid value for 'trustpack.tenant-admin-roles': 'Admin' is not one of the tenant roles "
                        + "Owner, Viewer");
        assertThatThrownBy(() -> TenantRoleSet.parse("Owner,,Viewer", ""))
                .hasMessageContaining("'' is not a role name");
    }

    @Test
    void theNumberOfRolesIsBounded() {
        String fiftyOne = String.join(",", java.util.stream.IntStream.range(0, 51).mapToObj(i -> "R" + i).toList());
        assertThatThrownBy(() -> TenantRoleSet.parse(fiftyOne, "")).hasMessageContaining("at most 50");
    }
}
