package org.ucspi4j.cli.e2e;

import static org.ucspi4j.cli.e2e.Tools.openssl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The certificates the end-to-end tests serve and present, made with the real {@code openssl} once
 * per test JVM in a temporary directory: a CA; a server certificate (RSA, SAN localhost, 127.0.0.1
 * and ::1, a serial wider than 64 bits) with its key plain, encrypted, combined with the certificate
 * and as a chain file; an unrelated key; client certificates under the CA (one named client.example,
 * one named localhost) and one under an unrelated CA; DH parameters. For sslclient's checks: an EC
 * server certificate for the same names; the RSA one again but expired, not yet valid and
 * self-signed; one under the CA for another name only; the client.example key encrypted and combined.
 */
final class Pki {
    /** The passphrase of {@code server-enc.key}. */
    static final String PASSPHRASE = "e2e secret";
    static final String SERVER_SERIAL = "0x7e2e5e27e2000000000001";

    private static final String CONFIG = """
            [req]
            distinguished_name = dn
            [dn]
            [v3_ca]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            [v3_server]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1
            [v3_client]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = clientAuth
            subjectAltName = DNS:client.example,email:client@example.org
            [v3_wrong_name]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:wrong.example
            [ca]
            default_ca = ca_default
            [ca_default]
            database = ca-index.txt
            new_certs_dir = .
            serial = ca-serial.txt
            default_md = sha256
            policy = any_name
            unique_subject = no
            [any_name]
            commonName = supplied
            [v3_client_localhost]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = clientAuth
            subjectAltName = DNS:localhost
            """;

    private final Path dir;

    private Pki(Path dir) {
        this.dir = dir;
    }

    private static final class Holder {
        static final Pki PKI = create();
    }

    static Pki get() {
        return Holder.PKI;
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    private static Pki create() {
        try {
            Path dir = Files.createTempDirectory("ucspi4j-e2e-pki");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            Files.writeString(dir.resolve("openssl.cnf"), CONFIG);
            Pki pki = new Pki(dir);
            pki.root("ca", "/C=US/O=ucspi4j e2e/CN=ucspi4j e2e CA", "0x1001");
            pki.root("rogue-ca", "/C=US/O=somebody else/CN=Rogue CA", "0x1002");
            pki.issue("server", "rsa", "/C=US/ST=New York/L=Brooklyn/O=ucspi4j e2e/OU=servers/CN=localhost"
                    + "/emailAddress=server@example.org", "ca", "v3_server", SERVER_SERIAL);
            pki.issue("client", "ec", "/C=DE/O=ucspi4j e2e/OU=clients/CN=client.example/emailAddress=client@example.org",
                    "ca", "v3_client", "0xc11e47");
            pki.issue("client-localhost", "ec", "/O=ucspi4j e2e/CN=localhost", "ca", "v3_client_localhost", "0xc11e48");
            pki.issue("rogue-client", "ec", "/O=somebody else/CN=client.example", "rogue-ca", "v3_client", "0xbad");
            openssl(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "other.key");
            openssl(dir, "pkey", "-in", "server.key", "-aes-256-cbc", "-passout", "pass:" + PASSPHRASE,
                    "-out", "server-enc.key");
            Files.writeString(dir.resolve("server-combined.pem"),
                    Files.readString(dir.resolve("server.pem")) + Files.readString(dir.resolve("server.key")));
            Files.writeString(dir.resolve("server-chain.pem"),
                    Files.readString(dir.resolve("server.pem")) + Files.readString(dir.resolve("ca.pem")));
            openssl(dir, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", "dh.pem");
            pki.serverVariants();
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What sslclient must accept (EC) or refuse (dates, trust, name), and the client key in other forms. */
    private void serverVariants() throws IOException {
        issue("server-ec", "ec", "/O=ucspi4j e2e/CN=localhost", "ca", "v3_server", "0x7e2e5e27e2000000000002");
        issue("wrong-name", "ec", "/O=ucspi4j e2e/CN=wrong.example", "ca", "v3_wrong_name", "0x7e2e5e27e2000000000003");
        // openssl x509 cannot date a certificate freely; openssl ca can
        Files.writeString(dir.resolve("ca-index.txt"), "");
        Files.writeString(dir.resolve("ca-serial.txt"), "7E2E5E27E2000000000004\n");
        dated("expired", "20200101000000Z", "20200201000000Z");
        dated("not-yet-valid", "20991201000000Z", "20991231000000Z");
        openssl(dir, "req", "-config", "openssl.cnf", "-x509", "-key", "server.key", "-subj", "/CN=localhost",
                "-extensions", "v3_server", "-days", "30", "-set_serial", "0x7e2e5e27e2000000000006",
                "-out", "self-signed.pem");
        openssl(dir, "pkey", "-in", "client.key", "-aes-256-cbc", "-passout", "pass:" + PASSPHRASE,
                "-out", "client-enc.key");
        Files.writeString(dir.resolve("client-combined.pem"),
                Files.readString(dir.resolve("client.pem")) + Files.readString(dir.resolve("client.key")));
    }

    /** The server's key and names under the CA, valid from {@code start} to {@code end} only. */
    private void dated(String name, String start, String end) {
        openssl(dir, "ca", "-batch", "-config", "openssl.cnf", "-cert", "ca.pem", "-keyfile", "ca.key",
                "-in", "server.csr", "-startdate", start, "-enddate", end, "-extensions", "v3_server",
                "-notext", "-preserveDN", "-out", name + ".pem");
    }

    private void root(String name, String subject, String serial) {
        openssl(dir, "req", "-config", "openssl.cnf", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", name + ".key", "-out", name + ".pem", "-days", "30", "-subj", subject,
                "-extensions", "v3_ca", "-set_serial", serial);
    }

    private void issue(String name, String keyType, String subject, String issuer, String extensions, String serial) {
        List<String> args = new ArrayList<>(List.of("req", "-config", "openssl.cnf", "-new"));
        args.addAll(keyType.equals("rsa") ? List.of("-newkey", "rsa:2048")
                : List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"));
        args.addAll(List.of("-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject));
        openssl(dir, args.toArray(String[]::new));
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem", "-CAkey", issuer + ".key",
                "-set_serial", serial, "-days", "30", "-extfile", "openssl.cnf", "-extensions", extensions,
                "-out", name + ".pem");
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
