package dev.trustpack.google.decision;

/**
 * Whether a new Google identity may be linked to an existing local account with the same email without asking the
 * account holder to prove it (docs/google.md, "Linking"). Automatic only when every condition holds:
 * <ul>
 *   <li>the token's {@code hd} is a verified domain of a tenant (a realm admin verified that the tenant controls the
 *       domain, so the tenant's Google Workspace is the authority for every mailbox in it),</li>
 *   <li>the local account is a member of that tenant (so it is that tenant's account, not a stranger's with an
 *       address at the domain),</li>
 *   <li>the local account's email is verified and equals the token's email (which Google verified),</li>
 * </ul>
 * Whoever controls such a mailbox can already reset the local password by email; the link gives them nothing more.
 * In every other case the account holder confirms and re-authenticates. An email match alone never links.
 */
public final class LinkRule {

    public enum Outcome { AUTOMATIC, PROVE_ACCOUNT }

    private LinkRule() {
    }

    public static Outcome decide(boolean hdIsVerifiedTenantDomain, boolean localIsMemberOfThatTenant,
                                 boolean localEmailVerified, boolean emailsEqual) {
        return hdIsVerifiedTenantDomain && localIsMemberOfThatTenant && localEmailVerified && emailsEqual
                ? Outcome.AUTOMATIC : Outcome.PROVE_ACCOUNT;
    }
}
