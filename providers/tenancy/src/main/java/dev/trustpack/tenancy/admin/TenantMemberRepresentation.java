package dev.trustpack.tenancy.admin;

import java.util.List;

import org.keycloak.models.UserModel;

/** A member of a tenant with their roles in it. */
public record TenantMemberRepresentation(String id, String username, String email, boolean emailVerified,
                                         String firstName, String lastName, boolean enabled, List<String> roles) {

    static TenantMemberRepresentation of(UserModel user, List<String> roles) {
        return new TenantMemberRepresentation(user.getId(), user.getUsername(), user.getEmail(),
                user.isEmailVerified(), user.getFirstName(), user.getLastName(), user.isEnabled(), roles);
    }
}
