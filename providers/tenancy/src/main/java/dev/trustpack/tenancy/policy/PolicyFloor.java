package dev.trustpack.tenancy.policy;

import java.util.ArrayList;
import java.util.List;

import dev.trustpack.common.error.TrustpackException;

/**
 * The rule for tenant admins: every value they set must be at least as strict as the realm floor at the same place.
 * For a role section the floor includes the realm's section for that role. Unset values are always allowed (they
 * inherit the floor).
 */
public final class PolicyFloor {

    private PolicyFloor() {
    }

    /** The values of {@code tenantDocument} that are looser than the floor, each naming its field; empty if none. */
    public static List<TrustpackException.Problem> looser(PolicyCatalog catalog, PolicyDocument realmDocument,
                                                          PolicyDocument tenantDocument) {
        List<TrustpackException.Problem> looser = new ArrayList<>();
        for (PolicyPath path : tenantDocument.paths()) {
            catalog.field(path).ifPresent(field -> check(catalog, field, path, realmDocument, tenantDocument, looser));
        }
        return looser;
    }

    private static <T> void check(PolicyCatalog catalog, PolicyField<T> field, PolicyPath path,
                                  PolicyDocument realmDocument, PolicyDocument tenantDocument,
                                  List<TrustpackException.Problem> looser) {
        PolicySection section = catalog.section(path.section()).orElseThrow();
        List<String> roles = path.isRole() ? List.of(path.role()) : List.of();
        T floor = EffectivePolicy.merge(catalog, realmDocument, null, roles).value(section, field);
        T candidate = field.cast(tenantDocument.value(path).orElseThrow());
        if (!field.isAtLeastAsStrictAs(candidate, floor)) {
            looser.add(new TrustpackException.Problem(path.toString(), path + ": " + field.show(candidate)
                    + " is looser than the realm floor " + field.show(floor) + "; tenant admins may only tighten ("
                    + field.expectation() + ")"));
        }
    }
}
