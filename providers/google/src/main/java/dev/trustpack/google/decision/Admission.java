package dev.trustpack.google.decision;

import java.util.Optional;

import dev.trustpack.tenancy.Tenant;

/**
 * Which tenant a verified Google identity signs in under, decided from the ID token's {@code hd} alone (never a
 * request parameter, never the email's domain): the tenant that owns it as a verified domain, if that tenant allows
 * Google; no tenant for a personal account or a domain no tenant owns, only where the realm allows personal accounts.
 */
public final class Admission {

    /** The outcome: a tenant (empty for a personal account let in without one), or a refusal. */
    public record Result(Optional<Tenant> tenant, Optional<GoogleRefusal> refusal) {

        static Result admit(Tenant tenant) {
            return new Result(Optional.ofNullable(tenant), Optional.empty());
        }

        static Result refuse(GoogleRefusal reason) {
            return new Result(Optional.empty(), Optional.of(reason));
        }

        public boolean admitted() {
            return refusal.isEmpty();
        }
    }

    private Admission() {
    }

    /**
     * @param hd              the token's {@code hd}, or null
     * @param hdTenant        the tenant owning {@code hd} as a verified domain (exact match), if any
     * @param tenantAllows    the {@code google.allowed} of that tenant (ignored without one)
     * @param personalAllowed the realm floor's {@code google.personalAccounts}
     * @param emailVerified   the token's {@code email_verified}; anything but true refuses
     */
    public static Result decide(String hd, Optional<Tenant> hdTenant, boolean tenantAllows, boolean personalAllowed,
                                Boolean emailVerified) {
        if (!Boolean.TRUE.equals(emailVerified)) {
            return Result.refuse(GoogleRefusal.EMAIL_UNVERIFIED);
        }
        if (hdTenant.isPresent()) {
            return tenantAllows ? Result.admit(hdTenant.get()) : Result.refuse(GoogleRefusal.NOT_ALLOWED);
        }
        if (personalAllowed) {
            return Result.admit(null);
        }
        return Result.refuse(hd == null ? GoogleRefusal.PERSONAL_ACCOUNT : GoogleRefusal.UNKNOWN_DOMAIN);
    }
}
