package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * testssl.sh and sslscan (the Debian packages) against sslserver's default configuration: the
 * embedded self-signed P-256 certificate, and the test PKI's RSA and EC certificates with nothing
 * else set. Protocols: TLS 1.2 and 1.3 only. Suites: forward secrecy with AEAD only (no NULL, EXPORT,
 * RC4, DES/3DES, anonymous, static-RSA or CBC suite). Vulnerabilities: testssl's {@code -U} checks
 * flag nothing; any finding of severity LOW or above fails the test, except the ones listed in
 * {@link #ACCEPTED} with the reason.
 */
class SslServerScanIT {
    /** testssl findings (id) we accept at LOW, and why; none at the moment. */
    static final Map<String, String> ACCEPTED = Map.of();

    /** Ids that describe the server rather than judge it (certificate trust is not what is tested here). */
    static final Set<String> NOT_JUDGED = Set.of("service", "scanTime", "engine_problem", "scanProblem");

    @TempDir
    static Path dir;

    static ServerProcess embedded;
    static ServerProcess rsa;
    static ServerProcess ec;

    @BeforeAll
    static void start() {
        Pki pki = Pki.get();
        String echo = Programs.echo(dir).toString();
        List<ServerProcess> s = ServerProcess.startAll(
                ServerProcess.in(dir).program(echo),
                ServerProcess.in(dir).pkiCertificate(pki).program(echo),
                ServerProcess.in(dir).env("CERTFILE", pki.file("server-ec.pem").toString())
                        .env("KEYFILE", pki.file("server-ec.key").toString()).program(echo));
        embedded = s.get(0);
        rsa = s.get(1);
        ec = s.get(2);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess s : new ServerProcess[] {embedded, rsa, ec}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void sslscanFindsOnlyTls12And13WithForwardSecretAeadSuites() {
        for (ServerProcess s : List.of(embedded, rsa, ec)) {
            Tools.Result r = Tools.run(dir, Map.of(), new byte[0], Duration.ofMinutes(3),
                    Tools.command("sslscan", "--no-colour", "127.0.0.1:" + s.port()));
            String out = r.out();
            assertThat(r.exit()).as(out).isZero();
            for (String old : List.of("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1")) {
                assertThat(out).as(out).containsPattern("(?m)^" + Pattern.quote(old) + "\\s+disabled$");
            }
            assertThat(out).containsPattern("(?m)^TLSv1\\.2\\s+enabled$").containsPattern("(?m)^TLSv1\\.3\\s+enabled$");
            assertThat(out).doesNotContainPattern("(?i)vulnerable to heartbleed(?<!not vulnerable to heartbleed)")
                    .contains("not vulnerable to heartbleed");
            Matcher m = Pattern.compile("(?m)^(?:Preferred|Accepted)\\s+(TLSv1\\.[0-3]|SSLv[23])\\s+\\d+ bits\\s+(\\S+)")
                    .matcher(out);
            List<String> suites = new ArrayList<>();
            while (m.find()) {
                String protocol = m.group(1);
                String suite = m.group(2);
                suites.add(protocol + " " + suite);
                assertThat(protocol).as(suite).isIn("TLSv1.2", "TLSv1.3");
                assertThat(suite).as(protocol).doesNotContainPattern("(?i)NULL|EXP|RC4|DES|IDEA|MD5|anon|ADH|AECDH|PSK|SRP");
                if (protocol.equals("TLSv1.2")) {
                    assertThat(suite).as("forward secrecy").matches("(ECDHE|DHE)-.*");
                    assertThat(suite).as("AEAD").matches(".*(GCM|CHACHA20-POLY1305).*");
                } else {
                    assertThat(suite).matches("TLS_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)");
                }
            }
            assertThat(suites).as(out).anyMatch(x -> x.startsWith("TLSv1.2")).anyMatch(x -> x.startsWith("TLSv1.3"));
            System.out.println("sslscan 127.0.0.1:" + s.port() + ": " + suites);
        }
    }

    @Test
    void testsslFlagsNothing() throws Exception {
        // two scans at once: each mostly waits on its openssl and socket probes
        var first = CompletableFuture.supplyAsync(() -> testssl(embedded, "embedded"), Thread::startVirtualThread);
        var second = CompletableFuture.supplyAsync(() -> testssl(rsa, "rsa"), Thread::startVirtualThread);
        for (List<Finding> findings : List.of(first.get(), second.get())) {
            List<String> flagged = new ArrayList<>();
            for (Finding f : findings) {
                String id = f.id();
                String severity = f.severity();
                String finding = f.finding();
                if (NOT_JUDGED.contains(id)) {
                    continue;
                }
                if (severity.matches("LOW|MEDIUM|HIGH|CRITICAL|WARN|FATAL") && !ACCEPTED.containsKey(id)) {
                    flagged.add(id + " " + severity + ": " + finding);
                }
            }
            assertThat(flagged).as("testssl findings").isEmpty();
            Map<String, String> byId = new java.util.HashMap<>();
            findings.forEach(f -> byId.put(f.id(), f.finding()));
            for (String id : List.of("SSLv2", "SSLv3", "TLS1", "TLS1_1", "cipherlist_NULL", "cipherlist_aNULL",
                    "cipherlist_EXPORT", "cipherlist_LOW", "cipherlist_3DES_IDEA", "cipherlist_AVERAGE")) {
                assertThat(byId.get(id)).as(id).startsWith("not offered");
            }
            assertThat(byId.get("TLS1_2")).startsWith("offered");
            assertThat(byId.get("TLS1_3")).startsWith("offered");
            assertThat(byId.get("PFS")).isEqualTo("offered");
            assertThat(byId.get("secure_client_renego")).startsWith("not vulnerable");
        }
    }

    /** One entry of testssl's flat JSON output. */
    record Finding(String id, String severity, String finding) {}

    /** {@code testssl -p -s -f -U} (protocols, cipher categories, forward secrecy, vulnerabilities): its findings. */
    private static List<Finding> testssl(ServerProcess s, String name) {
        Path json = dir.resolve("testssl-" + name + ".json");
        Tools.Result r = Tools.run(dir, Map.of(), new byte[0], Duration.ofMinutes(10), Tools.command("testssl",
                "--quiet", "--color", "0", "--warnings", "off", "--jsonfile", json.toString(),
                "-p", "-s", "-f", "-U", "127.0.0.1:" + s.port()));
        assertThat(r.exit()).as(r.toString()).isNotEqualTo(-1);
        // the JSON as tab-separated lines, by python3 (the tests have no JSON library of their own)
        Tools.Result t = Tools.run(dir, Tools.command("python3", "-c", """
                import json, sys
                for f in json.load(open(sys.argv[1])):
                    print("\\t".join(str(f.get(k, "")).replace("\\t", " ").replace("\\n", " ")
                                    for k in ("id", "severity", "finding")))
                """, json.toString()));
        assertThat(t.exit()).as("testssl's JSON: " + t + "\n" + r).isZero();
        List<Finding> findings = t.out().lines().map(l -> l.split("\t", 3))
                .map(f -> new Finding(f[0], f[1], f.length > 2 ? f[2] : "")).toList();
        assertThat(findings).as(r.toString()).isNotEmpty();
        System.out.println("testssl " + name + ": " + findings.size() + " findings, " + r.out().lines()
                .filter(l -> l.contains("VULNERABLE") || l.contains("NOT ok")).toList());
        return findings;
    }
}
