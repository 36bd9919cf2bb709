package dev.trustpack.tenancy.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.trustpack.common.error.TrustpackException;

/**
 * The rule for tenant admins: they may tighten their tenant's policy, never loosen it. Every value they store must be
 * at least as strict as the realm floor at the same place (for a role section: the floor with the realm's section
 * for that role) and as the value stored there now; removing a stored value that is stricter than the floor is
 * loosening too. Loosening a tenant's policy is a realm administrator's decision.
 */
public final class PolicyFloor {

    private PolicyFloor() {
    }

    /**
     * The places where {@code candidate} would loosen the tenant's policy, each naming its field; empty if none.
     *
     * @param current the tenant's document as stored now (a stored value that does not validate counts as the
     *                field's strictest, so only the strictest value may replace it)
     */
    public static List<TrustpackException.Problem> looser(PolicyCatalog catalog, PolicyDocument realmDocument,
                                                          PolicyDocument current, PolicyDocument candidate) {
        Set<PolicyPath> paths = new LinkedHashSet<>(candidate.paths());
        paths.addAll(current.paths());
        paths.addAll(current.invalidStored().keySet());
        List<TrustpackException.Problem> looser = new ArrayList<>();
        for (PolicyPath path : paths) {
            catalog.field(path).ifPresent(field -> check(catalog, field, path, realmDocument, current, candidate, looser));
        }
        return looser;
    }

    private static <T> void check(PolicyCatalog catalog, PolicyField<T> field, PolicyPath path,
                                  PolicyDocument realmDocument, PolicyDocument current, PolicyDocument candidate,
                                  List<TrustpackException.Problem> looser) {
        PolicySection section = catalog.section(path.section()).orElseThrow();
        List<String> roles = path.isRole() ? List.of(path.role()) : List.of();
        T floor = EffectivePolicy.merge(catalog, realmDocument, null, roles).value(section, field);
        T now = current.invalidStored().containsKey(path) ? field.strictest()
                : current.value(path).map(field::cast).orElse(null);
        T wanted = candidate.value(path).map(field::cast).orElse(null);
        String advice = "; tenant admins may only tighten their tenant's policy, a realm administrator may loosen it";
        if (wanted == null) {
            if (now != null && !field.isAtLeastAsStrictAs(floor, now)) {
                looser.add(new TrustpackException.Problem(path.toString(), path + ": removing " + field.show(now)
                        + " would loosen it to the realm floor " + field.show(floor) + advice));
            }
            return;
        }
        if (!field.isAtLeastAsStrictAs(wanted, floor)) {
            looser.add(new TrustpackException.Problem(path.toString(), path + ": " + field.show(wanted)
                    + " is looser than the realm floor " + field.show(floor) + advice));
        } else if (now != null && !field.isAtLeastAsStrictAs(wanted, now)) {
            looser.add(new TrustpackException.Problem(path.toString(), path + ": " + field.show(wanted)
                    + " is looser than the current value " + field.show(now) + advice));
        }
    }

    /** The roles whose sections differ between two documents (a tenant admin changes only roles ranked below them). */
    public static Set<String> rolesChanged(PolicyDocument current, PolicyDocument candidate) {
        Set<String> roles = new LinkedHashSet<>();
        Set<PolicyPath> paths = new LinkedHashSet<>(candidate.paths());
        paths.addAll(current.paths());
        paths.addAll(current.invalidStored().keySet());
        for (PolicyPath path : paths) {
            if (path.isRole() && (!candidate.value(path).equals(current.value(path))
                    || current.invalidStored().containsKey(path))) {
                roles.add(path.role());
            }
        }
        return roles;
    }
}
