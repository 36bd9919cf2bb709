package dev.trustpack.common.audit;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@code trustpack-audit-recorder}: how Trustpack modules add their own events to the audit trail. */
public final class AuditRecorderSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "trustpack-audit-recorder";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return AuditRecorder.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return AuditRecorderFactory.class;
    }
}
