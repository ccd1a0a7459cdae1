package dev.tandem.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions on a link the server hands out when it serves TLS ({@code tandem://…&tls=1}): they
 * connect over wss (OkHttp) to a real in-process server whose self-signed certificate they trust
 * through {@link SyncConfig#trustManager()}, and converge; without that trust they cannot connect.
 */
class TlsEndToEndTest {
  static final String PASSWORD = "test-password";

  @TempDir Path dir;
  RoomServer server;
  final List<TestEditor> editors = new ArrayList<>();

  @AfterEach
  void stop() {
    editors.forEach(TestEditor::close);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void twoSessionsOnATlsAppLinkConverge() throws Exception {
    Path keystore = selfSignedKeystore(dir);
    server = RoomServer.start(ServerConfig.builder().bindAddress("127.0.0.1").port(0)
        .dataDirectory(dir.resolve("server")).tls(keystore, PASSWORD).build());
    RoomCreator.NewRoom room = server.createRoom();
    RoomLink link = RoomLink.parse(server.appLink("127.0.0.1", room.id(), room.editKey()));
    assertThat(link.secure()).isTrue();
    assertThat(link.webSocketUrl()).startsWith("wss://127.0.0.1:");

    SyncConfig trusting = EndToEndTest.fastConfig().toBuilder().trustManager(trusting(keystore)).build();
    TestEditor ana = join("ana", link, trusting);
    TestEditor bo = join("bo", link, trusting);
    EndToEndTest.awaitOpen(ana);
    EndToEndTest.awaitOpen(bo);
    ana.edit(doc -> Delta.builder().insert("secure ").build());
    bo.edit(doc -> Delta.builder().insert("hello").build());
    EndToEndTest.awaitConverged(List.of(ana, bo));
    assertThat(ana.text()).hasSize("secure hello\n".length()).contains("secure ").contains("hello");

    // The JDK's default trust store does not know the test certificate: no session opens.
    TestEditor stranger = join("cy", link, EndToEndTest.fastConfig());
    await().atMost(Duration.ofSeconds(10)).until(() -> stranger.session.state() == SyncSession.State.RECONNECTING);
  }

  private TestEditor join(String name, RoomLink link, SyncConfig config) {
    TestEditor editor = new TestEditor(name);
    editor.session = SyncSession.connect(link, new User(name, "#336699"),
        config.toBuilder().listenerExecutor(editor.ui).build(), editor);
    editors.add(editor);
    return editor;
  }

  /** A PKCS12 keystore with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
  static Path selfSignedKeystore(Path dir) throws Exception {
    Path keystore = dir.resolve("tls.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "tandem", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("keytool failed: " + output);
    }
    return keystore;
  }

  /** Trusts the keystore's certificate and nothing else. */
  static X509TrustManager trusting(Path keystore) throws Exception {
    KeyStore generated = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      generated.load(in, PASSWORD.toCharArray());
    }
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("tandem", generated.getCertificate("tandem"));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return (X509TrustManager) factory.getTrustManagers()[0];
  }
}
