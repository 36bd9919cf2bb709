package dev.trustpack.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at test time, never committed: its certificate goes into Keycloak's truststore
 * ({@code truststore-paths}); it signs the certificate of the loopback TLS receivers (webhook, syslog) for
 * {@code localhost} and {@code 127.0.0.1}. A "rogue" self-signed certificate for the same names proves that an
 * untrusted receiver is refused. Kept in {@code target/it-pki} so a reused test server still trusts it.
 */
public final class TestPki {

    private static final Path DIR = Path.of("target", "it-pki").toAbsolutePath();
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static TestPki instance;

    private final KeyStore store;
    private final char[] password;

    private TestPki(KeyStore store, char[] password) {
        this.store = store;
        this.password = password;
    }

    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                instance = loadOrCreate();
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Cannot set up the test PKI in " + DIR, e);
            }
        }
        return instance;
    }

    /** PEM file of the CA certificate, for Keycloak's {@code truststore-paths}. */
    public Path caCertificatePem() {
        return DIR.resolve("ca.pem");
    }

    /** TLS server context with the CA-signed certificate for localhost / 127.0.0.1. */
    public SSLContext trustedServer() {
        return serverContext("server");
    }

    /** TLS server context with a self-signed certificate Keycloak does not trust. */
    public SSLContext rogueServer() {
        return serverContext("rogue");
    }

    private SSLContext serverContext(String alias) {
        try {
            KeyStore single = KeyStore.getInstance("PKCS12");
            single.load(null, null);
            single.setKeyEntry(alias, store.getKey(alias, password), password, store.getCertificateChain(alias));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(single, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestPki loadOrCreate() throws GeneralSecurityException, IOException {
        Path storeFile = DIR.resolve("pki.p12");
        Path passwordFile = DIR.resolve("pki.password");
        if (Files.exists(storeFile) && Files.exists(passwordFile) && Files.exists(DIR.resolve("ca.pem"))) {
            char[] password = Files.readString(passwordFile).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(storeFile)) {
                store.load(in, password);
            }
            X509Certificate server = (X509Certificate) store.getCertificate("server");
            if (server != null && server.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)))) {
                return new TestPki(store, password);
            }
        }
        return create(storeFile, passwordFile);
    }

    private static TestPki create(Path storeFile, Path passwordFile) throws GeneralSecurityException, IOException {
        Files.createDirectories(DIR);
        char[] password = UUID.randomUUID().toString().toCharArray();
        KeyPair caKeys = ecKeys();
        X500Name caName = new X500Name("CN=Trustpack integration-test CA");
        X509Certificate ca = sign(caName, caKeys.getPrivate(), new JcaX509v3CertificateBuilder(caName, serial(), notBefore(),
                notAfter(), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));

        KeyPair serverKeys = ecKeys();
        X509Certificate server = sign(caName, caKeys.getPrivate(), leaf(caName, new X500Name("CN=localhost"), serverKeys));
        KeyPair rogueKeys = ecKeys();
        X500Name rogueName = new X500Name("CN=localhost (rogue)");
        X509Certificate rogue = sign(rogueName, rogueKeys.getPrivate(), leaf(rogueName, rogueName, rogueKeys));

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("ca", caKeys.getPrivate(), password, new Certificate[] {ca});
        store.setKeyEntry("server", serverKeys.getPrivate(), password, new Certificate[] {server, ca});
        store.setKeyEntry("rogue", rogueKeys.getPrivate(), password, new Certificate[] {rogue});
        try (OutputStream out = Files.newOutputStream(storeFile)) {
            store.store(out, password);
        }
        Files.writeString(passwordFile, new String(password));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(ca);
        }
        Files.writeString(DIR.resolve("ca.pem"), pem.toString(), StandardCharsets.US_ASCII);
        return new TestPki(store, password);
    }

    private static X509v3CertificateBuilder leaf(X500Name issuer, X500Name subject, KeyPair keys) throws IOException {
        return new JcaX509v3CertificateBuilder(issuer, serial(), notBefore(), notAfter(), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }

    private static X509Certificate sign(X500Name issuer, PrivateKey issuerKey, X509v3CertificateBuilder builder)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(VALIDITY));
    }
}
