package dev.trustpack.testproviders.policy;

import java.util.List;
import java.util.Set;

import dev.trustpack.tenancy.policy.FlagField;
import dev.trustpack.tenancy.policy.IntField;
import dev.trustpack.tenancy.policy.LevelField;
import dev.trustpack.tenancy.policy.PolicySection;
import dev.trustpack.tenancy.policy.PolicySectionFactory;
import dev.trustpack.tenancy.policy.SubsetField;

/**
 * A policy section with one field of each kind, contributed exactly as a capability module contributes its own, so
 * the integration tests can exercise the policy document contract before (and independently of) the modules that
 * use it. Test-only: never shipped.
 */
public final class ProbePolicySectionFactory extends PolicySectionFactory {

    public static final LevelField LEVEL = LevelField.of("level", "A level, from off to strict", "off",
            List.of("off", "on", "strict"));
    public static final IntField LIMIT_MINUTES = IntField.lowerIsStricter("limitMinutes", "A limit in minutes", 600, 1,
            1440);
    public static final SubsetField OPTIONS = SubsetField.of("options", "Options allowed", Set.of("x", "y", "z"),
            List.of("x", "y", "z"), Set.of("z"));
    public static final FlagField LOCKED = FlagField.trueIsStricter("locked", "Locked", false);

    public static final PolicySection SECTION = new PolicySection("probe",
            "Test-only section with a field of each kind", List.of(LEVEL, LIMIT_MINUTES, OPTIONS, LOCKED));

    public ProbePolicySectionFactory() {
        super(SECTION);
    }
}
