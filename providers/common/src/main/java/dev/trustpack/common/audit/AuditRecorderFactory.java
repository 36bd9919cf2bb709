package dev.trustpack.common.audit;

import org.keycloak.provider.ProviderFactory;

public interface AuditRecorderFactory extends ProviderFactory<AuditRecorder> {
}
