package dev.trustpack.audit.outbox;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Adds the audit tables to Keycloak's database; Keycloak applies the Liquibase changelog at start-up. */
public final class AuditJpaEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String ID = "trustpack-audit";

    private static final JpaEntityProvider PROVIDER = new JpaEntityProvider() {
        @Override
        public List<Class<?>> getEntities() {
            return List.of(AuditRecordEntity.class, AuditChainEntity.class, SinkStateEntity.class,
                    DeadLetterEntity.class);
        }

        @Override
        public String getChangelogLocation() {
            return "META-INF/trustpack-audit-changelog.xml";
        }

        @Override
        public String getFactoryId() {
            return ID;
        }

        @Override
        public void close() {
        }
    };

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
