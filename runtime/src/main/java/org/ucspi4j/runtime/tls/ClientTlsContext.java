package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A client's TLS context; host name checking and SNI depend on the host of each connection. */
public final class ClientTlsContext {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final TlsProvider provider;
    private final boolean checkHostname;
    private final boolean sendSni;
    private final String[] applicationProtocols;
    private final List<String> cipherWarnings;

    ClientTlsContext(SSLContext context, String[] protocols, String[] cipherSuites, TlsProvider provider,
            boolean checkHostname, boolean sendSni, List<String> applicationProtocols, List<String> cipherWarnings) {
        this.context = context;
        this.protocols = protocols.clone();
        this.cipherSuites = cipherSuites.clone();
        this.provider = provider;
        this.checkHostname = checkHostname;
        this.sendSni = sendSni;
        this.applicationProtocols = applicationProtocols.toArray(String[]::new);
        this.cipherWarnings = List.copyOf(cipherWarnings);
    }

    /** What {@code -z} enables that ucspi4j would not, or leaves out: {@code -v} warnings, see {@link CipherList}. */
    public List<String> cipherWarnings() {
        return cipherWarnings;
    }

    public SSLContext context() {
        return context;
    }

    public TlsProvider provider() {
        return provider;
    }

    /** {@code SSL_VERSION_LIBRARY} for sessions of this context. */
    public String library() {
        return SslVariables.library(context.getProvider());
    }

    /**
     * The parameters for a connection to {@code host}: endpoint identification "HTTPS" when host names
     * are checked (JSSE then matches an IP literal against IP SANs and a name against DNS SANs), SNI
     * with the host name when wanted and the host is not an IP literal, and no SNI otherwise; ALPN
     * offering the configured protocols.
     */
    public SSLParameters parameters(String host) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols.clone());
        p.setCipherSuites(cipherSuites.clone());
        p.setNamedGroups(KeyExchangeGroups.of(p.getNamedGroups()));
        p.setEndpointIdentificationAlgorithm(checkHostname ? "HTTPS" : null);
        p.setServerNames(sendSni && !isIpLiteral(host) ? sni(host) : List.of());
        if (applicationProtocols.length > 0) {
            p.setApplicationProtocols(applicationProtocols.clone());
        }
        return p;
    }

    /** The SNI entry for a host, or none for a name SNI cannot carry (RFC 6066 wants LDH labels). */
    private static List<javax.net.ssl.SNIServerName> sni(String host) {
        try {
            return List.of(new SNIHostName(host));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * TLS in client mode over a connected socket to {@code host}; the handshake starts with the first
     * read or write, or {@link SSLSocket#startHandshake()}. Closing the TLS socket closes {@code connected}.
     */
    public SSLSocket wrap(Socket connected, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        socket.setUseClientMode(true);
        socket.setSSLParameters(parameters(host));
        return socket;
    }

    /** A client-mode engine for {@code host}, for non-blocking I/O. */
    public SSLEngine newEngine(String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        engine.setSSLParameters(parameters(host));
        return engine;
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }
}
