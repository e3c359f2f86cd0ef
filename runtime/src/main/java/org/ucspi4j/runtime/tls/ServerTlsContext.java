package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

/** A server's TLS context and the settings every accepted connection gets. */
public final class ServerTlsContext {
    private final SSLContext context;
    private final SniKeyManager keys;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final boolean needClientAuth;
    private final String[] applicationProtocols;
    private final TlsProvider provider;
    private final List<String> cipherWarnings;

    ServerTlsContext(SSLContext context, SniKeyManager keys, String[] protocols, String[] cipherSuites,
            boolean needClientAuth, List<String> applicationProtocols, TlsProvider provider, List<String> cipherWarnings) {
        this.context = context;
        this.keys = keys;
        this.protocols = protocols.clone();
        this.cipherSuites = cipherSuites.clone();
        this.needClientAuth = needClientAuth;
        this.applicationProtocols = applicationProtocols.toArray(String[]::new);
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

    /** Whether each connection may get another certificate or protocol: SNI certificates or ALPN configured. */
    public boolean choosesPerConnection() {
        return applicationProtocols.length > 0 || keys.certificates().hasNames();
    }

    /** The certificates new handshakes choose from. */
    public CertificateSet certificates() {
        return keys.certificates();
    }

    /**
     * New handshakes present these certificates from now on; sessions already established, and
     * handshakes that have already chosen, keep theirs.
     */
    public void replaceCertificates(CertificateSet certificates) throws TlsSetupException.Context {
        keys.install(certificates);
    }

    /**
     * The connection parameters: the context's defaults with our protocols, suites, client
     * authentication and ALPN. Without a default certificate, a client naming a server we have no
     * certificate for is refused with unrecognized_name (RFC 6066).
     */
    public SSLParameters parameters() {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols.clone());
        p.setCipherSuites(cipherSuites.clone());
        p.setNeedClientAuth(needClientAuth);
        p.setNamedGroups(KeyExchangeGroups.of(p.getNamedGroups()));
        if (applicationProtocols.length > 0) {
            p.setApplicationProtocols(applicationProtocols.clone());
        }
        p.setSNIMatchers(List.of(new KnownServerNames(keys)));
        return p;
    }

    /** Accepts a client's SNI name when some certificate is for it, or a default certificate exists. */
    private static final class KnownServerNames extends SNIMatcher {
        private final SniKeyManager keys;

        KnownServerNames(SniKeyManager keys) {
            super(StandardConstants.SNI_HOST_NAME);
            this.keys = keys;
        }

        @Override
        public boolean matches(SNIServerName serverName) {
            CertificateSet set = keys.certificates();
            if (set.hasDefault()) {
                return true;
            }
            try {
                String name = serverName instanceof SNIHostName h ? h.getAsciiName()
                        : new SNIHostName(serverName.getEncoded()).getAsciiName();
                return set.forName(name).isPresent();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
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

    /**
     * The handshake of a socket from {@link #wrap(Socket, InputStream)}, choosing the certificate by
     * the SNI name in {@code greeting}, the ClientHello the server read first (see
     * {@link SniKeyManager#CLIENT_HELLO_NAME}).
     */
    public void handshake(SSLSocket socket, ClientGreeting greeting) throws IOException {
        String name = greeting == null ? null : greeting.serverName();
        if (name == null) {
            socket.startHandshake();
        } else {
            ScopedValue.where(SniKeyManager.CLIENT_HELLO_NAME, name).call(() -> {
                socket.startHandshake();
                return null;
            });
        }
    }

    /**
     * The SNI host name the client of an established {@code socket} asked for, or null: from the
     * ClientHello the server read first, else from the provider's session.
     */
    public static String requestedServerName(SSLSocket socket, ClientGreeting greeting) {
        String name = greeting == null ? null : greeting.serverName();
        if (name == null) {
            name = SniKeyManager.requestedName(socket.getSession());
        }
        return name == null || name.isEmpty() ? null : name;
    }

    /** A server-mode engine with the same parameters, for non-blocking I/O. */
    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters());
        return engine;
    }
}
