package org.ucspi4j.runtime.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.SslVariable;
import org.ucspi4j.runtime.UcspiTls;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.posix.ErrorText;
import org.ucspi4j.runtime.posix.ExitStatus;
import org.ucspi4j.runtime.posix.Fds;
import org.ucspi4j.runtime.posix.LinkAhead;
import org.ucspi4j.runtime.posix.Passphrases;
import org.ucspi4j.runtime.tls.ApplicationProtocols;
import org.ucspi4j.runtime.tls.ClientTlsContext;
import org.ucspi4j.runtime.tls.KeyMaterial;
import org.ucspi4j.runtime.tls.NamedRsaKeyExchange;
import org.ucspi4j.runtime.tls.SslVariables;
import org.ucspi4j.runtime.tls.TlsClientConfig;
import org.ucspi4j.runtime.tls.TlsContexts;
import org.ucspi4j.runtime.tls.TlsFailureText;
import org.ucspi4j.runtime.tls.TlsProvider;
import org.ucspi4j.runtime.tls.TlsSetupException;
import org.ucspi4j.runtime.ucspi.HandshakeDeadline;
import org.ucspi4j.runtime.ucspi.IdentClient;
import org.ucspi4j.runtime.ucspi.ProgramEnvironment;
import org.ucspi4j.runtime.ucspi.ProgramLaunch;
import org.ucspi4j.runtime.ucspi.Relay;
import org.ucspi4j.runtime.ucspi.RemoteNames;
import org.ucspi4j.runtime.ucspi.RunningProgram;
import org.ucspi4j.runtime.ucspi.ServicePorts;

/**
 * sslclient: connect, TLS with the server's certificate verified (chain and name by default), then
 * run the program with fd 6 reading from and fd 7 writing to the server, and exit with its status.
 * With {@code -y} (ucspi4j's addition, after Scott Gifford's patch) the program first speaks plain
 * text on fds 6 and 7 and starts TLS by writing {@code y} or {@code Y} to SSLCTLFD, then uses
 * SSLREADFD and SSLWRITEFD: SMTP submission, IMAP or POP3 STARTTLS clients as UCSPI programs.
 */
public final class SslClient {
    private final String who;
    private final Map<String, String> env;

    public SslClient(String who, Map<String, String> env) {
        this.who = who;
        this.env = env;
    }

    /** Runs sslclient; returns the exit code. */
    public int run(ClientOptions o) {
        ClientLog log = ClientLog.stderr(who, o.verbosity());
        try {
            return connectAndRun(o, log);
        } catch (ClientFailure f) {
            return f.exitCode();
        } catch (InterruptedException e) {
            return 111;
        }
    }

    /** A program run inside the JVM instead of spawned: the helpers sslcat, sslconnect, https@. */
    @FunctionalInterface
    public interface Conversation {
        /** Talks to the server over the decrypted streams; returns the exit code. */
        int talk(InputStream fromServer, java.io.OutputStream toServer) throws IOException;
    }

    /** Connects and verifies like {@link #run}, then hands the TLS streams to {@code conversation}. */
    public int run(ClientOptions o, Conversation conversation) {
        ClientLog log = ClientLog.stderr(who, o.verbosity());
        try {
            OptionalInt port = ServicePorts.parse(o.port());
            if (port.isEmpty()) {
                log.fatal(111, "unable to figure out port number for " + o.port());
                return 111;
            }
            ClientTlsContext tls = context(o, passphrase(o, log), log);
            SocketChannel channel = Connector.connect(o, port.getAsInt(), log);
            String host = o.host().isEmpty() || o.host().equals("0") ? "127.0.0.1" : o.host();
            try (SSLSocket ssl = handshake(o, log, tls, channel, host, port.getAsInt())) {
                return conversation.talk(ssl.getInputStream(), ssl.getOutputStream());
            } catch (IOException e) {
                log.drop(110, "unable to speak TLS: " + TlsFailureText.session(e));
                return 110;
            }
        } catch (ClientFailure f) {
            return f.exitCode();
        }
    }

    private int connectAndRun(ClientOptions o, ClientLog log) throws ClientFailure, InterruptedException {
        OptionalInt port = ServicePorts.parse(o.port());
        if (port.isEmpty()) {
            log.fatal(111, "unable to figure out port number for " + o.port());
            throw new ClientFailure(111);
        }
        LinkAhead.forClient(o.localName() == null || o.remoteHost());
        byte[] passphrase = passphrase(o, log);
        ClientTlsContext tls = context(o, passphrase, log);
        SocketChannel channel = Connector.connect(o, port.getAsInt(), log);
        ProgramEnvironment environment = environment(o, channel);
        String host = o.host().isEmpty() || o.host().equals("0") ? "127.0.0.1" : o.host();
        byte[][] argv = new byte[o.program().size()][];
        for (int i = 0; i < argv.length; i++) {
            argv[i] = o.program().get(i).getBytes(StandardCharsets.ISO_8859_1);
        }
        ProgramLaunch launch = new ProgramLaunch(ProgramLaunch.Side.CLIENT, argv);
        if (o.delayedTls()) {
            return delayed(o, log, tls, channel, host, port.getAsInt(), environment, launch);
        }
        SSLSocket ssl = handshake(o, log, tls, channel, host, port.getAsInt());
        if (o.sslEnv()) {
            environment.all(SslVariables.asEnvironment(SslVariables.of(SslVariables.Side.CLIENT, ssl.getSession(),
                    tls.library())));
        }
        environment.all(SslVariables.asEnvironment(SslVariables.negotiated(ssl, null)));
        return runProgram(o, log, ssl, environment, launch);
    }

    private int runProgram(ClientOptions o, ClientLog log, SSLSocket ssl, ProgramEnvironment environment,
            ProgramLaunch launch) throws ClientFailure, InterruptedException {
        ProgramLaunch.Piped program;
        try {
            program = launch.withPipes(environment.envp());
        } catch (ProgramLaunch.LaunchFailure e) {
            log.fatal(111, e.getMessage());
            throw new ClientFailure(111);
        }
        return relayAndWait(o, log, ssl, program);
    }

    private int relayAndWait(ClientOptions o, ClientLog log, SSLSocket ssl, ProgramLaunch.Piped program)
            throws InterruptedException {
        Relay.Outcome outcome = program.relay(ssl, new byte[0], o.idleTimeout());
        Optional<ExitStatus> status = program.program().await();
        if (status.isEmpty()) {
            return 111;
        }
        if (outcome.end() != Relay.End.DONE) {
            log.drop(110, "unable to speak TLS: " + outcome.problem());
            return 110;
        }
        return exitCode(status.get());
    }

    /** sslclient exits with the program's code, or 128 + the signal that ended it. */
    private static int exitCode(ExitStatus status) {
        return status.exited() ? status.exitCode() : 128 + status.signal();
    }

    /** {@code -y}: plain text on fds 6/7 until the program asks for TLS on the control socket. */
    private int delayed(ClientOptions o, ClientLog log, ClientTlsContext tls, SocketChannel channel, String host,
            int port, ProgramEnvironment environment, ProgramLaunch launch) throws ClientFailure, InterruptedException {
        ProgramLaunch.Delayed program;
        try {
            program = launch.withConnection(Fds.fdOf(channel), environment.all(UcspiTls.variables()).envp());
        } catch (IOException e) {
            log.fatal(111, e instanceof ProgramLaunch.LaunchFailure ? e.getMessage()
                    : "unable to run " + launch.name() + ": " + ErrorText.of(e));
            throw new ClientFailure(111);
        }
        RunningProgram child = program.piped().program();
        int command = program.awaitCommand();
        if (!UcspiTls.startsTls(command)) {
            program.closeControl();
            program.piped().closePipes();
            close(channel);
            return child.await().map(SslClient::exitCode).orElse(111);
        }
        SSLSocket ssl;
        try {
            ssl = handshake(o, log, tls, channel, host, port);
        } catch (ClientFailure f) {
            program.closeControl();
            child.terminate();
            throw f;
        }
        if (UcspiTls.wantsVariables(command)) {
            // a program gone by now shows in the relay
            List<SslVariable> vars = new ArrayList<>(SslVariables.of(SslVariables.Side.CLIENT, ssl.getSession(),
                    tls.library()));
            vars.addAll(SslVariables.negotiated(ssl, null));
            program.sendVariables(vars);
        }
        program.closeControl();
        return relayAndWait(o, log, ssl, program.piped());
    }

    /** The handshake within x+y, then the name check; failures exit as the reference says. */
    private SSLSocket handshake(ClientOptions o, ClientLog log, ClientTlsContext tls, SocketChannel channel,
            String host, int port) throws ClientFailure {
        SSLSocket ssl;
        HandshakeDeadline deadline = HandshakeDeadline.start(channel.socket(), o.totalTimeout());
        try {
            ssl = tls.wrap(channel.socket(), host, port);
            deadline.closes(ssl);
            ssl.startHandshake();
            if (deadline.stop()) {
                close(ssl);
                log.fatal(111, "unable to TLS connect: timed out");
                throw new ClientFailure(111);
            }
        } catch (IOException e) {
            if (deadline.stop()) {
                // the deadline closed the socket: whatever the handshake saw then is its doing
                log.fatal(111, "unable to TLS connect: timed out");
                throw new ClientFailure(111);
            }
            String certificateProblem = TlsFailureText.certificateProblem(e);
            if (o.verify() && certificateProblem != null) {
                log.error(110, "missing credentials (CA) or unable to validate server certificate");
                // why, without -v too; a certificate from an issuer the client does not know is the
                // usual first-run surprise: say where the issuer goes
                log.reason("certificate problem: " + certificateProblem
                        + (certificateProblem.contains("issuer") || certificateProblem.contains("self-signed")
                                ? " (give the issuer's certificate with -a FILE or -A DIR)" : ""));
                throw new ClientFailure(110);
            }
            log.fatal(111, "unable to TLS connect: " + TlsFailureText.handshake(e));
            throw new ClientFailure(111);
        }
        if (o.verify()) {
            X509Certificate leaf = leaf(ssl);
            if (leaf == null) {
                log.error(110, "no server certificate");
                throw new ClientFailure(110);
            }
            if (o.checkName()) {
                ServerNameCheck.Result r = ServerNameCheck.check(leaf, host);
                if (!r.matches()) {
                    log.error(110, "server hostname does not match certificate: " + host + " <=> " + r.certificateName());
                    close(ssl);
                    throw new ClientFailure(110);
                }
            }
        }
        InetSocketAddress remote = (InetSocketAddress) channel.socket().getRemoteSocketAddress();
        log.info("tls connected to: " + Connector.text(remote.getAddress()) + " port: " + remote.getPort());
        return ssl;
    }

    private static X509Certificate leaf(SSLSocket ssl) {
        try {
            Certificate[] chain = ssl.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private ClientTlsContext context(ClientOptions o, byte[] passphrase, ClientLog log) throws ClientFailure {
        try {
            TlsClientConfig config = TlsClientConfig.defaults()
                    .withTrust(path(o.caFile()), path(o.caDir()), o.verifyDepth())
                    .withChecks(o.verify(), false) // the name is checked after the handshake, for the message
                    .withSni(o.sni())
                    .withCiphers(o.ciphers() == null ? "" : o.ciphers())
                    .withApplicationProtocols(ApplicationProtocols.parse(env.get("ALPN")));
            if (o.certFile() != null) {
                config = config.withKeyMaterial(KeyMaterial.load(path(o.certFile()),
                        o.keyFile() == null ? null : path(o.keyFile()), passphrase));
            }
            String provider = env.get(TlsProvider.VARIABLE);
            if (provider != null && !provider.isEmpty()) {
                config = config.withProvider(TlsProvider.named(provider));
            }
            if (NamedRsaKeyExchange.allowIfNamed(o.ciphers())) {
                log.verboseWarning("-z: names an RSA key exchange suite: TLS_RSA_* taken off the JDK's"
                        + " jdk.tls.disabledAlgorithms for this connection");
            }
            ClientTlsContext context = TlsContexts.client(config);
            context.cipherWarnings().forEach(w -> log.verboseWarning("-z: " + w));
            return context;
        } catch (TlsSetupException e) {
            if (e instanceof TlsSetupException.CipherList) {
                log.verboseWarning("-z: " + e.detail());
            }
            // the C words, and what was wrong with which file (-a, -A, -c, -k name files)
            log.error(111, e instanceof TlsSetupException.CipherList ? e.serverMessage() : e.getMessage());
            throw new ClientFailure(111);
        } catch (IllegalArgumentException e) {
            log.error(111, "unable to create TLS context: " + e.getMessage());
            throw new ClientFailure(111);
        }
    }

    private byte[] passphrase(ClientOptions o, ClientLog log) throws ClientFailure {
        try {
            if (o.passphraseFile() != null) {
                return untilNulOrNewline(Files.readAllBytes(path(o.passphraseFile())));
            }
            if (o.passphraseFromFd3()) {
                return Passphrases.fromFd3();
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            // 0.13's words; the reason only with -v
            log.error(111, o.passphraseFile() != null ? "unable to read password from: " + o.passphraseFile()
                    : "unable to read password from FD3");
            log.info("password: " + (e instanceof IOException io ? ErrorText.of(io) : e.getMessage()));
            throw new ClientFailure(111);
        }
    }

    /** A passphrase file's passphrase ends at a NUL or at the first newline. */
    private static byte[] untilNulOrNewline(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : raw) {
            if (b == 0 || b == '\n' || b == '\r') {
                break;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    private ProgramEnvironment environment(ClientOptions o, SocketChannel channel) throws InterruptedException {
        InetSocketAddress local = (InetSocketAddress) channel.socket().getLocalSocketAddress();
        InetSocketAddress remote = (InetSocketAddress) channel.socket().getRemoteSocketAddress();
        boolean ipv6 = !(remote.getAddress() instanceof java.net.Inet4Address)
                && !org.ucspi4j.lookup.Ipv6Text.isV4Mapped(remote.getAddress().getAddress());
        RemoteNames names = new RemoteNames();
        String localHost = o.localName() != null ? o.localName() : names.lookup(local.getAddress(), false).name();
        String remoteHost = o.remoteHost() ? names.lookup(remote.getAddress(), false).name() : null;
        String info = o.remoteInfo() ? IdentClient.lookup(remote.getAddress(), remote.getPort(), local.getAddress(),
                local.getPort(), o.identTimeout()).orElse(null) : null;
        ProgramEnvironment e = new ProgramEnvironment(env);
        e.set("PROTO", ipv6 ? "SSL6" : "SSL");
        set(e, o.tcpEnv(), "LOCALIP", Connector.text(local.getAddress()));
        set(e, o.tcpEnv(), "LOCALPORT", Integer.toString(local.getPort()));
        set(e, o.tcpEnv(), "LOCALHOST", localHost);
        set(e, o.tcpEnv(), "REMOTEIP", Connector.text(remote.getAddress()));
        set(e, o.tcpEnv(), "REMOTEPORT", Integer.toString(remote.getPort()));
        set(e, o.tcpEnv(), "REMOTEHOST", remoteHost);
        set(e, o.tcpEnv(), "REMOTEINFO", info);
        return e;
    }

    private static void set(ProgramEnvironment e, boolean tcp, String name, String value) {
        e.set("SSL" + name, value);
        if (tcp) {
            e.set("TCP" + name, value);
        }
    }


    private static Path path(String byteString) {
        return byteString == null ? null : ArgumentBytes.path(byteString);
    }

    private static void close(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // nothing to do
        }
    }
}
