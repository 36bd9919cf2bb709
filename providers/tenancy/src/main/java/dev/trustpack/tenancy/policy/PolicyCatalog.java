package dev.trustpack.tenancy.policy;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sections the installed modules contribute, by name, in name order. */
public final class PolicyCatalog {

    private final Map<String, PolicySection> sections = new LinkedHashMap<>();

    public PolicyCatalog(Collection<PolicySection> sections) {
        sections.stream().sorted(Comparator.comparing(PolicySection::name))
                .forEach(section -> this.sections.put(section.name(), section));
    }

    public List<PolicySection> sections() {
        return List.copyOf(sections.values());
    }

    public Optional<PolicySection> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /** "mfa, sessions", or "none (no module that contributes a section is installed)". */
    public String describe() {
        return sections.isEmpty() ? "none (no module that contributes a section is installed)"
                : String.join(", ", sections.keySet());
    }

    /** The field a path names, if its section is installed and defines it. */
    public Optional<PolicyField<?>> field(PolicyPath path) {
        return section(path.section()).flatMap(section -> section.field(path.field()));
    }
}
