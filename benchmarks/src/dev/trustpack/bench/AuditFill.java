package dev.trustpack.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.trustpack.audit.record.AuditRecords;
import dev.trustpack.audit.record.ChainHash;
import dev.trustpack.tenancy.TenancyEvents;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/**
 * Fills one realm's audit trail with N sealed records, straight into Keycloak's PostgreSQL database, so the growth
 * curves of issue 14 can time chain verification and export at 1,000,000 records without 1,000,000 logins.
 *
 * <p><b>What it writes.</b> Login-shaped user events (browser {@code LOGIN}, {@code CODE_TO_TOKEN}, password-grant
 * {@code LOGIN}, {@code REFRESH_TOKEN}, {@code LOGIN_ERROR} with {@code invalid_user_credentials}) for the realm's own
 * users, with the details Keycloak 26 puts in them. Each payload is built by the audit module itself
 * ({@link AuditRecords#fromUserEvent}, the call {@code AuditEventListener} makes; details go through the module's
 * allow-list and scrub), with the tenant {@code TenantResolver} would give: the tenant a login chose (detail
 * {@code tenant}), else the user's only tenant, else none. Times rise evenly over {@code --span-days} days ending at the
 * start of the fill (keep it under the retention, 365 days by default, or the worker purges them).
 *
 * <p><b>How it chains.</b> Per batch, in one transaction: lock the realm's {@code TRUSTPACK_AUDIT_CHAIN} row
 * ({@code SELECT ... FOR UPDATE}, the lock the worker's sealing and purging take; created as the worker creates it if
 * absent), read {@code LAST_SEQ}/{@code LAST_HASH}, give the batch the next sequence numbers and hashes with the
 * module's {@link ChainHash#of}, insert the records already sealed, move the head, commit. Payloads are built before
 * the lock is taken, so the lock is held only for the inserts (a few hundred ms per 2,000 records). Keycloak may keep
 * running and logging in users meanwhile: its worker seals its own records between the fill's batches, on the same
 * head, so the chain stays one chain and records appended after the fill chain on. Nothing else keeps chain state
 * (no cache; the verifier and the worker read the row each time).
 *
 * <p><b>What must not run at the same time.</b> Deleting or re-creating the realm (its trail is closed or moved) —
 * the fill refuses a chain that is closed. If the realm has sinks, they will deliver every filled record (a paused
 * sink holds them back, and its backlog gauge counts them every 2 s); for timing verify/export alone, fill a realm
 * with no sink, or pause its sinks. A chain that is already broken stays broken: the fill checks that the head matches
 * its last record before it starts.
 *
 * <p><b>Build and run</b> (from the repository root, after {@code ./mvnw -DskipTests package}; any unpacked
 * Keycloak 26.7.3 gives the driver, Keycloak's event classes and Jackson):
 * <pre>
 * DIST=.run/bench/keycloak-26.7.3      # or: unzip ~/.m2/repository/org/keycloak/keycloak-quarkus-dist/26.7.3/*.zip
 * TP=providers/audit/target/trustpack-audit-0.1.0-SNAPSHOT.jar:providers/common/target/trustpack-common-0.1.0-SNAPSHOT.jar:providers/tenancy/target/trustpack-tenancy-0.1.0-SNAPSHOT.jar
 * mkdir -p .run/bench/fill-classes
 * javac -nowarn -d .run/bench/fill-classes -cp "$TP:$DIST/lib/lib/main/*" benchmarks/src/dev/trustpack/bench/AuditFill.java
 * java -Xmx256m -cp ".run/bench/fill-classes:$TP:$DIST/lib/lib/main/*" dev.trustpack.bench.AuditFill \
 *     --db-url jdbc:postgresql://127.0.0.1:5432/keycloak --db-username postgres --db-password "$PGPASSWORD" \
 *     --realm bench-audit --count 1000000 [--batch 2000] [--span-days 30] [--seed 14]
 * </pre>
 * Without a distribution, the same classpath from {@code ~/.m2} (versions of Keycloak 26.7.3's lib/lib/main):
 * <pre>
 * M2=~/.m2/repository
 * KC="$M2/org/keycloak/keycloak-server-spi-private/26.7.3/keycloak-server-spi-private-26.7.3.jar:$M2/org/keycloak/keycloak-server-spi/26.7.3/keycloak-server-spi-26.7.3.jar:$M2/org/keycloak/keycloak-core/26.7.3/keycloak-core-26.7.3.jar:$M2/org/keycloak/keycloak-common/26.7.3/keycloak-common-26.7.3.jar"
 * JX="$M2/com/fasterxml/jackson/core/jackson-databind/2.21.5/jackson-databind-2.21.5.jar:$M2/com/fasterxml/jackson/core/jackson-core/2.21.5/jackson-core-2.21.5.jar:$M2/com/fasterxml/jackson/core/jackson-annotations/2.21/jackson-annotations-2.21.jar"
 * PG="$M2/org/postgresql/postgresql/42.7.13/postgresql-42.7.13.jar"
 * # then -cp "$TP:$KC:$JX:$PG" in place of "$TP:$DIST/lib/lib/main/*" above
 * </pre>
 * The realm (by name or id) must exist: Keycloak started once against the database created the audit tables, and
 * the realm was created through Keycloak. {@code --db-password} defaults to {@code $PGPASSWORD}, then empty.
 * Afterwards: {@code GET /admin/realms/{realm}/trustpack/audit/verify} and {@code GET .../trustpack/audit/export}.
 */
public final class AuditFill {

    private static final String LOCK_CHAIN = "SELECT LAST_SEQ, LAST_HASH, PURGED_SEQ, DELETED_AT, SOURCE_REALM_ID"
            + " FROM TRUSTPACK_AUDIT_CHAIN WHERE REALM_ID = ? FOR UPDATE";
    private static final String CREATE_CHAIN = "INSERT INTO TRUSTPACK_AUDIT_CHAIN (REALM_ID, LAST_SEQ, LAST_HASH,"
            + " PURGED_SEQ, PURGED_HASH) VALUES (?, 0, ?, 0, ?) ON CONFLICT (REALM_ID) DO NOTHING";
    private static final String INSERT_RECORD = "INSERT INTO TRUSTPACK_AUDIT_RECORD (ID, REALM_ID, TENANT_ID,"
            + " CREATED_AT, EVENT_TYPE, PAYLOAD, SEQ, PREV_HASH, RECORD_HASH) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String MOVE_HEAD = "UPDATE TRUSTPACK_AUDIT_CHAIN SET LAST_SEQ = ?, LAST_HASH = ?"
            + " WHERE REALM_ID = ?";
    private static final int MAX_USERS = 10_000;
    private static final List<String> BUILT_IN_CLIENTS = List.of("account", "account-console", "admin-cli",
            "broker", "realm-management", "security-admin-console");

    private record User(String id, String username, List<Tenant> tenants) {
    }

    private record Tenant(String id, String alias) {
    }

    private record Head(long seq, String hash) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = required(options, "db-url");
        String realmArg = required(options, "realm");
        long count = Long.parseLong(options.getOrDefault("count", "1000000"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "2000"));
        long spanMillis = TimeUnit.DAYS.toMillis(Long.parseLong(options.getOrDefault("span-days", "30")));
        Random random = new Random(Long.parseLong(options.getOrDefault("seed", "14")));
        Properties properties = new Properties();
        properties.setProperty("user", options.getOrDefault("db-username", "postgres"));
        properties.setProperty("password", options.getOrDefault("db-password",
                System.getenv().getOrDefault("PGPASSWORD", "")));
        // One multi-row INSERT per batch instead of one statement per row.
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("ApplicationName", "trustpack-audit-fill");

        try (Connection db = DriverManager.getConnection(url, properties)) {
            db.setAutoCommit(false);
            String[] realm = realm(db, realmArg);
            String realmId = realm[0];
            String realmName = realm[1];
            boolean organizations = organizationsEnabled(db, realmId);
            List<User> users = users(db, realmId, organizations);
            List<String> clients = clients(db, realmId);
            db.commit();
            Head start = checkHead(db, realmId);
            System.out.printf("realm %s (%s): %d users sampled (%d in a tenant), clients %s, organizations %s;"
                            + " chain head before: seq %d%n", realmName, realmId, users.size(),
                    users.stream().filter(u -> !u.tenants().isEmpty()).count(), clients,
                    organizations ? "on" : "off", start.seq());

            long end = System.currentTimeMillis();
            long first = end - spanMillis;
            long began = System.nanoTime();
            long lastReport = began;
            long written = 0;
            Head head = start;
            while (written < count) {
                int size = (int) Math.min(batch, count - written);
                List<AuditRecords.NewRecord> records = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    long time = first + (long) ((double) spanMillis * (written + i) / count);
                    records.add(record(random, realmId, realmName, time, users, clients));
                }
                head = append(db, realmId, records);
                written += size;
                long now = System.nanoTime();
                if (now - lastReport > TimeUnit.SECONDS.toNanos(10) || written == count) {
                    double seconds = (now - began) / 1e9;
                    System.out.printf("%,d records (%.0f/s), head seq %d%n", written, written / seconds, head.seq());
                    lastReport = now;
                }
            }
            Head after = checkHead(db, realmId);
            System.out.printf("done: %,d records in %.1f s; chain head seq %d -> %d (includes records Keycloak sealed"
                    + " meanwhile)%n", written, (System.nanoTime() - began) / 1e9, start.seq(), after.seq());
        }
    }

    /** Seals the batch onto the realm's chain under the chain row lock, in one transaction. */
    private static Head append(Connection db, String realmId, List<AuditRecords.NewRecord> records)
            throws SQLException {
        try {
            Head head = lockChain(db, realmId);
            long seq = head.seq();
            String hash = head.hash();
            try (PreparedStatement insert = db.prepareStatement(INSERT_RECORD)) {
                for (AuditRecords.NewRecord record : records) {
                    seq++;
                    String previous = hash;
                    hash = ChainHash.of(previous, seq, record.payload());
                    insert.setString(1, record.id());
                    insert.setString(2, record.realmId());
                    insert.setString(3, record.tenantId());
                    insert.setLong(4, record.createdAt());
                    insert.setString(5, record.type());
                    insert.setString(6, record.payload());
                    insert.setLong(7, seq);
                    insert.setString(8, previous);
                    insert.setString(9, hash);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement move = db.prepareStatement(MOVE_HEAD)) {
                move.setLong(1, seq);
                move.setString(2, hash);
                move.setString(3, realmId);
                move.executeUpdate();
            }
            db.commit();
            return new Head(seq, hash);
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    /** The chain head, locked until commit; created empty (genesis) as the worker would, if the realm has none. */
    private static Head lockChain(Connection db, String realmId) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement lock = db.prepareStatement(LOCK_CHAIN)) {
                lock.setString(1, realmId);
                try (ResultSet row = lock.executeQuery()) {
                    if (row.next()) {
                        row.getLong("DELETED_AT");
                        if (!row.wasNull() || row.getString("SOURCE_REALM_ID") != null) {
                            throw new IllegalStateException("The audit trail of realm " + realmId
                                    + " is closed (the realm was deleted); nothing may be appended to it");
                        }
                        return new Head(row.getLong("LAST_SEQ"), row.getString("LAST_HASH"));
                    }
                }
            }
            try (PreparedStatement create = db.prepareStatement(CREATE_CHAIN)) {
                create.setString(1, realmId);
                create.setString(2, ChainHash.GENESIS);
                create.setString(3, ChainHash.GENESIS);
                create.executeUpdate();
            }
        }
        throw new IllegalStateException("Could not create the audit chain row of realm " + realmId);
    }

    /** The head now, after checking it names its last record's hash (a broken head would stay broken). */
    private static Head checkHead(Connection db, String realmId) throws SQLException {
        Head head;
        long purged;
        try (PreparedStatement read = db.prepareStatement("SELECT LAST_SEQ, LAST_HASH, PURGED_SEQ"
                + " FROM TRUSTPACK_AUDIT_CHAIN WHERE REALM_ID = ?")) {
            read.setString(1, realmId);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    db.commit();
                    return new Head(0, ChainHash.GENESIS);
                }
                head = new Head(row.getLong(1), row.getString(2));
                purged = row.getLong(3);
            }
        }
        if (head.seq() > purged) {
            try (PreparedStatement last = db.prepareStatement("SELECT RECORD_HASH FROM TRUSTPACK_AUDIT_RECORD"
                    + " WHERE REALM_ID = ? AND SEQ = ?")) {
                last.setString(1, realmId);
                last.setLong(2, head.seq());
                try (ResultSet row = last.executeQuery()) {
                    if (!row.next() || !ChainHash.same(head.hash(), row.getString(1))) {
                        throw new IllegalStateException("The chain head of realm " + realmId + " (seq " + head.seq()
                                + ") does not match its last record; run .../trustpack/audit/verify first");
                    }
                }
            }
        }
        db.commit();
        return head;
    }

    /** One login-shaped record, as the audit listener would have written it for the event. */
    private static AuditRecords.NewRecord record(Random random, String realmId, String realmName, long time,
                                                 List<User> users, List<String> clients) {
        User user = users.get(random.nextInt(users.size()));
        String client = clients.get(random.nextInt(clients.size()));
        String session = UUID.randomUUID().toString();
        Event event = new Event();
        event.setId(UUID.randomUUID().toString());
        event.setTime(time);
        event.setRealmId(realmId);
        event.setRealmName(realmName);
        event.setClientId(client);
        event.setUserId(user.id());
        event.setIpAddress("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
        Map<String, String> details = new LinkedHashMap<>();
        // The tenant a login chose (the tenant step's event detail); other events carry none.
        Tenant chosen = user.tenants().isEmpty() ? null : user.tenants().get(random.nextInt(user.tenants().size()));
        String scope = "openid profile email" + (chosen == null ? "" : " organization:" + chosen.alias());
        int kind = random.nextInt(100);
        boolean login = false;
        if (kind < 35) {
            event.setType(EventType.LOGIN);
            event.setSessionId(session);
            browserLogin(details, user, client, session);
            login = true;
        } else if (kind < 70) {
            event.setType(EventType.CODE_TO_TOKEN);
            event.setSessionId(session);
            details.put(Details.CODE_ID, session);
            details.put(Details.TOKEN_ID, UUID.randomUUID().toString());
            details.put(Details.GRANT_TYPE, "authorization_code");
            details.put(Details.REFRESH_TOKEN_TYPE, "Refresh");
            details.put(Details.SCOPE, scope);
            details.put(Details.REFRESH_TOKEN_ID, UUID.randomUUID().toString());
            details.put(Details.CLIENT_AUTH_METHOD, "client-secret");
        } else if (kind < 80) {
            event.setType(EventType.LOGIN);
            event.setSessionId(session);
            details.put(Details.AUTH_METHOD, "openid-connect");
            details.put(Details.GRANT_TYPE, "password");
            details.put(Details.REFRESH_TOKEN_TYPE, "Refresh");
            details.put(Details.SCOPE, scope);
            details.put(Details.TOKEN_ID, UUID.randomUUID().toString());
            details.put(Details.REFRESH_TOKEN_ID, UUID.randomUUID().toString());
            details.put(Details.CLIENT_AUTH_METHOD, "client-secret");
            details.put(Details.USERNAME, user.username());
            login = true;
        } else if (kind < 95) {
            event.setType(EventType.REFRESH_TOKEN);
            event.setSessionId(session);
            details.put(Details.TOKEN_ID, UUID.randomUUID().toString());
            details.put(Details.GRANT_TYPE, "refresh_token");
            details.put(Details.REFRESH_TOKEN_TYPE, "Refresh");
            details.put(Details.SCOPE, scope);
            details.put(Details.REFRESH_TOKEN_ID, UUID.randomUUID().toString());
            details.put(Details.UPDATED_REFRESH_TOKEN_ID, UUID.randomUUID().toString());
            details.put(Details.CLIENT_AUTH_METHOD, "client-secret");
        } else {
            // Wrong password for a known user: refused before any tenant step.
            event.setType(EventType.LOGIN_ERROR);
            event.setError("invalid_user_credentials");
            browserLogin(details, user, client, UUID.randomUUID().toString());
        }
        Tenant tenant;
        if (login && chosen != null) {
            details.put(TenancyEvents.TENANT, chosen.alias());
            tenant = chosen;
        } else {
            tenant = user.tenants().size() == 1 ? user.tenants().get(0) : null;
        }
        event.setDetails(details);
        AuditRecords.Context context = new AuditRecords.Context(realmId, realmName,
                tenant == null ? null : tenant.id(), tenant == null ? null : tenant.alias(), user.id(),
                user.username());
        // A resolved user: the listener passes the details as they are (TypedIdentity hashes only unknown users').
        return AuditRecords.fromUserEvent(event, context, details);
    }

    private static void browserLogin(Map<String, String> details, User user, String client, String codeId) {
        details.put(Details.AUTH_METHOD, "openid-connect");
        details.put(Details.AUTH_TYPE, "code");
        details.put(Details.RESPONSE_TYPE, "code");
        details.put(Details.REDIRECT_URI, "https://" + client + ".apps.example/callback");
        details.put(Details.CONSENT, Details.CONSENT_VALUE_NO_CONSENT_REQUIRED);
        details.put(Details.CODE_ID, codeId);
        details.put(Details.USERNAME, user.username());
        details.put(Details.RESPONSE_MODE, "query");
    }

    /** Id and name of the realm named by its name or its id. */
    private static String[] realm(Connection db, String nameOrId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT ID, NAME FROM REALM WHERE NAME = ? OR ID = ?"
                + " ORDER BY CASE WHEN NAME = ? THEN 0 ELSE 1 END")) {
            query.setString(1, nameOrId);
            query.setString(2, nameOrId);
            query.setString(3, nameOrId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("No realm named (or with id) '" + nameOrId + "'");
                }
                return new String[] {row.getString(1), row.getString(2)};
            }
        }
    }

    private static boolean organizationsEnabled(Connection db, String realmId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT VALUE FROM REALM_ATTRIBUTE WHERE REALM_ID = ?"
                + " AND NAME = 'organizationsEnabled'")) {
            query.setString(1, realmId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && "true".equalsIgnoreCase(row.getString(1));
            }
        }
    }

    /** Up to {@value #MAX_USERS} of the realm's users, each with the enabled tenants (organizations) they are in. */
    private static List<User> users(Connection db, String realmId, boolean organizations) throws SQLException {
        Map<String, String> usernames = new LinkedHashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT ID, USERNAME FROM USER_ENTITY WHERE REALM_ID = ?"
                + " AND SERVICE_ACCOUNT_CLIENT_LINK IS NULL ORDER BY USERNAME LIMIT " + MAX_USERS)) {
            query.setString(1, realmId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    usernames.put(row.getString(1), row.getString(2));
                }
            }
        }
        Map<String, List<Tenant>> tenants = new HashMap<>();
        if (organizations && !usernames.isEmpty()) {
            Array ids = db.createArrayOf("varchar", usernames.keySet().toArray());
            try (PreparedStatement query = db.prepareStatement("SELECT m.USER_ID, o.ID, o.ALIAS FROM ORG o"
                    + " JOIN USER_GROUP_MEMBERSHIP m ON m.GROUP_ID = o.GROUP_ID WHERE o.REALM_ID = ? AND o.ENABLED"
                    + " AND m.USER_ID = ANY (?) ORDER BY o.ALIAS")) {
                query.setString(1, realmId);
                query.setArray(2, ids);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        tenants.computeIfAbsent(row.getString(1), id -> new ArrayList<>())
                                .add(new Tenant(row.getString(2), row.getString(3)));
                    }
                }
            }
        }
        List<User> users = new ArrayList<>();
        usernames.forEach((id, username) -> users.add(new User(id, username, tenants.getOrDefault(id, List.of()))));
        if (users.isEmpty()) {
            // A realm without users: records still verify (nothing checks that a user exists).
            for (int i = 0; i < 100; i++) {
                users.add(new User(UUID.randomUUID().toString(), "fill-user" + i, List.of()));
            }
        }
        return users;
    }

    /** The realm's own clients (not Keycloak's built-in ones); the account console if it has none. */
    private static List<String> clients(Connection db, String realmId) throws SQLException {
        List<String> clients = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT CLIENT_ID FROM CLIENT WHERE REALM_ID = ?"
                + " AND NOT BEARER_ONLY ORDER BY CLIENT_ID LIMIT 50")) {
            query.setString(1, realmId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    if (!BUILT_IN_CLIENTS.contains(row.getString(1))) {
                        clients.add(row.getString(1));
                    }
                }
            }
        }
        return clients.isEmpty() ? List.of("account-console") : clients;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "' (options are --name value)");
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("Option " + arg + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required; see the class comment for usage");
        }
        return value;
    }
}
