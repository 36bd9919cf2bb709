package dev.trustpack.argon2;

import dev.trustpack.common.admin.TrustpackAdminResourceFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
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
    public void init(Config.Scope config) {
        runtime = Argon2Runtime.get();
    }

    @Override
    protected Object resource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new UsersAdminResource(session, realm, auth, adminEvent, runtime);
    }
}
