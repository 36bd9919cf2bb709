package dev.trustpack.audit.sink;

import org.keycloak.component.ComponentFactory;

/** Factory of one kind of {@link AuditSink}; registered in {@code META-INF/services/dev.trustpack.audit.sink.AuditSinkFactory}. */
public interface AuditSinkFactory extends ComponentFactory<AuditSink, AuditSink> {
}
