package dev.trustpack.bench;

import static dev.trustpack.bench.BenchHttp.adminToken;
import static dev.trustpack.bench.BenchHttp.percentile;
import static dev.trustpack.bench.BenchHttp.send;
import static dev.trustpack.bench.BenchRealm.CLIENT;
import static dev.trustpack.bench.BenchRealm.SECRET;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load for benchmarks/run-mfa.sh: what the MFA policy decision adds to a login of a user with no MFA requirement.
 * One Keycloak + Trustpack, two realms identical but for the MFA parts ({@code bench-mfa-on}: the MFA steps in the
 * browser and direct-grant flows, the token guard, the acr/amr mapper; {@code bench-mfa-off}: none of them), both
 * with the tenant step and one tenant whose policy is {@code off}. Each worker alternates realms request by request,
 * for the password grant and for a browser login (an HTTP client posting the login form, authorization code with
 * PKCE S256, then the code exchange). Prints p50/p99 per realm and the difference of the medians.
 */
public final class MfaLoad {

    private static final String ON = "bench-mfa-on";
    private static final String OFF = "bench-mfa-off";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int workers = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String admin = adminToken(base);
        for (String realm : List.of(ON, OFF)) {
            send("POST", base + "/admin/realms", admin, realm(realm, realm.equals(ON), workers), 201);
        }
        measure("password_grant", base, workers, warmup, seconds, BenchLogins::passwordGrant);
        measure("browser_login", base, workers, warmup, seconds, BenchLogins::browserLogin);
    }

    interface Login {
        void run(String base, String realm, String username) throws Exception;
    }

    private static void measure(String kind, String base, int workers, int warmupSeconds, int seconds, Login login)
            throws Exception {
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<List<List<Long>>>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String username = "user" + w;
            int first = w % 2;
            results.add(pool.submit(() -> {
                List<List<Long>> byRealm = List.of(new ArrayList<>(), new ArrayList<>());
                int turn = first;
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    login.run(base, turn == 0 ? ON : OFF, username);
                    if (started >= warmupEnd) {
                        byRealm.get(turn).add(System.nanoTime() - started);
                    }
                    turn = 1 - turn;
                }
                return byRealm;
            }));
        }
        List<Long> on = new ArrayList<>();
        List<Long> off = new ArrayList<>();
        for (Future<List<List<Long>>> result : results) {
            on.addAll(result.get().get(0));
            off.addAll(result.get().get(1));
        }
        pool.shutdown();
        Collections.sort(on);
        Collections.sort(off);
        System.out.printf("%s mfa_on: logins=%d p50_ms=%.2f p99_ms=%.2f%n", kind, on.size(), percentile(on, 0.5),
                percentile(on, 0.99));
        System.out.printf("%s mfa_off: logins=%d p50_ms=%.2f p99_ms=%.2f%n", kind, off.size(), percentile(off, 0.5),
                percentile(off, 0.99));
        System.out.printf("%s added_p50_ms=%.2f (goal <= 1.00) ratio_p50=%.3f%n", kind,
                percentile(on, 0.5) - percentile(off, 0.5), percentile(on, 0.5) / percentile(off, 0.5));
        System.out.flush();
    }

    /** The realm, as one import: flows, client, users, one tenant (policy off) with every user in it. */
    private static String realm(String name, boolean mfa, int users) {
        String mfaBrowser = mfa ? ",{\"authenticator\":\"trustpack-mfa\",\"requirement\":\"REQUIRED\",\"priority\":30}" : "";
        String mfaGrant = mfa ? ",{\"authenticator\":\"trustpack-mfa-direct-grant\",\"requirement\":\"REQUIRED\",\"priority\":40}" : "";
        String mapper = mfa ? ",{\"name\":\"acr amr\",\"protocol\":\"openid-connect\",\"protocolMapper\":\"trustpack-mfa-claims\","
                + "\"config\":{\"access.token.claim\":\"true\",\"id.token.claim\":\"true\"}}" : "";
        String policies = mfa ? ",\"clientProfiles\":{\"profiles\":[{\"name\":\"mfa\",\"executors\":[{\"executor\":"
                + "\"trustpack-mfa-token-guard\",\"configuration\":{}}]}]},\"clientPolicies\":{\"policies\":[{\"name\":"
                + "\"mfa\",\"enabled\":true,\"conditions\":[{\"condition\":\"any-client\",\"configuration\":{}}],"
                + "\"profiles\":[\"mfa\"]}]}" : "";
        return "{\"realm\":\"" + name + "\",\"enabled\":true,\"organizationsEnabled\":true,\"bruteForceProtected\":false,"
                + "\"eventsEnabled\":false,\"passwordPolicy\":\"" + BenchRealm.HASH_POLICY + "\","
                + "\"browserFlow\":\"bench browser\","
                + "\"directGrantFlow\":\"bench direct grant\",\"authenticationFlows\":["
                + "{\"alias\":\"bench browser\",\"providerId\":\"basic-flow\",\"topLevel\":true,\"builtIn\":false,"
                + "\"authenticationExecutions\":[{\"flowAlias\":\"bench identify\",\"authenticatorFlow\":true,"
                + "\"requirement\":\"REQUIRED\",\"priority\":10},{\"authenticator\":\"trustpack-tenant-selector\","
                + "\"requirement\":\"REQUIRED\",\"priority\":20}" + mfaBrowser + "]},"
                + "{\"alias\":\"bench identify\",\"providerId\":\"basic-flow\",\"topLevel\":false,\"builtIn\":false,"
                + "\"authenticationExecutions\":[{\"authenticator\":\"auth-cookie\",\"requirement\":\"ALTERNATIVE\","
                + "\"priority\":10},{\"authenticator\":\"auth-username-password-form\",\"requirement\":\"ALTERNATIVE\","
                + "\"priority\":20}]},"
                + "{\"alias\":\"bench direct grant\",\"providerId\":\"basic-flow\",\"topLevel\":true,\"builtIn\":false,"
                + "\"authenticationExecutions\":[{\"authenticator\":\"direct-grant-validate-username\",\"requirement\":"
                + "\"REQUIRED\",\"priority\":10},{\"authenticator\":\"direct-grant-validate-password\",\"requirement\":"
                + "\"REQUIRED\",\"priority\":20},{\"authenticator\":\"trustpack-tenant-direct-grant\",\"requirement\":"
                + "\"REQUIRED\",\"priority\":30}" + mfaGrant + "]}],"
                + "\"clients\":[{\"clientId\":\"" + CLIENT + "\",\"secret\":\"" + SECRET + "\",\"publicClient\":false,"
                + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":true,\"redirectUris\":[\"" + BenchLogins.REDIRECT + "\"],"
                + "\"attributes\":{\"pkce.code.challenge.method\":\"S256\"},\"protocolMappers\":["
                + BenchRealm.tenantMapper() + mapper + "]}],"
                + "\"users\":" + BenchRealm.users(users) + ","
                + "\"organizations\":" + BenchRealm.tenant(users) + policies + "}";
    }
}
