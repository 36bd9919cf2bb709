package dev.trustpack.tenancy;

import dev.trustpack.common.error.TrustpackException;

/**
 * A tenancy operation that cannot be done as asked (unknown tenant, a role that is not defined, a change that would
 * leave a tenant without an owner). Its {@link Kind} decides the HTTP answer when it reaches the admin REST API.
 */
public final class TenancyException extends TrustpackException {

    private static final long serialVersionUID = 1L;

    public TenancyException(Kind kind, String message) {
        super(kind, message);
    }
}
