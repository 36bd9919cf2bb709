package dev.trustpack.bench;

/**
 * What the realm-comparing loads (MfaLoad, SessionLoad) put in each of their realms: one confidential client, users
 * {@code user0..n-1} with one password, a cheap password hash (the comparison is about the module, not hashing), and
 * one tenant {@code t1} with every user in it.
 */
final class BenchRealm {

    static final String CLIENT = "bench";
    static final String SECRET = "bench-secret";
    static final String PASSWORD = "correct horse battery staple";
    static final String HASH_POLICY = "hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)";

    private BenchRealm() {
    }

    /** The realm's {@code users} array. */
    static String users(int count) {
        StringBuilder users = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            users.append(i == 0 ? "" : ",").append("{\"username\":\"user").append(i)
                    .append("\",\"enabled\":true,\"email\":\"user").append(i).append("@t1.example\",\"emailVerified\":true,")
                    .append("\"firstName\":\"Bench\",\"lastName\":\"User\",\"credentials\":[{\"type\":\"password\",")
                    .append("\"value\":\"").append(PASSWORD).append("\",\"temporary\":false}]}");
        }
        return users.append("]").toString();
    }

    /** The realm's {@code organizations} array: tenant t1 with users 0..count-1. */
    static String tenant(int count) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < count; i++) {
            members.append(i == 0 ? "" : ",").append("{\"username\":\"user").append(i)
                    .append("\",\"membershipType\":\"UNMANAGED\"}");
        }
        return "[{\"name\":\"Tenant 1\",\"alias\":\"t1\",\"enabled\":true,\"domains\":[{\"name\":\"t1.example\","
                + "\"verified\":true}],\"members\":[" + members + "]}]";
    }

    /** The tenant claims mapper of the bench client. */
    static String tenantMapper() {
        return "{\"name\":\"tenant\",\"protocol\":\"openid-connect\",\"protocolMapper\":\"trustpack-tenant-claims\","
                + "\"config\":{\"access.token.claim\":\"true\",\"id.token.claim\":\"true\"}}";
    }
}
