package dev.trustpack.tenancy.branding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.trustpack.tenancy.Tenant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Branding lives in the tenant's organization attributes, {@code trustpack.branding.<field>}. Keycloak stores an
 * attribute value in at most 255 characters, so a logo is kept as numbered parts ({@code 000:...}, {@code 001:...}).
 * Values are checked again when read: attributes can also be edited in the admin console, and a value that does not
 * validate is left out (the realm's branding shows instead) and reported.
 */
public final class BrandingStore {

    public static final String ATTRIBUTE_PREFIX = "trustpack.branding.";
    static final int PART_LENGTH = 250;
    private static final int MAX_PARTS = (BrandingRules.MAX_DATA_LOGO_LENGTH + PART_LENGTH - 1) / PART_LENGTH;

    private BrandingStore() {
    }

    /** The tenant's branding as stored, with the names of the fields whose stored value did not validate. */
    public record Stored(TenantBranding branding, List<String> invalid) {
    }

    public static Stored read(OrganizationModel organization) {
        Map<String, List<String>> attributes = organization.getAttributes();
        List<String> invalid = new ArrayList<>();
        String name = one(attributes, TenantBranding.DISPLAY_NAME, BrandingRules::displayName, invalid);
        String colour = one(attributes, TenantBranding.ACCENT_COLOR, BrandingRules::accentColor, invalid);
        String logo = null;
        List<String> parts = attributes.get(ATTRIBUTE_PREFIX + TenantBranding.LOGO);
        if (parts != null && !parts.isEmpty()) {
            logo = check(joined(parts), BrandingRules::logo, TenantBranding.LOGO, invalid);
        }
        return new Stored(new TenantBranding(name, logo, colour), List.copyOf(invalid));
    }

    /** Replaces every branding attribute; the values must have passed {@link BrandingRules}. */
    public static void write(OrganizationModel organization, TenantBranding branding) {
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        put(attributes, TenantBranding.DISPLAY_NAME, branding.displayName() == null ? null : List.of(branding.displayName()));
        put(attributes, TenantBranding.ACCENT_COLOR, branding.accentColor() == null ? null : List.of(branding.accentColor()));
        put(attributes, TenantBranding.LOGO, branding.logo() == null ? null : split(branding.logo()));
        organization.setAttributes(attributes);
    }

    /**
     * The tenant's name as its login pages show it: the branding's display name if one is set and valid, else the
     * tenant's (organization) name. Every page text that names the tenant uses this, so a page never names it twice
     * in two ways.
     */
    public static String shownName(KeycloakSession session, Tenant tenant) {
        OrganizationModel organization = session.getProvider(OrganizationProvider.class).getById(tenant.id());
        return (organization == null ? TenantBranding.NONE : read(organization).branding()).shownName(tenant);
    }

    static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (int start = 0, index = 0; start < value.length(); start += PART_LENGTH, index++) {
            parts.add(String.format("%03d:%s", index, value.substring(start, Math.min(value.length(), start + PART_LENGTH))));
        }
        return parts;
    }

    /** The parts in their numbered order; null if they are not a complete numbered sequence. */
    static String joined(List<String> parts) {
        if (parts.size() > MAX_PARTS) {
            return null;
        }
        List<String> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.naturalOrder());
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            String part = sorted.get(i);
            if (part.length() < 4 || !part.startsWith(String.format("%03d:", i))) {
                return null;
            }
            value.append(part, 4, part.length());
        }
        return value.toString();
    }

    private static String one(Map<String, List<String>> attributes, String field, UnaryOperator<String> rule,
                              List<String> invalid) {
        List<String> values = attributes.get(ATTRIBUTE_PREFIX + field);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return check(values.size() == 1 ? values.get(0) : null, rule, field, invalid);
    }

    private static String check(String value, UnaryOperator<String> rule, String field, List<String> invalid) {
        try {
            if (value != null) {
                return rule.apply(value);
            }
        } catch (BrandingRules.BrandingValueException e) {
            // reported below
        }
        invalid.add(field);
        return null;
    }

    private static void put(Map<String, List<String>> attributes, String field, List<String> values) {
        if (values == null) {
            attributes.remove(ATTRIBUTE_PREFIX + field);
        } else {
            attributes.put(ATTRIBUTE_PREFIX + field, values);
        }
    }
}
