package dev.trustpack.common.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ErrorRepresentation;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * The one mapping from {@link TrustpackException} to HTTP, for every Trustpack REST resource: the kind's status,
 * Keycloak's error body ({@code errorMessage}, plus {@code field} and {@code errors} when the input had several
 * problems), and, like Keycloak's own error handler, the request's transaction marked for rollback.
 */
@Provider
public final class TrustpackExceptionMapper implements ExceptionMapper<TrustpackException> {

    @Override
    public Response toResponse(TrustpackException exception) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session != null) {
            session.getTransactionManager().setRollbackOnly();
        }
        ErrorRepresentation body = new ErrorRepresentation(exception.field(), exception.getMessage(), null);
        if (exception.problems().size() > 1) {
            body.setErrors(exception.problems().stream()
                    .map(problem -> new ErrorRepresentation(problem.field(), problem.message(), null))
                    .toList());
        }
        return Response.status(exception.kind().status()).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
