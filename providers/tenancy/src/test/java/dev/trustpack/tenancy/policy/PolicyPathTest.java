package dev.trustpack.tenancy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Policy paths and the attribute keys that store them")
class PolicyPathTest {

    @Test
    @DisplayName("given a role name with dots, when its key is read back, then the role, section and field are the same")
    void dottedRoleNames() {
        PolicyPath path = PolicyPath.ofRole("Team.Lead", "example", "graceDays");

        assertThat(path.attributeKey()).isEqualTo("trustpack.policy.roles.Team.Lead.example.graceDays");
        assertThat(PolicyPath.ofAttributeKey(path.attributeKey())).contains(path);
        assertThat(path).hasToString("roles.Team.Lead.example.graceDays");
    }

    @Test
    @DisplayName("given keys that name no section and field, when read, then they are not paths")
    void malformedKeys() {
        for (String key : new String[] {"trustpack.policy.", "trustpack.policy.example", "trustpack.policy.a.b.c",
                "trustpack.policy.roles.Owner.example", "trustpack.policy.example.", "other.key"}) {
            assertThat(PolicyPath.ofAttributeKey(key)).as(key).isEmpty();
        }
    }
}
