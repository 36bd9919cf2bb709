package dev.trustpack.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (Deque's accessibility engine, the {@code axe.min.js} its Selenium artifact ships) on the page the
 * browser shows, with its WCAG 2.x A/AA and best-practice rules, and returns the violations of serious or critical
 * impact, each with its rule, help text and the elements it found.
 */
public final class Axe {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final String SCRIPT = load();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Axe() {
    }

    /** The page's serious and critical violations, one line each; empty when the page passes. */
    public static List<String> seriousViolations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(SCRIPT);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                    .then(r => done(JSON.stringify(r.violations)))
                    .catch(e => done(JSON.stringify({error: String(e)})));
                """);
        try {
            JsonNode violations = JSON.readTree(String.valueOf(result));
            if (violations.has("error")) {
                throw new IllegalStateException("axe failed: " + violations.get("error").asText());
            }
            List<String> serious = new ArrayList<>();
            for (JsonNode violation : violations) {
                if (BLOCKING.contains(violation.path("impact").asText())) {
                    List<String> targets = new ArrayList<>();
                    violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
                    serious.add(violation.path("impact").asText() + " " + violation.path("id").asText() + ": "
                            + violation.path("help").asText() + " at " + targets);
                }
            }
            return serious;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String load() {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
