package dev.trustpack.audit.listener;

import java.util.List;

import dev.trustpack.tenancy.login.LoginFact;
import dev.trustpack.tenancy.login.LoginFactContext;
import dev.trustpack.tenancy.login.LoginFactProviderFactory;

/** The login footer says sign-ins are audited only where the realm runs the audit listener. */
public final class AuditLoginFacts extends LoginFactProviderFactory {

    public static final String MESSAGE = "trustpackFactAudit";

    public AuditLoginFacts() {
        super("trustpack-audit");
    }

    @Override
    protected List<LoginFact> facts(LoginFactContext context) {
        boolean audited = context.realm().getEventsListenersStream().anyMatch(AuditEventListenerFactory.ID::equals);
        return audited ? List.of(LoginFact.of(MESSAGE)) : List.of();
    }
}
