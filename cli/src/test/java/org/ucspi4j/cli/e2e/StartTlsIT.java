package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * UCSPI-TLS end to end: {@code sslserver -n} running the sample STARTTLS SMTP server against swaks,
 * {@code openssl s_client -starttls smtp}, a client that pipelines a command behind STARTTLS, and
 * {@code sslclient -y} (client-side UCSPI-TLS); and against a probe program: the {@code -B} banner
 * in clear, {@code y} versus {@code Y}, and a program that never asks for TLS.
 */
class StartTlsIT {
    static final String BANNER = "hello from the banner";

    @TempDir
    static Path dir;

    static Pki pki;
    static Path spool;
    /** {@code -V -n} running samples/smtp/starttls-smtpd, spooling what it accepts. */
    static ServerProcess smtp;
    /** {@code -V -n -B banner} running the probe. */
    static ServerProcess probe;

    @BeforeAll
    static void start() throws IOException {
        pki = Pki.get();
        spool = Files.createDirectories(dir.resolve("spool"));
        String smtpd = Launcher.home().resolve("samples/smtp/starttls-smtpd").toString();
        List<ServerProcess> s = ServerProcess.startAll(
                ServerProcess.in(dir).options("-V", "-n").pkiCertificate(pki).env("SMTPD_SPOOL", spool.toString())
                        .program(smtpd),
                ServerProcess.in(dir).options("-V", "-n", "-B", BANNER + "\r\n").pkiCertificate(pki)
                        .program(Programs.ucspiTlsProbe(dir).toString()));
        smtp = s.get(0);
        probe = s.get(1);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess s : new ServerProcess[] {smtp, probe}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void swaksDeliversMailOverStartTls() throws IOException {
        Tools.Result r = Tools.run(dir, Tools.command("swaks", "--server", "127.0.0.1:" + smtp.port(), "--tls",
                "--tls-verify", "--tls-ca-path", pki.file("ca.pem").toString(), "--ehlo", "swaks.example",
                "--from", "sender@example.org", "--to", "rcpt@example.org", "--h-Subject", "over swaks"));
        assertThat(r.exit()).as(r.toString()).isZero();
        Matcher tls = Pattern.compile("(?m)^=== TLS started with cipher (TLSv[0-9.]+):([^:]+):").matcher(r.out());
        assertThat(tls.find()).as(r.out()).isTrue();
        assertThat(r.out()).contains("<~  250 accepted", "<~  221 bye");

        String mail;
        try (Stream<Path> files = Files.list(spool)) {
            mail = files.map(StartTlsIT::read).filter(m -> m.contains("Subject: over swaks")).findFirst()
                    .orElseThrow(() -> new AssertionError("nothing spooled"));
        }
        // the program read SSL_PROTOCOL and SSL_CIPHER from the Y block
        assertThat(mail).startsWith("X-TLS: " + tls.group(1) + " " + tls.group(2) + "\n");
        smtp.awaitLine("sslserver: ssl \\d+ accept " + Pattern.quote(tls.group(1) + ":" + tls.group(2)));
    }

    @Test
    void opensslStartTlsSmtpSeesTheSessionTheProgramSees() {
        try (Peers.Interactive c = new Peers.Interactive(pki, "127.0.0.1", smtp.port(), "-starttls", "smtp",
                "-tls1_2")) {
            c.send("XTLS");
            assertThat(c.awaitOutput("\n", Tools.PATIENCE)).as(c.report()).isTrue();
            // the report comes on s_client's standard error, which may trail its output
            String cipher = c.awaitReport(Pattern.compile("(?m)^Ciphersuite: (\\S+)\\r?\\n"), Tools.PATIENCE);
            assertThat(cipher).as(c.report()).isNotNull();
            assertThat(c.output()).isEqualTo("250 TLSv1.2 " + cipher + "\r\n");
            assertThat(c.finish()).as(c.report()).isZero();
        }
        smtp.awaitLine("sslserver: ssl \\d+ accept TLSv1\\.2:.*");
    }

    /**
     * CVE-2011-0411: a command pipelined behind STARTTLS in clear must not be answered inside TLS.
     * The first reply after the handshake answers XTLS, sent over TLS, not the injected NOOP.
     */
    @Test
    void plaintextPipelinedAfterStartTlsIsDiscarded() {
        try (StartTlsClient c = new StartTlsClient("127.0.0.1", smtp.port())) {
            assertThat(c.reply()).singleElement().asString().startsWith("220 ");
            c.send("EHLO pipeliner.example\r\n");
            assertThat(c.reply()).contains("250-STARTTLS");
            c.send("STARTTLS\r\nNOOP\r\n");
            assertThat(c.reply()).containsExactly("220 ready to start TLS");
            SSLSession session = c.startTls(pki);
            c.send("XTLS\r\n");
            assertThat(c.reply()).containsExactly("250 " + session.getProtocol() + " " + session.getCipherSuite());
            c.send("NOOP\r\n");
            assertThat(c.reply()).containsExactly("250 noop");
            c.send("QUIT\r\n");
            assertThat(c.reply()).containsExactly("221 bye");
            long id = SslServerEnvironmentIT.connectionId(smtp, "127.0.0.1", Integer.toString(c.localPort()));
            assertThat(smtp.connection(id)).last().isEqualTo("sslserver: end " + id + " status 0");
        }
    }

    /**
     * {@code -B} goes out in clear before the program's first word; {@code Y} brings the variables
     * back to the program (and into the {@code -V} accept line), {@code y} does not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Y", "y"})
    void bannerInClearThenTlsOnRequest(String command) {
        try (StartTlsClient c = new StartTlsClient("127.0.0.1", probe.port())) {
            assertThat(c.line()).isEqualTo(BANNER);
            assertThat(c.line()).isEqualTo("probe ready");
            c.send(command + "\r\n");
            SSLSession session = c.startTls(pki);
            String tls = command.equals("Y") ? session.getProtocol() + " " + session.getCipherSuite() : "- -";
            assertThat(c.line()).isEqualTo("tls " + command + " " + tls);
            c.send("ping\r\n");
            assertThat(c.line()).isEqualTo("echo ping");
            assertThat(c.line()).as("the program is done").isNull();
            long id = SslServerEnvironmentIT.connectionId(probe, "127.0.0.1", Integer.toString(c.localPort()));
            String accept = command.equals("Y") ? session.getProtocol() + ":" + session.getCipherSuite() : "";
            assertThat(probe.connection(id)).contains("sslserver: ssl " + id + " accept " + accept)
                    .last().isEqualTo("sslserver: end " + id + " status 0");
        }
    }

    /** A program that never writes to SSLCTLFD speaks clear text to the end; its exit status is logged. */
    @Test
    void programThatNeverAsksForTlsStaysInClear() {
        try (StartTlsClient c = new StartTlsClient("127.0.0.1", probe.port())) {
            assertThat(c.line()).isEqualTo(BANNER);
            assertThat(c.line()).isEqualTo("probe ready");
            c.send("none\r\n");
            assertThat(c.line()).isEqualTo("no tls");
            assertThat(c.line()).isNull();
            long id = SslServerEnvironmentIT.connectionId(probe, "127.0.0.1", Integer.toString(c.localPort()));
            assertThat(probe.connection(id)).last().isEqualTo("sslserver: end " + id + " status 768");
        }
    }

    /** Client-side UCSPI-TLS: an SMTP client program upgrades its own connection with {@code y} or {@code Y}. */
    @ParameterizedTest
    @ValueSource(strings = {"Y", "y"})
    void sslclientDashYDrivesStartTls(String command) {
        Tools.Result r = ClientRun.of(dir, "sslclient", "-y", "-a", pki.file("ca.pem").toString(), "localhost",
                Integer.toString(smtp.port()), Programs.smtpStartTlsClient(dir).toString(), command).run();
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("greeting 220 ");
        assertThat(lines.get(1)).startsWith("ehlo 250-").contains("250-STARTTLS");
        assertThat(lines.get(2)).isEqualTo("starttls 220 ready to start TLS");
        assertThat(lines.get(3)).startsWith("ehlo-tls 250-").doesNotContain("STARTTLS");
        Matcher xtls = Pattern.compile("xtls 250 (TLSv1\\.[23]) (\\S+)").matcher(lines.get(4));
        assertThat(xtls.matches()).as(lines.get(4)).isTrue();
        // what the server's program saw, and what the client's program was told
        assertThat(lines.get(5)).isEqualTo(command.equals("Y")
                ? "block " + xtls.group(1) + " " + xtls.group(2) + " localhost" : "block - - -");
        assertThat(lines.get(6)).isEqualTo("quit 221 bye");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
