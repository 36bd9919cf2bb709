package dev.trustpack.tenancy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which organization id an alias named when last looked up, per realm. Keycloak caches organizations by id but looks
 * one up by alias with a database query each time, and a refresh grant of a tenant-bound session asks for its tenant
 * by alias four times (refresh-token binding, MFA guard, the access and ID token claims). A hint from here is only
 * used after the organization it names, read through Keycloak's cache (which the cluster invalidates), still has
 * that alias; anything else falls back to the query. So a renamed, deleted or re-aliased organization is never
 * answered from here, on any node. Bounded: past {@link #MAX_ENTRIES} the index starts over.
 */
final class TenantAliasIndex {

    static final int MAX_ENTRIES = 100_000;

    private final Map<String, String> ids = new ConcurrentHashMap<>();

    /**
     * The object the alias names in {@code realmId}.
     *
     * @param byId    reads an object by id (null if there is none)
     * @param aliasOf the alias of such an object
     * @param idOf    the id of such an object
     * @param query   the authoritative lookup by alias (null if none has it)
     */
    <T> Optional<T> find(String realmId, String alias, Function<String, T> byId, Function<T, String> aliasOf,
                         Function<T, String> idOf, Function<String, T> query) {
        String key = realmId + '/' + alias;
        String hint = ids.get(key);
        if (hint != null) {
            T hinted = byId.apply(hint);
            if (hinted != null && alias.equals(aliasOf.apply(hinted))) {
                return Optional.of(hinted);
            }
        }
        T found = query.apply(alias);
        if (found == null) {
            ids.remove(key);
            return Optional.empty();
        }
        if (ids.size() >= MAX_ENTRIES) {
            ids.clear();
        }
        ids.put(key, idOf.apply(found));
        return Optional.of(found);
    }

    int size() {
        return ids.size();
    }
}
