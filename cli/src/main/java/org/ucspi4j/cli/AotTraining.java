package org.ucspi4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLServerSocket;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.posix.EnvironmentBytes;
import org.ucspi4j.runtime.tls.SelfSignedCertificate;
import org.ucspi4j.runtime.tls.ServerTlsContext;
import org.ucspi4j.runtime.tls.TlsContexts;
import org.ucspi4j.runtime.tls.TlsServerConfig;

/**
 * The training run behind the JDK's AOT cache ({@code -XX:AOTCacheOutput}, JEP 483/514/515), run by
 * {@code ./mvnw package} as {@code java ... -cp ucspi4j.jar org.ucspi4j.cli.Main --aot-training}:
 * tcprules and tcprulescheck on small inputs, so that the classes they load are in the cache, loaded
 * and linked. One file is over a chunk long, so the tcprules worker threads' classes are in it too.
 * Then the cdb tools on a small database. The JVM loads every class of a cache at startup, so one
 * cache for every tool would slow each of them: the rule tools ({@code --aot-training=rules}) and the
 * clients ({@code --aot-training=clients}) have caches of their own, and so have the servers
 * ({@code --aot-training=servers}): a server restarted by its supervisor serves its first clients
 * with the classes loaded and linked and the method profiles of a real TLS workload (JEP 515), not
 * from a cold interpreter. Nothing here is ever run by a user; output goes nowhere.
 */
final class AotTraining {
    private AotTraining() {}

    /** {@code --aot-training}: the short tools; {@code --aot-training=rules}: the rule tools. */
    static int run(String[] args) throws IOException {
        // What Main.main does before a program runs, so that those classes are in the cache too.
        Io.system();
        ArgumentBytes.latin1(args);
        EnvironmentBytes.latin1();
        Path dir = Files.createTempDirectory("ucspi4j-aot-training");
        try {
            if (args[0].equals("--aot-training=rules")) {
                ruleTools(dir);
                return 0;
            }
            if (args[0].equals("--aot-training=clients")) {
                clientTools();
                return 0;
            }
            if (args[0].equals("--aot-training=servers")) {
                ServerTraining.run();
                return 0;
            }
            for (Dialect d : Dialect.values()) {
                byte[] small = rules(d, 100);
                byte[] large = rules(d, 12_000);
                Path cdb = dir.resolve(d.id() + ".cdb");
                run(small, Map.of(), "tcprules", "--dialect=" + d.id(), cdb.toString(), dir.resolve("t.tmp").toString());
                run(large, Map.of(), "tcprules", "--dialect=" + d.id(), cdb.toString(), dir.resolve("t.tmp").toString());
                run("1.2.3.4:allow\nbad line:x\n".getBytes(StandardCharsets.ISO_8859_1), Map.of(), "tcprules",
                        "--dialect=" + d.id(), dir.resolve("bad.cdb").toString(), dir.resolve("b.tmp").toString());
                for (String ip : new String[] {"10.1.2.3", "192.0.2.7", "2001:db8::7", "203.0.113.9"}) {
                    run(new byte[0], Map.of("TCPREMOTEIP", ip, "TCPREMOTEHOST", "mail.example.com", "TCPREMOTEINFO", "joe"),
                            "tcprulescheck", "--dialect=" + d.id(), cdb.toString());
                }
            }
            // the cdb tools, on a small database: their own classes are few, and without them a run
            // opens the jar (cdbget on a small file: 48 -> 40 ms)
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                text.append('+').append(Integer.toString(i).length() + 1).append(",2:k")
                        .append(i).append("->v").append(i % 10).append('\n');
            }
            byte[] cdbText = text.append('\n').toString().getBytes(StandardCharsets.ISO_8859_1);
            Path made = dir.resolve("made.cdb");
            run(cdbText, Map.of(), "cdbmake", made.toString(), dir.resolve("made.tmp").toString());
            byte[] cdb = Files.readAllBytes(made);
            run(cdb, Map.of(), "cdbget", "k7");
            run(cdb, Map.of(), "cdbget", "absent");
            run(cdb, Map.of(), "cdbdump");
            run(cdb, Map.of(), "cdbstats");
            return 0;
        } finally {
            File[] files = dir.toFile().listFiles();
            for (File f : files == null ? new File[0] : files) {
                f.delete();
            }
            dir.toFile().delete();
        }
    }

    /**
     * The rule tools, lint above all: CI and editors run it on every change, mostly on small files.
     * They have a cache of their own, as their classes (picocli's reflection, the JDK's regex and
     * time classes it touches, the linter) would slow every other tool's start-up.
     */
    private static void ruleTools(Path dir) throws IOException {
        for (Dialect d : Dialect.values()) {
            Path text = dir.resolve(d.id() + ".rules");
            Path cdb = dir.resolve(d.id() + ".cdb");
            Files.write(text, rules(d, 12_000));
            run(new byte[0], Map.of(), "tcprules", "lint", "--dialect=" + d.id(), text.toString());
            Files.write(text, rules(d, 100));
            run(new byte[0], Map.of(), "tcprules", "lint", "--dialect=" + d.id(), text.toString());
            run(Files.readAllBytes(text), Map.of(), "tcprules", "--dialect=" + d.id(), cdb.toString(), dir.resolve("t.tmp").toString());
            run(new byte[0], Map.of(), "tcprules", "explain", "--dialect=" + d.id(), "--host=mail.example.com", text.toString(), "10.1.2.3");
            run(new byte[0], Map.of(), "tcprules", "decompile", "--dialect=" + d.id(), cdb.toString());
            Path expectations = dir.resolve(d.id() + ".expect");
            Files.writeString(expectations, "10.0.0.1 => allow\n192.0.7.9 host=a.example.org => deny\n");
            run(new byte[0], Map.of(), "tcprules", "test", "--dialect=" + d.id(), text.toString(), expectations.toString());
            run(new byte[0], Map.of(), "tcprules", "explain", "--dialect=" + d.id(), cdb.toString(), "2001:db8::1");
            if (d != Dialect.TCP6) {
                run(new byte[0], Map.of(), "tcprules", "migrate", "--from=" + d.id(), "--to=tcp6", "--cidr", text.toString());
            }
            // and a command line that picocli reads (a value after a blank): the classes it reaches through
            run(new byte[0], Map.of(), "tcprules", "lint", "--dialect", d.id(), text.toString());
        }
    }

    /**
     * sslclient against a TLS server (the embedded self-signed certificate): a run of sslclient
     * loads some 2,000 classes beyond the JDK's own archive, JSSE's and ours, which a cache of their
     * own keeps loaded and linked (one connection: 485 -> 384 ms). The server runs in a JVM of its
     * own, {@link #serve}: in this one its classes would go into the cache, and every client would
     * load them at start (417 ms). The programs run read nothing from standard input. A failure
     * only leaves the cache smaller.
     */
    private static void clientTools() {
        Process server = null;
        try {
            server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), SERVE)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String port = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (port == null) {
                return;
            }
            Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");
            for (int i = 0; i < 3; i++) {
                run(new byte[0], env, "sslclient", "-X", "127.0.0.1", port, "/bin/sh", "-c",
                        "printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&7; cat <&6 >/dev/null");
                run(new byte[0], env, "sslclient", "-X", "127.0.0.1", port, "/bin/true");
            }
            run(new byte[0], env, "sslclient", "127.0.0.1", port, "/bin/true"); // unverifiable: exit 110
        } catch (IOException | RuntimeException e) {
            // a smaller cache
        } finally {
            if (server != null) {
                server.destroy();
            }
        }
    }

    /** The argument that makes {@link Main} run {@link #serve}. */
    static final String SERVE = "--aot-training-server";

    /**
     * The clients' training server, in a JVM of its own: prints its port, then answers each
     * connection (a request up to its blank line; an HTTP response) until standard input ends.
     */
    static int serve() {
        try {
            ServerTlsContext server = TlsContexts.server(TlsServerConfig.of(SelfSignedCertificate.generate()));
            SSLServerSocket listener = (SSLServerSocket) server.context().getServerSocketFactory()
                    .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
            listener.setSSLParameters(server.parameters());
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    System.in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // gone either way
                }
                Runtime.getRuntime().halt(0);
            });
            System.out.println(listener.getLocalPort());
            System.out.flush();
            while (true) {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(5_000);
                    InputStream in = s.getInputStream();
                    int last4 = 0;
                    for (int b; last4 != 0x0d0a0d0a && (b = in.read()) >= 0; ) {
                        last4 = last4 << 8 | b;
                    }
                    s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n".getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    // the client went away
                }
            }
        } catch (Exception e) { // no certificate, no socket: the training goes without a server
            return 111;
        }
    }

    private static void run(byte[] stdin, Map<String, String> env, String... args) {
        InputStream in = new ByteArrayInputStream(stdin);
        Io io = new Io(in, new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.ISO_8859_1), env);
        Main.run(io, args);
    }

    /** {@code lines} rules of the usual forms. */
    private static byte[] rules(Dialect d, int lines) {
        StringBuilder s = new StringBuilder("# training\n");
        for (int i = 0; i < lines; i++) {
            int a = i % 251;
            int b = i / 251 % 256;
            switch (i % 12) {
                case 0 -> s.append("10.").append(b).append('.').append(a).append(".1:allow\n");
                case 1 -> s.append("192.0.").append(a).append(".:deny\n");
                case 2 -> s.append("10.2.").append(a).append('.').append(b).append("-").append(b + 3).append(":allow,RELAYCLIENT=\"\"\n");
                case 3 -> s.append("=host").append(i).append(".example.com:allow,X=\"").append(i).append("\"\n");
                case 4 -> s.append("=.d").append(a).append(".example.org:deny\n");
                case 5 -> s.append("joe").append(a).append("@10.0.0.").append(b).append(":allow,USER='joe'\n");
                case 6 -> s.append("ann@=h").append(a).append(".example.net:allow\n");
                case 7 -> s.append("172.16.").append(b).append(".0/24:allow,NET=\"").append(a).append("\"\n");
                case 8 -> s.append(d == Dialect.DJB ? "1.2.3.4" : "2001:db8:" + Integer.toHexString(i) + "::1").append(":deny\n");
                case 9 -> s.append(d == Dialect.DJB ? "1.2.3.4" : "2001:db8:" + Integer.toHexString(a) + "::/48")
                        .append(":allow,V6=\"y\"\n");
                case 10 -> s.append("\n");
                default -> s.append("203.0.113.").append(a).append(":allow,QMAILQUEUE=\"/var/qmail/bin/qmail-queue\",T=/x/\n");
            }
        }
        return s.append(":deny\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
