package dev.tandem.server.it;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 in a PKCS12 keystore, made by the running JDK's
 * {@code keytool}, and an {@link SSLContext} that trusts exactly that certificate.
 */
final class TestCertificate {
  static final String PASSWORD = "test-password";
  static final String ALIAS = "tandem";

  final Path keystore;

  private TestCertificate(Path keystore) {
    this.keystore = keystore;
  }

  static TestCertificate create(Path dir) throws Exception {
    Path keystore = dir.resolve("tandem-test.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(keystore)) {
      throw new AssertionError("keytool failed: " + output);
    }
    return new TestCertificate(keystore);
  }

  /** Trusts this certificate only. */
  SSLContext trustingContext() throws Exception {
    KeyStore generated = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      generated.load(in, PASSWORD.toCharArray());
    }
    Certificate certificate = generated.getCertificate(ALIAS);
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry(ALIAS, certificate);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
