package dev.trustpack.argon2.hash;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.keycloak.crypto.hash.Argon2PasswordHashProvider;

/**
 * Milliseconds per Argon2id hash at the same parameters, in one run: Trustpack's engine (argon2-jvm, native
 * libargon2, with its memory budget), Keycloak's built-in argon2 provider (Bouncy Castle, pure Java), and the
 * reference C implementation twice: hashing in a loop inside one warm process (the baseline) and as the argon2 CLI
 * (its own timer; a fresh process per hash). Lives in Trustpack's package to time the production engine itself.
 * Run by benchmarks/run-argon2.sh, not a test. Arguments: warmup measured path-to-argon2_loop.
 */
public final class HashBenchmark {

    private static final Pattern CLI_SECONDS = Pattern.compile("(?m)^([0-9.]+) seconds$");

    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[0]);
        int measured = Integer.parseInt(args[1]);
        String cLoop = args[2];
        String password = "correct horse battery staple";
        System.out.printf("%-18s %-28s %10s %10s %10s%n", "parameters", "implementation", "median ms", "mean ms", "vs C");
        for (Argon2Cost cost : List.of(new Argon2Cost(19456, 2, 1), new Argon2Cost(7168, 5, 1), new Argon2Cost(47104, 1, 1))) {
            double[] loop = cLoop(cLoop, cost, warmup, measured);
            double c = loop[0];
            List<Double> cliTimes = cli(cost, password, warmup, measured);
            List<Double> trustpack = trustpack(cost, password, warmup, measured);
            List<Double> keycloak = keycloak(cost, password, warmup, measured);
            System.out.printf("%-18s %-28s %10.1f %10.1f %10.2fx%n", cost, "reference C, warm process", loop[0], loop[1], 1.0);
            row(cost, "reference C, argon2 CLI", cliTimes, c);
            row(cost, "Trustpack (argon2-jvm)", trustpack, c);
            row(cost, "Keycloak built-in (BC)", keycloak, c);
            System.out.printf("%-18s %-28s %10s %10s %10.2fx%n", cost, "Keycloak / Trustpack", "", "",
                    median(keycloak) / median(trustpack));
        }
    }

    private static List<Double> trustpack(Argon2Cost cost, String password, int warmup, int measured) throws Exception {
        Argon2Settings settings = new Argon2Settings(cost, 32, 16, 1024, 262144, Duration.ofSeconds(10),
                new VerifyLimits(262144, 64, 64, 16, 5_000_000));
        Argon2Runtime runtime = new Argon2Runtime(settings, new SimpleMeterRegistry());
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warmup + measured; i++) {
            byte[] bytes = Passwords.normalized(password);
            long started = System.nanoTime();
            runtime.engine().hash(Argon2Type.ARGON2ID, PhcArgon2.VERSION_13, cost, bytes, Argon2Engine.randomSalt(16),
                    null, null, 32, "benchmark", "hash");
            if (i >= warmup) {
                times.add((System.nanoTime() - started) / 1e6);
            }
        }
        return times;
    }

    private static List<Double> keycloak(Argon2Cost cost, String password, int warmup, int measured) {
        Argon2PasswordHashProvider provider = new Argon2PasswordHashProvider("1.3", "id", 32, cost.memoryKiB(),
                cost.iterations(), cost.parallelism(), new Semaphore(Runtime.getRuntime().availableProcessors()));
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warmup + measured; i++) {
            long started = System.nanoTime();
            provider.encodedCredential(password, cost.iterations());
            if (i >= warmup) {
                times.add((System.nanoTime() - started) / 1e6);
            }
        }
        return times;
    }

    /** [median, mean] ms of the reference library hashing in one warm process (benchmarks/src/c/argon2_loop.c). */
    private static double[] cLoop(String binary, Argon2Cost cost, int warmup, int measured) throws Exception {
        Process process = new ProcessBuilder(binary, String.valueOf(cost.iterations()), String.valueOf(cost.memoryKiB()),
                String.valueOf(cost.parallelism()), String.valueOf(warmup), String.valueOf(measured))
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (process.waitFor() != 0) {
            throw new IOException("argon2_loop failed: " + output);
        }
        String[] values = output.split(" ");
        return new double[] {Double.parseDouble(values[0]), Double.parseDouble(values[1])};
    }

    /** Per-hash time the reference CLI reports itself, run in a loop. */
    private static List<Double> cli(Argon2Cost cost, String password, int warmup, int measured) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warmup + measured; i++) {
            Process process = new ProcessBuilder("argon2", "saltsaltsalt" + i, "-id", "-t", String.valueOf(cost.iterations()),
                    "-k", String.valueOf(cost.memoryKiB()), "-p", String.valueOf(cost.parallelism()), "-l", "32")
                    .redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(password.getBytes(StandardCharsets.UTF_8));
            }
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (process.waitFor() != 0) {
                throw new IOException("argon2 CLI failed: " + output);
            }
            Matcher seconds = CLI_SECONDS.matcher(output);
            if (!seconds.find()) {
                throw new IOException("argon2 CLI printed no timing: " + output);
            }
            if (i >= warmup) {
                times.add(Double.parseDouble(seconds.group(1)) * 1000);
            }
        }
        return times;
    }

    private static void row(Argon2Cost cost, String name, List<Double> times, double reference) {
        double median = median(times);
        double mean = times.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf("%-18s %-28s %10.1f %10.1f %10.2fx%n", cost, name, median, mean, median / reference);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
