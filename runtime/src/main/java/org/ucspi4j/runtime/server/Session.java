package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.runtime.ErrorText;
import org.ucspi4j.lookup.Verdict;
import org.ucspi4j.runtime.tls.ClientGreeting;
import org.ucspi4j.runtime.tls.ClientNameCheck;
import org.ucspi4j.runtime.tls.PeerCloseGate;
import org.ucspi4j.runtime.tls.ServerTlsContext;
import org.ucspi4j.runtime.tls.SslVariable;
import org.ucspi4j.runtime.tls.SslVariables;
import org.ucspi4j.runtime.tls.TlsFailureText;

/**
 * One accepted connection, from the accept to the {@code end} line: addresses, early rules, names,
 * ident, rules, the ok/deny line, and (for the service) the TLS handshake with its deadline and the
 * client-certificate checks. Runs on its own virtual thread.
 */
public final class Session {
    /** Raw wait status of a connection dropped by the server (exit 111, as the C child). */
    public static final int DROPPED = 111 << 8;
    /** Raw wait status of a denied connection (exit 100). */
    public static final int DENIED = 100 << 8;

    private final SslServer server;
    private final long id;
    private final SocketChannel channel;
    private final ConnectionLimits.Lease lease;
    private Endpoints endpoints;
    private ProgramEnvironment environment;
    private InetAddress remoteAddress;
    private String verifyHost;
    private PeerCloseGate peerClose; // the client's records, read through this once TLS starts

    Session(SslServer server, long id, SocketChannel channel, ConnectionLimits.Lease lease) {
        this.server = server;
        this.id = id;
        this.channel = channel;
        this.lease = lease;
    }

    public long id() {
        return id;
    }

    public SocketChannel channel() {
        return channel;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** The program's environment so far (server's own, rule variables, standard variables). */
    public ProgramEnvironment environment() {
        return environment;
    }

    /**
     * Drops this session's reference to its environment once the program has it (the server's whole
     * environment plus the connection's, held for as long as the connection lasts otherwise).
     */
    public void forgetEnvironment() {
        environment = null;
    }

    public ServerOptions options() {
        return server.options();
    }

    public ServerLog log() {
        return server.log();
    }

    /** Runs the connection to its end; never throws. */
    void run() {
        int status = DROPPED;
        try {
            status = admitAndServe();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            server.log().drop("internal error: " + e);
        } finally {
            closeQuietly(channel);
            server.log().end(id, status);
            lease.release(); // logs the status line
        }
    }

    private int admitAndServe() throws InterruptedException {
        ServerOptions o = server.options();
        InetSocketAddress remote;
        InetSocketAddress local;
        try {
            remote = (InetSocketAddress) channel.getRemoteAddress();
            local = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            server.log().drop("unable to get local address: " + e.getMessage());
            return DROPPED;
        }
        remoteAddress = remote.getAddress();
        AddressText remoteText = AddressText.of(remote.getAddress(), o.ipv6Mode());
        AddressText localText = AddressText.of(local.getAddress(), o.ipv6Mode());
        server.log().from(id, remoteText.text());

        List<byte[][]> ruleVariables = new ArrayList<>();
        boolean early = false;
        Verdict verdict = Verdict.NO_RULE;
        if (server.earlyRules() != null) {
            try {
                verdict = server.earlyRules().lookup(Query.ipOnly(remoteText.text()));
            } catch (RulesSource.Unreadable e) {
                server.log().drop("unable to read " + o.earlyRules() + ": " + ErrorText.of(e.getCause()));
                return DROPPED;
            }
            early = verdict.matched();
            ruleVariables.addAll(verdict.variables());
        }

        String remoteHost = null;
        if (o.remoteHost() && !(early && verdict.denied())) {
            RemoteNames.Name name = server.names().lookup(remote.getAddress(), o.paranoid());
            remoteHost = name.trusted();
            // -z checks the certificate against the name; a name that failed -p is checked as the IP
            verifyHost = name.name() == null ? null : name.confirmed() ? name.name() : remoteText.text();
        }
        String localHost = o.localName();
        if (localHost == null) {
            localHost = server.names().lookup(local.getAddress(), false).name();
        }
        String remoteInfo = null;
        if (o.remoteInfo() && !(early && verdict.denied())) {
            remoteInfo = IdentClient.lookup(remote.getAddress(), remote.getPort(), local.getAddress(), local.getPort(),
                    o.identTimeout()).orElse(null);
        }
        endpoints = new Endpoints(localText.text(), Integer.toString(local.getPort()), localHost,
                remoteText.text(), Integer.toString(remote.getPort()), remoteHost, remoteInfo,
                remoteText.ipv6(), remoteText.interfaceName());

        if (!early && server.rules() != null) {
            try {
                verdict = server.rules().lookup(Query.of(remoteText.text(), remoteHost, remoteInfo));
            } catch (RulesSource.Unreadable e) {
                server.log().drop("unable to read " + o.rules() + ": " + ErrorText.of(e.getCause()));
                return DROPPED;
            }
            ruleVariables.addAll(verdict.variables());
        }
        environment = new ProgramEnvironment(server.baseEnvironment()).rules(ruleVariables).connection(endpoints,
                o.tcpEnv());

        String suffix = null;
        boolean deny = verdict.denied();
        String maxconip = environment.get("MAXCONIP");
        if (!deny && maxconip != null) {
            long n = Math.min(Numbers.scanUnsigned(maxconip), server.limits().limit());
            if (n > 0 && lease.fromSameAddress() > n) {
                deny = true;
                suffix = " ip connection limit:" + n + " exceeded";
            }
        }
        server.log().verdict(!deny, id, endpoints, suffix);
        if (deny) {
            return DENIED;
        }
        return server.service().serve(this);
    }

    /**
     * The TLS handshake on this connection within {@code -T}, then the {@code -z}/{@code -m} checks.
     * Failures are logged in the C server's words; the result is then empty.
     */
    public Optional<SSLSocket> handshake() {
        ServerOptions o = server.options();
        ServerTlsContext tls = server.tls();
        SSLSocket ssl;
        ScheduledFuture<?> deadline = null;
        // Set by the deadline before it closes the socket. Not the future's state: cancel() succeeds on
        // a deadline that is still busy closing, and the handshake fails with whatever the close caused.
        AtomicBoolean expired = new AtomicBoolean();
        // what the deadline closes: the plain socket while its first bytes are read, then the TLS one
        AtomicReference<Socket> toClose = new AtomicReference<>(channel.socket());
        ClientGreeting greeting = null;
        try {
            Socket socket = channel.socket();
            ScheduledExecutorService timer = server.timer();
            deadline = timer.schedule(() -> {
                expired.set(true);
                // closing may wait for the handshake's locks: not on the one timer thread of all connections
                Thread.ofVirtual().name("handshake-timeout").start(() -> closeQuietly(toClose.get()));
            }, o.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            greeting = ClientGreeting.read(socket);
            // the provider reads the greeting again, then the rest, through the gate that holds the
            // client's end of the session back from it
            peerClose = new PeerCloseGate(greeting.followedBy(socket.getInputStream()));
            ssl = tls.wrap(socket, peerClose);
            toClose.set(ssl);
            ssl.startHandshake();
            deadline.cancel(false);
            if (expired.get()) {
                server.log().drop("unable to accept SSL: timeout");
                closeQuietly(ssl);
                return Optional.empty();
            }
        } catch (IOException e) {
            // the deadline closes the socket, so a timeout surfaces here as some I/O error: name it
            if (deadline != null) {
                deadline.cancel(false);
            }
            server.log().drop("unable to accept SSL: "
                    + (expired.get() ? "timeout" : TlsFailureText.handshake(e, greeting)));
            return Optional.empty();
        }
        if (o.clientCerts() != ClientCertPolicy.NONE && !clientCertificateOk(ssl)) {
            closeQuietly(ssl);
            return Optional.empty();
        }
        if (!o.delay()) {
            try {
                ssl.setTcpNoDelay(true);
            } catch (IOException ignored) {
                // best effort, as in C
            }
        }
        return Optional.of(ssl);
    }

    private boolean clientCertificateOk(SSLSocket ssl) {
        Certificate[] peer;
        try {
            peer = ssl.getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            server.log().drop("no client certificate");
            return false;
        }
        if (peer.length == 0 || !(peer[0] instanceof X509Certificate leaf)) {
            server.log().drop("no client certificate");
            return false;
        }
        if (server.options().clientCerts() == ClientCertPolicy.VERIFY_NAME && verifyHost != null) {
            ClientNameCheck.Result r = ClientNameCheck.check(leaf, verifyHost);
            if (!r.matches()) {
                server.log().drop("client hostname does not match certificate: " + verifyHost);
                return false;
            }
        }
        return true;
    }

    /**
     * From now on the client's close_notify (TLS 1.2) or bare FIN reaches the reader of the TLS socket
     * as a {@link PeerCloseGate.Closed}, and the socket can still be written: the program's answer
     * after its EOF is delivered, as by the C server. Call after {@link #handshake()}.
     */
    public void holdPeerClose() {
        if (peerClose != null) {
            peerClose.arm();
        }
    }

    /** The SSL_* variables of an established session, in ucspi-ssl's order. */
    public List<SslVariable> sslVariables(SSLSocket ssl) {
        return SslVariables.of(SslVariables.Side.SERVER, ssl.getSession(), server.tls().library());
    }

    /**
     * {@code PROTOCOL:CIPHER} for the {@code -V} accept line (the C server takes the 1st and 3rd
     * SSL_* entries; looked up by name here, since SSL_SESSION_ID may be absent). Null without them.
     */
    public static String protocolAndCipher(List<SslVariable> vars) {
        Optional<String> protocol = SslVariables.value(vars, "SSL_PROTOCOL");
        Optional<String> cipher = SslVariables.value(vars, "SSL_CIPHER");
        return protocol.isPresent() && cipher.isPresent() ? protocol.get() + ":" + cipher.get() : null;
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // nothing more to do with it
        }
    }
}
