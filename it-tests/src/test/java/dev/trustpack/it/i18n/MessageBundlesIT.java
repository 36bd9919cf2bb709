package dev.trustpack.it.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.ChoiceFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every message Trustpack adds to the login pages exists in English, German and French, in the bundles as the build
 * packages them (each provider jar's {@code theme-resources/messages} and the theme's own bundle), and each one is a
 * valid {@link MessageFormat}: the same placeholders in every language, and no lone apostrophe that MessageFormat
 * would swallow (write {@code ''}).
 */
class MessageBundlesIT {

    private static final List<String> LANGUAGES = List.of("de", "fr");
    private static final List<String> ENGLISH_BUNDLES = List.of("theme-resources/messages/messages_en.properties",
            "theme/trustpack/login/messages/messages_en.properties");
    /** An apostrophe that is not part of a doubled pair. */
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @Test
    @DisplayName("every Trustpack key of every English bundle is in the German and French bundles beside it, and no other")
    void everyKeyInEveryLanguage() throws IOException {
        List<URL> english = trustpackBundles();
        assertThat(english).as("Trustpack's English bundles on the classpath").hasSizeGreaterThanOrEqualTo(6);
        List<String> problems = new ArrayList<>();
        for (URL bundle : english) {
            Properties en = load(bundle);
            for (String language : LANGUAGES) {
                URL translated = sibling(bundle, language);
                Properties other = loadIfPresent(translated);
                if (other == null) {
                    problems.add(translated + " is missing");
                    continue;
                }
                TreeSet<String> missing = new TreeSet<>(en.stringPropertyNames());
                missing.removeAll(other.stringPropertyNames());
                TreeSet<String> extra = new TreeSet<>(other.stringPropertyNames());
                extra.removeAll(en.stringPropertyNames());
                missing.forEach(key -> problems.add(translated + " lacks " + key));
                extra.forEach(key -> problems.add(translated + " has " + key + ", which English does not"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("every message formats in its language, with the placeholders of the English one and no lone apostrophe")
    void everyMessageFormats() throws IOException {
        List<String> problems = new ArrayList<>();
        for (URL bundle : trustpackBundles()) {
            Properties en = load(bundle);
            for (String language : List.of("en", "de", "fr")) {
                Properties messages = language.equals("en") ? en : loadIfPresent(sibling(bundle, language));
                if (messages == null) {
                    continue;
                }
                for (String key : new TreeSet<>(messages.stringPropertyNames())) {
                    String where = language + " " + key;
                    String pattern = messages.getProperty(key);
                    try {
                        MessageFormat format = new MessageFormat(pattern, Locale.forLanguageTag(language));
                        if (!placeholders(format).equals(placeholders(new MessageFormat(en.getProperty(key, ""))))) {
                            problems.add(where + ": placeholders differ from English");
                        }
                        // 0, 1 and 2 reach every branch of the plural choices.
                        for (int count = 0; count <= 2; count++) {
                            String text = format.format(sampleArguments(format, count));
                            if (text.contains("''") || text.contains("{") || text.contains("#")) {
                                problems.add(where + ": formats to \"" + text + "\"");
                            }
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ": " + e.getMessage());
                    }
                    if (LONE_APOSTROPHE.matcher(pattern).find()) {
                        problems.add(where + ": a lone ' (MessageFormat drops it; write '')");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Argument index → "choice" or "text", as the pattern uses it. */
    private static List<String> placeholders(MessageFormat format) {
        List<String> kinds = new ArrayList<>();
        for (Format each : format.getFormatsByArgumentIndex()) {
            kinds.add(each instanceof ChoiceFormat ? "choice" : "text");
        }
        return kinds;
    }

    private static Object[] sampleArguments(MessageFormat format, int count) {
        Format[] formats = format.getFormatsByArgumentIndex();
        Object[] arguments = new Object[formats.length];
        for (int i = 0; i < formats.length; i++) {
            arguments[i] = formats[i] instanceof ChoiceFormat ? (Object) count : "Acme";
        }
        return arguments;
    }

    private static List<URL> trustpackBundles() throws IOException {
        List<URL> bundles = new ArrayList<>();
        for (String name : ENGLISH_BUNDLES) {
            for (URL url : Collections.list(MessageBundlesIT.class.getClassLoader().getResources(name))) {
                // Keycloak's own jars carry bundles of the same name; only Trustpack's are ours to check.
                if (!url.toString().contains("/org/keycloak/") && !url.toString().contains("org.keycloak")) {
                    bundles.add(url);
                }
            }
        }
        return bundles;
    }

    private static URL sibling(URL english, String language) throws IOException {
        return URI.create(english.toString().replace("messages_en.properties", "messages_" + language + ".properties")).toURL();
    }

    private static Properties load(URL url) throws IOException {
        Properties properties = loadIfPresent(url);
        assertThat(properties).as(url.toString()).isNotNull();
        return properties;
    }

    private static Properties loadIfPresent(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
