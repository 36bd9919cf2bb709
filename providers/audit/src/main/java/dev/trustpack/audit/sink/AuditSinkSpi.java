package dev.trustpack.audit.sink;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * SPI {@code trustpack-audit-sink}. Sinks are realm components: {@code providerType} is
 * {@code dev.trustpack.audit.sink.AuditSink}, {@code providerId} is {@code trustpack-webhook} or
 * {@code trustpack-syslog}.
 */
public final class AuditSinkSpi implements Spi {

    public static final String NAME = "trustpack-audit-sink";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return AuditSink.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return AuditSinkFactory.class;
    }
}
