package dev.trustpack.it.support;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keycloak's own clustering, as a production deployment runs it: several {@link StandaloneKeycloak} processes from the
 * same distribution, each in its own home, with production {@code kc.sh start}, one PostgreSQL database, and embedded
 * Infinispan over JGroups whose nodes find each other through that database ({@code jdbc-ping}), bound to loopback.
 * Nodes can be stopped, started again on the same database, and killed with SIGKILL. All nodes share one public URL
 * ({@link #frontendUrl()}), as behind a load balancer; tests call each node directly at its own
 * {@link StandaloneKeycloak#baseUrl()}.
 *
 * <p>The database is named by {@value #DB_URL_ENV} (user {@value #DB_USER_ENV}, default {@code postgres}); it must
 * be empty when the cluster starts (CI creates it fresh per run): the admin and the realms are created by the first
 * node's first start. Realm files are imported by node 0 only, so two nodes never import the same realm at once.
 */
public final class KeycloakCluster implements AutoCloseable {

    public static final String DB_URL_ENV = "TRUSTPACK_CLUSTER_DB_URL";
    public static final String DB_USER_ENV = "TRUSTPACK_CLUSTER_DB_USER";
    public static final String DB_PASSWORD_ENV = "TRUSTPACK_CLUSTER_DB_PASSWORD";

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(90);
    /**
     * Infinispan's cluster-view lines: ISPN000094 for a join or a leave, ISPN000093 after a split healed; e.g.
     * {@code ISPN000094: Received new cluster view for channel ISPN: [node-0|1] (2) [node-0, node-1]}.
     */
    private static final Pattern VIEW = Pattern.compile(
            "ISPN00009[34]: Received new(?:, MERGED)? cluster view for channel \\S+: .*?\\((\\d+)\\) \\[([^\\]]*)\\]");

    private final List<StandaloneKeycloak> nodes;
    private final List<String> nodeNames;
    private final String adminPassword;
    private final String frontendUrl;

    private KeycloakCluster(List<StandaloneKeycloak> nodes, List<String> nodeNames, String adminPassword,
                            String frontendUrl) {
        this.nodes = nodes;
        this.nodeNames = nodeNames;
        this.adminPassword = adminPassword;
        this.frontendUrl = frontendUrl;
    }

    /** The cluster's database from the environment; empty where none is configured (a machine with only a JDK). */
    public static Optional<String> databaseUrl() {
        return Optional.ofNullable(System.getenv(DB_URL_ENV)).filter(url -> !url.isBlank());
    }

    /**
     * Two nodes named {@code <name>-node-0} and {@code -node-1}; see {@link #prepare(String, int, List, Map, List)}.
     */
    public static KeycloakCluster prepare(String name, List<Class<?>> providerClasses, Map<String, String> realmFiles,
                                          List<String> options) throws IOException, InterruptedException {
        return prepare(name, 2, providerClasses, realmFiles, options);
    }

    /**
     * Homes for {@code size} nodes, not started: the distribution with the jars of {@code providerClasses}, built once
     * for PostgreSQL ({@code kc.sh build}) and copied per node, so no node spends its first start re-augmenting.
     * {@code realmFiles} (file name to JSON) are imported by node 0; {@code options} are extra {@code kc.sh start}
     * options of every node (a build-time option among them makes each node rebuild at its first start).
     */
    public static KeycloakCluster prepare(String name, int size, List<Class<?>> providerClasses,
                                          Map<String, String> realmFiles, List<String> options)
            throws IOException, InterruptedException {
        String databaseUrl = databaseUrl().orElseThrow(() -> new IllegalStateException(DB_URL_ENV + " is not set"));
        String user = System.getenv().getOrDefault(DB_USER_ENV, "postgres");
        String password = System.getenv().getOrDefault(DB_PASSWORD_ENV, "unused");

        Path template = StandaloneKeycloak.template(name + "-template", providerClasses);
        requireEmpty(template, databaseUrl, user, password);
        build(template, List.of("--db=postgres", "--health-enabled=true"));

        String adminPassword = UUID.randomUUID().toString();
        String frontendUrl = "http://localhost:" + freePort();
        List<StandaloneKeycloak> nodes = new ArrayList<>();
        List<String> nodeNames = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String nodeName = name + "-node-" + i;
            List<String> nodeOptions = new ArrayList<>(List.of(
                    "--db=postgres", "--db-url=" + databaseUrl, "--db-username=" + user, "--db-password=" + password,
                    // One public URL for all nodes, as behind a load balancer: tokens name it as their issuer, so a
                    // token from one node is accepted by another (with per-request hostnames, each node's port would
                    // make its own issuer). Nothing listens there; tests call each node at its own baseUrl().
                    "--http-enabled=true", "--hostname=" + frontendUrl,
                    "--cache=ispn", "--cache-stack=jdbc-ping",
                    // The node's name in cluster views and logs, the same across its restarts (the default adds a
                    // random suffix per start).
                    "--spi-cache-embedded--default--node-name=" + nodeName,
                    // Loopback only, on a port of its own per node: the default (7800 on a site-local address) would
                    // let nodes of other runs on this network join, and collide between our own nodes.
                    "--cache-embedded-network-bind-address=127.0.0.1",
                    "--cache-embedded-network-bind-port=" + freePort()));
            nodeOptions.addAll(options);
            nodes.add(StandaloneKeycloak.node(nodeName, template, i == 0 ? realmFiles : Map.of(),
                    // INFO for org.infinispan.CLUSTER's view lines, which awaitOneCluster() reads; not for the health
                    // checks, which log every poll of a starting node.
                    List.of("start", "--log-level=INFO,dev.trustpack:debug,io.smallrye.health:warn"), nodeOptions,
                    adminPassword));
            nodeNames.add(nodeName);
        }
        return new KeycloakCluster(nodes, nodeNames, adminPassword, frontendUrl);
    }

    /**
     * Starts every node, node 0 first (it creates the schema, the admin and the realms on the empty database), and
     * waits until they form one cluster.
     */
    public void start() throws IOException, InterruptedException {
        for (StandaloneKeycloak node : nodes) {
            if (!node.isRunning()) {
                node.start();
            }
        }
        awaitOneCluster();
    }

    /** Starts node {@code i} again on the cluster's database and waits until it is back in the cluster. */
    public void start(int i) throws IOException, InterruptedException {
        node(i).start();
        awaitOneCluster();
    }

    /** Graceful stop of node {@code i} (SIGTERM): it leaves the cluster. */
    public void stop(int i) throws InterruptedException {
        node(i).stop();
    }

    /** SIGKILL of node {@code i}: no shutdown, the others learn of it only by JGroups' failure detection. */
    public void killHard(int i) throws InterruptedException {
        node(i).killHard();
    }

    public StandaloneKeycloak node(int i) {
        return nodes.get(i);
    }

    public int size() {
        return nodes.size();
    }

    /** The cluster's public URL ({@code --hostname}): the issuer of its tokens, whichever node issued them. */
    public String frontendUrl() {
        return frontendUrl;
    }

    /** The master realm's admin (user {@code admin}), the same on every node. */
    public String adminPassword() {
        return adminPassword;
    }

    /**
     * Waits until every running node's latest cluster view (in its log since its last start) has exactly the running
     * nodes as members: after a start, they joined one cluster; after a kill, the survivors noticed.
     */
    public void awaitOneCluster() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + VIEW_TIMEOUT.toNanos();
        while (true) {
            List<String> running = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).isRunning()) {
                    running.add(nodeNames.get(i));
                }
            }
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                StandaloneKeycloak node = nodes.get(i);
                if (!node.isRunning()) {
                    continue;
                }
                Optional<List<String>> view = latestView(node.logSinceStart());
                if (view.isEmpty() || !view.get().containsAll(running) || view.get().size() != running.size()) {
                    mismatches.add(nodeNames.get(i) + " sees " + view.map(Object::toString).orElse("no cluster view")
                            + " (log " + node.logFile() + ")");
                }
            }
            if (mismatches.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The running nodes " + running + " did not form one cluster within "
                        + VIEW_TIMEOUT + ": " + String.join("; ", mismatches));
            }
            Thread.sleep(500);
        }
    }

    /** Members of the latest Infinispan cluster view in {@code log}. */
    static Optional<List<String>> latestView(String log) {
        Matcher matcher = VIEW.matcher(log);
        List<String> members = null;
        while (matcher.find()) {
            // Members are named with their Infinispan version: "sessions-cluster-node-0(v=16.0.14)".
            members = Stream.of(matcher.group(2).split(",")).map(m -> m.replaceFirst("\\(.*\\)$", "").trim())
                    .filter(m -> !m.isEmpty()).toList();
        }
        return Optional.ofNullable(members);
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop();
        }
    }

    private static void build(Path home, List<String> buildOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        Path log = home.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process build = builder.start();
        if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build did not finish within " + BUILD_TIMEOUT + "; see " + log);
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed with " + build.exitValue() + "; see " + log);
        }
    }

    /**
     * A database left over from an earlier run already has a master realm with another run's admin, and realms that
     * the import would skip: the cluster would start but not be this run's. Checked with the distribution's own
     * PostgreSQL driver, which is not on the test classpath.
     */
    private static void requireEmpty(Path home, String url, String user, String password) throws IOException {
        Path driverJar;
        try (Stream<Path> jars = Files.list(home.resolve("lib/lib/main"))) {
            driverJar = jars.filter(jar -> jar.getFileName().toString().startsWith("org.postgresql.postgresql-"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("No PostgreSQL driver in " + home));
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {driverJar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Driver driver = (Driver) loader.loadClass("org.postgresql.Driver").getDeclaredConstructor().newInstance();
            try (Connection connection = driver.connect(url, credentials);
                 Statement statement = connection.createStatement();
                 ResultSet tables = statement.executeQuery("select count(*) from information_schema.tables "
                         + "where table_schema = current_schema()")) {
                tables.next();
                int count = tables.getInt(1);
                if (count > 0) {
                    throw new IllegalStateException(DB_URL_ENV + "=" + url + " names a database with " + count
                            + " tables: the cluster needs an empty one per run (drop and create it, as .ci/run does)");
                }
            }
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load the PostgreSQL driver " + driverJar, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach " + DB_URL_ENV + "=" + url + " as " + user + ": "
                    + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
