package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucspi4j.runtime.tls.Tools.openssl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CAFILE, CADIR (as {@code openssl rehash} leaves it, or plain *.pem) and CCAFILE. */
class TrustMaterialTest {
    @TempDir
    Path dir;

    static List<String> subjects(List<X509Certificate> certs) {
        return certs.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
    }

    @Test
    void caFileBundle() throws Exception {
        TestPki pki = TestPki.get();
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(pki.file("root.pem")) + Files.readString(pki.file("other-root.pem"))
                + Files.readString(pki.file("root.pem")));
        assertThat(subjects(TrustMaterial.anchors(Optional.of(bundle), Optional.empty())))
                .containsExactly("CN=Test Root CA,O=ucspi4j test,C=US", "CN=Other Root CA,O=somebody else,C=US");
    }

    @Test
    void caDirAsOpensslRehashLeavesIt() throws Exception {
        TestPki pki = TestPki.get();
        Path ca = Files.createDirectory(dir.resolve("certs"));
        Files.copy(pki.file("root.pem"), ca.resolve("root.pem"));
        openssl(dir, "rehash", ca.toString());
        // Things such directories hold besides certificates (rehash would complain about them).
        Files.writeString(ca.resolve("README"), "not a certificate\n");
        Files.writeString(ca.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n");
        Files.copy(pki.file("root.key"), ca.resolve("root.key.pem"));
        String hash = openssl(dir, "x509", "-in", ca.resolve("root.pem").toString(), "-noout", "-hash").strip();
        assertThat(Files.isSymbolicLink(ca.resolve(hash + ".0"))).isTrue();
        assertThat(subjects(TrustMaterial.anchors(Optional.empty(), Optional.of(ca))))
                .containsExactly("CN=Test Root CA,O=ucspi4j test,C=US");

        // Only the hashed name, no .pem: found all the same.
        Path hashedOnly = Files.createDirectory(dir.resolve("hashed"));
        String otherHash = openssl(dir, "x509", "-in", pki.file("other-root.pem").toString(), "-noout", "-hash").strip();
        Files.copy(pki.file("other-root.pem"), hashedOnly.resolve(otherHash + ".0"));
        assertThat(subjects(TrustMaterial.anchors(Optional.of(pki.file("root.pem")), Optional.of(hashedOnly))))
                .containsExactly("CN=Test Root CA,O=ucspi4j test,C=US", "CN=Other Root CA,O=somebody else,C=US");
    }

    @Test
    void unreadableListsAreTheServersErrors() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TrustMaterial.anchors(Optional.of(empty), Optional.empty()))
                .isInstanceOf(TlsSetupException.CaList.class)
                .extracting(e -> ((TlsSetupException) e).serverMessage()).isEqualTo("unable to load CA list");
        assertThatThrownBy(() -> TrustMaterial.anchors(Optional.empty(), Optional.of(dir.resolve("nodir"))))
                .isInstanceOf(TlsSetupException.CaList.class);
        assertThatThrownBy(() -> TrustMaterial.clientCas(empty))
                .isInstanceOf(TlsSetupException.ClientCaList.class)
                .extracting(e -> ((TlsSetupException) e).serverMessage()).isEqualTo("unable to load client CA list");
    }

    @Test
    void clientCertificateVerifiedAgainstCadir() throws Exception {
        TestPki pki = TestPki.get();
        Path ca = Files.createDirectory(dir.resolve("cadir"));
        Files.copy(pki.file("root.pem"), ca.resolve("root.pem"));
        openssl(dir, "rehash", ca.toString());
        ServerTlsContext context = TlsContexts.server(TlsServerConfig.of(pki.keyMaterial("server-ec"))
                .withTrust(null, ca, 1).withClientAuth(ClientAuth.REQUIRED, pki.file("root.pem")));
        Peers.ServerRun run = Peers.serve(context, pki.dir, port -> ServerContextTest.sClient(port, "-cert",
                "client.pem", "-key", "client.key", "-cert_chain", "inter.pem"));
        assertThat(run.server().failure()).isNull();
        assertThat(run.server().get("SSL_CLIENT_S_DN_CN")).isEqualTo("client.example");
    }
}
