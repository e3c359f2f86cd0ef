package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A server's TLS context and the settings every accepted connection gets. */
public final class ServerTlsContext {
    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final boolean needClientAuth;
    private final TlsProvider provider;
    private final List<String> cipherWarnings;

    ServerTlsContext(SSLContext context, String[] protocols, String[] cipherSuites, boolean needClientAuth,
            TlsProvider provider, List<String> cipherWarnings) {
        this.context = context;
        this.protocols = protocols.clone();
        this.cipherSuites = cipherSuites.clone();
        this.needClientAuth = needClientAuth;
        this.provider = provider;
        this.cipherWarnings = List.copyOf(cipherWarnings);
    }

    /** What CIPHERS enables that ucspi4j would not, or leaves out: {@code -v} warnings, see {@link CipherList}. */
    public List<String> cipherWarnings() {
        return cipherWarnings;
    }

    public SSLContext context() {
        return context;
    }

    public TlsProvider provider() {
        return provider;
    }

    /** The connection parameters: the context's defaults with our protocols, suites and client authentication. */
    public SSLParameters parameters() {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols.clone());
        p.setCipherSuites(cipherSuites.clone());
        p.setNeedClientAuth(needClientAuth);
        p.setNamedGroups(KeyExchangeGroups.of(p.getNamedGroups()));
        return p;
    }

    /** {@code SSL_VERSION_LIBRARY} for sessions of this context. */
    public String library() {
        return SslVariables.library(context.getProvider());
    }

    /**
     * TLS in server mode over an accepted connection; the handshake starts with the first read or
     * write, or {@link SSLSocket#startHandshake()}. Closing the TLS socket closes {@code accepted}.
     */
    public SSLSocket wrap(Socket accepted) throws IOException {
        return wrap(accepted, null);
    }

    /**
     * As {@link #wrap(Socket)}, reading the connection through {@code reader} (a {@link PeerCloseGate}
     * over its input stream). It goes in as the "consumed" input, which both providers read before the
     * socket's own stream (a SequenceInputStream); the gate ends only where the socket has ended, so
     * the provider reads through it alone.
     */
    public SSLSocket wrap(Socket accepted, InputStream reader) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(accepted, reader, true);
        socket.setUseClientMode(false);
        socket.setSSLParameters(parameters());
        return socket;
    }

    /** A server-mode engine with the same parameters, for non-blocking I/O. */
    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters());
        return engine;
    }
}
