package dev.trustpack.argon2.importer;

import dev.trustpack.argon2.hash.Argon2Runtime;
import dev.trustpack.common.admin.TrustpackAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link UsersAdminResource} at {@code /admin/realms/{realm}/trustpack/users}. */
public final class UsersAdminResourceFactory extends TrustpackAdminResourceFactory {

    public static final String ID = "users";

    private Argon2Runtime runtime;

    public UsersAdminResourceFactory() {
        super(ID);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        runtime = Argon2Runtime.of(factory);
    }

    @Override
    protected Object resource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new UsersAdminResource(session, realm, auth, adminEvent, runtime);
    }
}
