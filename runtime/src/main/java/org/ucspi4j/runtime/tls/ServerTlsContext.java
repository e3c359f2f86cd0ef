package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A server's TLS context and the parameters every accepted connection gets. */
public final class ServerTlsContext {
    private final SSLContext context;
    private final SSLParameters parameters;
    private final TlsProvider provider;

    ServerTlsContext(SSLContext context, SSLParameters parameters, TlsProvider provider) {
        this.context = context;
        this.parameters = parameters;
        this.provider = provider;
    }

    public SSLContext context() {
        return context;
    }

    public TlsProvider provider() {
        return provider;
    }

    /** A copy of the connection parameters (protocols, suites, client authentication). */
    public SSLParameters parameters() {
        return copy(parameters);
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
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, true);
        socket.setUseClientMode(false);
        socket.setSSLParameters(copy(parameters));
        return socket;
    }

    /** A server-mode engine with the same parameters, for non-blocking I/O. */
    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(copy(parameters));
        return engine;
    }

    static SSLParameters copy(SSLParameters p) {
        SSLParameters c = new SSLParameters(p.getCipherSuites(), p.getProtocols());
        if (p.getNeedClientAuth()) {
            c.setNeedClientAuth(true);
        } else if (p.getWantClientAuth()) {
            c.setWantClientAuth(true);
        }
        c.setEndpointIdentificationAlgorithm(p.getEndpointIdentificationAlgorithm());
        if (p.getServerNames() != null) {
            c.setServerNames(p.getServerNames());
        }
        c.setUseCipherSuitesOrder(p.getUseCipherSuitesOrder());
        c.setApplicationProtocols(p.getApplicationProtocols());
        if (p.getNamedGroups() != null) {
            c.setNamedGroups(p.getNamedGroups());
        }
        if (p.getSignatureSchemes() != null) {
            c.setSignatureSchemes(p.getSignatureSchemes());
        }
        return c;
    }
}
