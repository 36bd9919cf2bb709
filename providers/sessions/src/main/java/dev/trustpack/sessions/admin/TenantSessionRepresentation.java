package dev.trustpack.sessions.admin;

import java.util.List;

/**
 * One SSO session a member used for the tenant. Times are epoch milliseconds; the limits are those recorded on the
 * session (the strictest of every tenant it was used for), null where the realm's own limits apply (remember-me).
 *
 * @param endsAt when it ends if it is not used again
 */
public record TenantSessionRepresentation(String id, String userId, String username, String ipAddress, long start,
                                          long lastAccess, List<String> clients, Long idleMinutes, Long maxHours,
                                          Long endsAt) {
}
