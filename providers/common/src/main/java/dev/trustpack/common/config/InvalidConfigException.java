package dev.trustpack.common.config;

/** A configuration value that cannot be used. The message always names the setting. */
public final class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidConfigException(String key, String problem) {
        super("Invalid value for '" + key + "': " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
