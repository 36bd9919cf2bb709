package dev.trustpack.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Trustpack release a provider jar belongs to, as reported in Keycloak's server info. */
public final class TrustpackVersion {

    /** Reported when a class is loaded from a folder (IDE, unit tests) rather than a packaged jar. */
    public static final String UNPACKAGED = "unpackaged";

    private TrustpackVersion() {
    }

    /** The {@code Implementation-Version} of the jar that holds {@code anyClassOfTheModule}. */
    public static String of(Class<?> anyClassOfTheModule) {
        String version = anyClassOfTheModule.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? UNPACKAGED : version;
    }

    /**
     * Operational info for {@code ServerInfoAwareProviderFactory}: the Trustpack version first, then the
     * provider's effective settings (never secrets).
     */
    public static Map<String, String> operationalInfo(Class<?> factoryClass, Map<String, String> effectiveSettings) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("trustpack-version", of(factoryClass));
        info.putAll(effectiveSettings);
        return info;
    }
}
