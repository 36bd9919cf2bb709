package dev.trustpack.audit.sink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

import dev.trustpack.common.config.IntSetting;
import dev.trustpack.common.config.Setting;
import dev.trustpack.common.config.StringSetting;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.truststore.TruststoreProvider;

/** {@code trustpack-syslog}: RFC 5424 messages over TCP with octet counting (RFC 6587), or over TLS (RFC 5425). */
public final class SyslogSinkFactory extends SinkFactoryBase {

    public static final String ID = "trustpack-syslog";

    static final StringSetting HOST = new StringSetting("host", "Host", "Syslog receiver host name or IP address.",
            null, "[A-Za-z0-9._:-]{1,253}", "a host name or IP address");
    static final IntSetting PORT = new IntSetting("port", "Port", "Receiver port (6514 is the TLS syslog port).",
            6514, 1, 65535);
    static final StringSetting TRANSPORT = new StringSetting("transport", "Transport",
            "tls (RFC 5425, certificate checked against Keycloak's truststore and the host name) or tcp.", "tls",
            "tls|tcp", "tls or tcp");
    static final StringSetting APP_NAME = new StringSetting("app-name", "APP-NAME", "RFC 5424 APP-NAME field.",
            "keycloak", "[!-~]{1,48}", "1 to 48 printable ASCII characters");
    static final IntSetting FACILITY = new IntSetting("facility", "Facility",
            "RFC 5424 facility number (10: security/authorization, 13: log audit).", 10, 0, 23);
    static final StringSetting STRUCTURED_DATA_ID = new StringSetting("structured-data-id", "Structured data ID",
            "SD-ID of the record's structured data: name@private-enterprise-number.", "trustpack@32473",
            "[A-Za-z0-9._-]{1,20}@[0-9]{1,11}", "name@number, such as trustpack@32473");
    static final IntSetting CONNECT_TIMEOUT_MS = new IntSetting("connect-timeout-ms", "Connect timeout (ms)",
            "Longest wait for the connection and TLS handshake.", 5000, 100, 60000);
    static final IntSetting TIMEOUT_MS = new IntSetting("timeout-ms", "Write timeout (ms)",
            "Longest time to write one batch; a stalled receiver fails the attempt.", 10000, 100, 60000);

    private static final String HOSTNAME = localHostname();
    private static final String PROC_ID = Long.toString(ProcessHandle.current().pid());

    /** This sink's own settings (besides {@link SinkSettings#ALL}). */
    static final List<Setting<?>> SETTINGS = List.of(HOST, PORT, TRANSPORT, APP_NAME, FACILITY, STRUCTURED_DATA_ID,
            CONNECT_TIMEOUT_MS, TIMEOUT_MS);

    public SyslogSinkFactory() {
        super(ID, "Delivers audit records as RFC 5424 syslog messages over TLS or TCP.",
                SETTINGS);
    }

    @Override
    AuditSink create(KeycloakSession session, SinkSettings settings, Map<String, String> config) {
        boolean tls = TRANSPORT.read(config).equals("tls");
        SSLSocketFactory sslSockets = null;
        if (tls) {
            TruststoreProvider truststore = session.getProvider(TruststoreProvider.class);
            sslSockets = truststore == null ? null : truststore.getSSLSocketFactory();
            if (sslSockets == null) {
                sslSockets = (SSLSocketFactory) SSLSocketFactory.getDefault();
            }
        }
        SyslogFormat format = new SyslogFormat(FACILITY.read(config), HOSTNAME, APP_NAME.read(config), PROC_ID,
                STRUCTURED_DATA_ID.read(config));
        return new SyslogSink(settings, HOST.read(config), PORT.read(config), sslSockets, format,
                Duration.ofMillis(CONNECT_TIMEOUT_MS.read(config)), Duration.ofMillis(TIMEOUT_MS.read(config)));
    }

    @Override
    void validate(KeycloakSession session, RealmModel realm, Map<String, String> config) {
        // Each setting's syntax is all there is to check; the receiver's reachability is a delivery matter.
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
