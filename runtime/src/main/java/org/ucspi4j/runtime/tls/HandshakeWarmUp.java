package org.ucspi4j.runtime.tls;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One TLS handshake against the server's own context, in memory, before the first client comes:
 * the first handshake of a fresh JVM loads and compiles the whole TLS stack and can take far longer
 * than the next ones (long enough to trip a short {@code -T} on a busy machine).
 */
public final class HandshakeWarmUp {
    private HandshakeWarmUp() {}

    /**
     * Runs one handshake per protocol the server enables and returns how many completed; failures
     * are ignored (nothing depends on them: the real handshake reports any real problem).
     */
    public static int run(ServerTlsContext server) {
        int completed = 0;
        for (String protocol : server.parameters().getProtocols()) {
            try {
                if (handshake(server, protocol)) {
                    completed++;
                }
            } catch (Exception | LinkageError e) {
                // a warm-up only
            }
        }
        return completed;
    }

    private static boolean handshake(ServerTlsContext server, String protocol) throws Exception {
        SSLContext clientContext = SSLContext.getInstance("TLS", server.context().getProvider());
        clientContext.init(null, new TrustManager[] {new TrustAnything()}, null);
        SSLEngine client = clientContext.createSSLEngine("warm-up", 0);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine srv = server.newEngine();
        if (srv.getNeedClientAuth() || srv.getWantClientAuth()) {
            return false; // the server wants a certificate we do not have; nothing to warm here
        }
        SSLSession session = client.getSession();
        ByteBuffer app = ByteBuffer.allocate(session.getApplicationBufferSize());
        ByteBuffer clientToServer = ByteBuffer.allocate(session.getPacketBufferSize());
        ByteBuffer serverToClient = ByteBuffer.allocate(session.getPacketBufferSize());
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        srv.beginHandshake();
        for (int step = 0; step < 100 && !(done(client) && done(srv)); step++) {
            pump(client, empty, clientToServer, app);
            clientToServer.flip();
            pump(srv, clientToServer, serverToClient, app);
            clientToServer.compact();
            serverToClient.flip();
            pump(client, serverToClient, clientToServer, app);
            serverToClient.compact();
            pump(srv, empty, serverToClient, app);
        }
        return done(client) && done(srv) && protocol.equals(client.getSession().getProtocol());
    }

    private static boolean done(SSLEngine e) {
        SSLEngineResult.HandshakeStatus s = e.getHandshakeStatus();
        return s == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || s == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /** Feeds {@code in} to the engine and lets it write what it has to say into {@code out}. */
    private static void pump(SSLEngine e, ByteBuffer in, ByteBuffer out, ByteBuffer app) throws SSLException {
        for (int i = 0; i < 10; i++) {
            switch (e.getHandshakeStatus()) {
                case NEED_TASK -> {
                    for (Runnable task; (task = e.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                }
                case NEED_WRAP -> {
                    if (e.wrap(ByteBuffer.allocate(0), out).getStatus() != SSLEngineResult.Status.OK) {
                        return;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    app.clear();
                    SSLEngineResult r = e.unwrap(in, app);
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    /**
     * A trust manager that takes any certificate: only for a client of the server's own certificate
     * whose handshakes never leave the process (this warm-up, the AOT training).
     */
    public static X509TrustManager trustingAnything() {
        return new TrustAnything();
    }

    /** Trusts the server's own certificate: this handshake never leaves the process. */
    private static final class TrustAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
