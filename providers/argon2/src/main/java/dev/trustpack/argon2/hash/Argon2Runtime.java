package dev.trustpack.argon2.hash;

import java.util.Arrays;
import java.util.HexFormat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/**
 * What every Trustpack hash provider of the server shares: the settings, one memory budget, the native engine and
 * the meters. Built once by {@link Argon2idPasswordHashProviderFactory#init} from its SPI options, and found by the
 * module's other factories through the session factory ({@link #of}), so there is no static state.
 */
public final class Argon2Runtime {

    /** RFC 9106, section 5.3: the Argon2id test vector. Checked at start-up to prove the native library works. */
    static final String RFC9106_ARGON2ID_TAG = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";

    private final Argon2Settings settings;
    private final MemoryBudget budget;
    private final Argon2Metrics metrics;
    private final Argon2Engine engine;

    Argon2Runtime(Argon2Settings settings, MeterRegistry registry) {
        this.settings = settings;
        this.budget = new MemoryBudget(settings.memoryBudgetKiB(), settings.maxWait());
        this.metrics = new Argon2Metrics(registry, budget);
        this.engine = new Argon2Engine(budget, metrics);
    }

    /** A runtime from validated settings, after proving the native library computes Argon2 correctly. */
    static Argon2Runtime start(Argon2Settings settings) {
        Argon2Runtime runtime = new Argon2Runtime(settings, Metrics.globalRegistry);
        runtime.selfTest();
        return runtime;
    }

    /** The runtime of this server, from any factory's {@code postInit} on. */
    public static Argon2Runtime of(KeycloakSessionFactory factory) {
        ProviderFactory<?> owner = factory.getProviderFactory(PasswordHashProvider.class,
                Argon2idPasswordHashProviderFactory.ID);
        if (!(owner instanceof Argon2idPasswordHashProviderFactory argon2id)) {
            throw new IllegalStateException("The password-hashing provider " + Argon2idPasswordHashProviderFactory.ID
                    + " is not installed or is disabled; the Trustpack Argon2 module needs it");
        }
        return argon2id.runtime();
    }

    public Argon2Settings settings() {
        return settings;
    }

    public Argon2Engine engine() {
        return engine;
    }

    public Argon2Metrics metrics() {
        return metrics;
    }

    MemoryBudget budget() {
        return budget;
    }

    /** Hashes the RFC 9106 Argon2id vector; fails start-up if libargon2 cannot be loaded or computes wrongly. */
    void selfTest() {
        byte[] tag;
        try {
            tag = engine.hash(Argon2Type.ARGON2ID, PhcArgon2.VERSION_13, new Argon2Cost(32, 3, 4), filled(32, 0x01),
                    filled(16, 0x02), filled(8, 0x03), filled(12, 0x04), 32, null, null);
        } catch (MemoryBudget.BudgetExceededException e) {
            throw new IllegalStateException("Argon2 self-test could not run: " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IllegalStateException("The native Argon2 library (libargon2 via argon2-jvm and JNA) cannot be "
                    + "loaded on this platform: " + e.getMessage(), e);
        }
        if (!HexFormat.of().formatHex(tag).equals(RFC9106_ARGON2ID_TAG)) {
            throw new IllegalStateException("Argon2 self-test failed: the native library does not reproduce the "
                    + "RFC 9106 Argon2id test vector");
        }
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
