package dev.trustpack.tenancy.admin;

import jakarta.persistence.FlushModeType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * For a request or job that only reads many members. Left at Hibernate's AUTO flush mode, every query Keycloak makes
 * for a member (its credentials, groups, the organization checks its user cache runs) first dirty-checks everything
 * the transaction has loaded so far, so a page of members costs in the square of its size: a 10,000-member MFA report
 * did not finish in 13 minutes, and most of a 100-member page went there (docs/performance.md). Anything written is
 * still flushed at commit.
 */
public final class ReadOnlyReads {

    private ReadOnlyReads() {
    }

    public static void flushOnlyAtCommit(KeycloakSession session) {
        session.getProvider(JpaConnectionProvider.class).getEntityManager().setFlushMode(FlushModeType.COMMIT);
    }
}
