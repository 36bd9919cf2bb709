package dev.trustpack.mfa.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trustpack.mfa.audit.MfaAudit;
import dev.trustpack.mfa.factor.Factor;
import dev.trustpack.mfa.login.ResetGrace;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Turns two Keycloak events into MFA facts: a user removing a second factor ({@code mfa_removed}), and an admin
 * removing a user's second factor (a reset after a lost device: {@code mfa_reset_by_admin}, and a short grace so the
 * user can sign in and set a new one up). Runs in the request's transaction, so the grace and the audit records
 * commit with the removal.
 */
final class MfaEventListener implements EventListenerProvider {

    private static final Pattern CREDENTIAL_PATH = Pattern.compile("^users/([^/]+)/credentials/[^/]+$");

    private final KeycloakSession session;
    private final Duration resetGrace;

    MfaEventListener(KeycloakSession session, Duration resetGrace) {
        this.session = session;
        this.resetGrace = resetGrace;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.REMOVE_CREDENTIAL || event.getDetails() == null) {
            return;
        }
        factor(event.getDetails().get("credential_type")).ifPresent(factor -> MfaAudit.record(session, MfaAudit.REMOVED,
                event.getUserId(), event.getClientId(), null, Map.of(MfaAudit.FACTOR, factor.id())));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getOperationType() != OperationType.ACTION || event.getResourcePath() == null
                || event.getDetails() == null) {
            return;
        }
        Matcher path = CREDENTIAL_PATH.matcher(event.getResourcePath());
        Optional<Factor> factor = factor(event.getDetails().get("credential_type"));
        if (!path.matches() || factor.isEmpty()) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path.group(1));
        if (user == null) {
            return;
        }
        if (!resetGrace.isZero()) {
            ResetGrace.grant(user, Instant.now().plus(resetGrace));
        }
        String admin = event.getAuthDetails() == null ? "" : String.valueOf(event.getAuthDetails().getUserId());
        MfaAudit.record(session, MfaAudit.RESET_BY_ADMIN, user.getId(), null, null, Map.of(MfaAudit.FACTOR,
                factor.get().id(), MfaAudit.ADMIN, admin, MfaAudit.GRACE_HOURS, String.valueOf(resetGrace.toHours())));
    }

    private static Optional<Factor> factor(String credentialType) {
        return credentialType == null ? Optional.empty() : Factor.byCredentialType(credentialType).filter(Factor::enrollable);
    }

    @Override
    public void close() {
    }
}
