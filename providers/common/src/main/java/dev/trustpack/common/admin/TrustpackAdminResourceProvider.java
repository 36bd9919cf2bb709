package dev.trustpack.common.admin;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * A Trustpack module's admin REST resource, mounted at {@code /admin/realms/{realm}/trustpack/{id}} where
 * {@code id} is the id of its factory (for example {@code tenants}). The caller's token has been validated by
 * Keycloak, but nothing more: the resource authorizes every request itself.
 */
public interface TrustpackAdminResourceProvider extends Provider {

    Object resource(RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent);

    @Override
    default void close() {
    }
}
