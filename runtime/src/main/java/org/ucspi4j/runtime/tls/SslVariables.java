package org.ucspi4j.runtime.tls;

import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.SslVariable;

/**
 * The mod_ssl-style {@code SSL_*} variables ucspi-ssl gives a program (sslserver/sslclient {@code -s}),
 * as an ordered list: the session variables, then the certificate group of this end's own certificate,
 * then that of the peer's certificate with the chain the peer sent. The order is ucspi-ssl's, entry
 * for entry; look entries up by name, since a variable whose data is missing is left out rather than
 * set empty (ucspi-ssl would set an empty {@code SSL_SESSION_ID}, say).
 *
 * <p>Peer certificates are exported as ucspi-ssl 0.95b did (0.13 lost them): on the server the
 * client's certificate as {@code SSL_CLIENT_*}, on the client the server's as {@code SSL_SERVER_*}.
 * {@code *_CERT_CHAIN_n} follows OpenSSL's {@code SSL_get_peer_cert_chain}: on the client it starts
 * with the server's own certificate, on the server it holds only what the client sent after its own.
 * {@code *_SAN_DNS_n} and {@code *_SAN_Email_n}, which 0.13.01 meant to set and never did, are set.
 */
public final class SslVariables {
    private SslVariables() {}

    /** {@code SSL_VERSION_INTERFACE}: kept as the C tools say it, since programs may test for it. */
    public static final String INTERFACE = "ucspi-ssl";

    /** Which end of the connection the variables are for. */
    public enum Side {
        /** sslserver: own certificate {@code SSL_SERVER_*}, the client's {@code SSL_CLIENT_*}. */
        SERVER("SSL_SERVER_", "SSL_CLIENT_"),
        /** sslclient: own certificate {@code SSL_CLIENT_*}, the server's {@code SSL_SERVER_*}. */
        CLIENT("SSL_CLIENT_", "SSL_SERVER_");

        private final String own;
        private final String peer;

        Side(String own, String peer) {
            this.own = own;
            this.peer = peer;
        }

        public String ownPrefix() {
            return own;
        }

        public String peerPrefix() {
            return peer;
        }
    }

    /** Name components in ucspi-ssl's (and mod_ssl's) order: variable suffix and attribute OID. */
    private static final String[][] COMPONENTS = {
        {"C", "2.5.4.6"},
        {"ST", "2.5.4.8"},
        {"L", "2.5.4.7"},
        {"O", "2.5.4.10"},
        {"OU", "2.5.4.11"},
        {"CN", "2.5.4.3"},
        {"T", "2.5.4.12"},
        {"I", "2.5.4.43"},
        {"G", "2.5.4.42"},
        {"S", "2.5.4.4"},
        {"D", "2.5.4.13"},
        // ucspi-ssl (like mod_ssl) maps UID to x500UniqueIdentifier, not to userId (OpenSSL's "UID").
        {"UID", "2.5.4.45"},
        {"Email", "1.2.840.113549.1.9.1"},
    };

    /**
     * Every variable for a completed handshake, seen from {@code side}.
     *
     * @param library the {@code SSL_VERSION_LIBRARY} text, see {@link #library(Provider)}
     */
    public static List<SslVariable> of(Side side, SSLSession session, String library) {
        List<SslVariable> out = new ArrayList<>(session(session, library));
        Certificate[] local = session.getLocalCertificates();
        if (local != null && local.length > 0 && local[0] instanceof X509Certificate own) {
            out.addAll(certificate(side.ownPrefix(), own, List.of()));
        }
        List<X509Certificate> peer = peerCertificates(session);
        if (!peer.isEmpty()) {
            List<X509Certificate> chain = side == Side.SERVER ? peer.subList(1, peer.size()) : peer;
            out.addAll(certificate(side.peerPrefix(), peer.getFirst(), chain));
        }
        return List.copyOf(out);
    }

    /**
     * The session group: {@code SSL_PROTOCOL}, {@code SSL_SESSION_ID} (lower-case hex),
     * {@code SSL_CIPHER} (OpenSSL's name), {@code SSL_CIPHER_EXPORT}, {@code SSL_CIPHER_USEKEYSIZE},
     * {@code SSL_CIPHER_ALGKEYSIZE}, {@code SSL_VERSION_INTERFACE}, {@code SSL_VERSION_LIBRARY}.
     */
    public static List<SslVariable> session(SSLSession session, String library) {
        List<SslVariable> out = new ArrayList<>();
        String protocol = session.getProtocol();
        if (protocol != null && !protocol.equals("NONE")) {
            add(out, "SSL_PROTOCOL", protocol);
        }
        byte[] id = session.getId();
        if (id != null) {
            add(out, "SSL_SESSION_ID", HexFormat.of().formatHex(id));
        }
        String suite = session.getCipherSuite();
        if (suite != null && !suite.equals("SSL_NULL_WITH_NULL_NULL")) {
            add(out, "SSL_CIPHER", OpenSslNames.openssl(suite));
            OpenSslNames.byIana(suite).ifPresent(c -> {
                add(out, "SSL_CIPHER_EXPORT", Boolean.toString(c.export()));
                add(out, "SSL_CIPHER_USEKEYSIZE", Integer.toString(c.useBits()));
                add(out, "SSL_CIPHER_ALGKEYSIZE", Integer.toString(c.algBits()));
            });
        }
        add(out, "SSL_VERSION_INTERFACE", INTERFACE);
        add(out, "SSL_VERSION_LIBRARY", library);
        return out;
    }

    /**
     * One certificate group with {@code prefix} ({@code SSL_SERVER_} or {@code SSL_CLIENT_}):
     * {@code M_VERSION}, {@code M_SERIAL}, {@code S_DN}, {@code S_DN_x}..., {@code I_DN},
     * {@code I_DN_x}..., {@code A_SIG}, {@code A_KEY}, {@code SAN_DNS_n} and {@code SAN_Email_n} (in the
     * extension's order), {@code V_START}, {@code V_END}, {@code CERT}, {@code CERT_CHAIN_n} for
     * {@code chain}.
     */
    public static List<SslVariable> certificate(String prefix, X509Certificate certificate, List<X509Certificate> chain) {
        CertificateFields f = CertificateFields.of(certificate);
        List<SslVariable> out = new ArrayList<>();
        add(out, prefix + "M_VERSION", Integer.toString(f.version()));
        add(out, prefix + "M_SERIAL", f.serial());
        add(out, prefix + "S_DN", f.subjectOneline());
        for (String[] c : COMPONENTS) {
            f.subjectValue(c[1]).ifPresent(v -> add(out, prefix + "S_DN_" + c[0], v));
        }
        add(out, prefix + "I_DN", f.issuerOneline());
        for (String[] c : COMPONENTS) {
            f.issuerValue(c[1]).ifPresent(v -> add(out, prefix + "I_DN_" + c[0], v));
        }
        add(out, prefix + "A_SIG", f.signatureAlgorithm());
        add(out, prefix + "A_KEY", f.keyAlgorithm());
        List<String> dns = f.sanDnsNames();
        for (int i = 0; i < dns.size(); i++) {
            add(out, prefix + "SAN_DNS_" + i, dns.get(i));
        }
        List<String> emails = f.sanEmails();
        for (int i = 0; i < emails.size(); i++) {
            add(out, prefix + "SAN_Email_" + i, emails.get(i));
        }
        f.notBefore().ifPresent(v -> add(out, prefix + "V_START", v));
        f.notAfter().ifPresent(v -> add(out, prefix + "V_END", v));
        add(out, prefix + "CERT", f.pem());
        for (int i = 0; i < chain.size(); i++) {
            add(out, prefix + "CERT_CHAIN_" + i, CertificateFields.pem(chain.get(i)));
        }
        return out;
    }

    /**
     * A {@code SSL_VERSION_LIBRARY} text for ucspi4j on this JVM with {@code provider}, e.g.
     * {@code ucspi4j 0.1.0 (Java 25.0.3, SunJSSE 25)}. The C tools put OpenSSL's version text here.
     */
    public static String library(Provider provider) {
        String version = SslVariables.class.getPackage().getImplementationVersion();
        return "ucspi4j" + (version == null ? "" : " " + version) + " (Java " + System.getProperty("java.version")
                + ", " + provider.getName() + " " + provider.getVersionStr() + ")";
    }

    /**
     * What the handshake negotiated beyond ucspi-ssl's set, exported whether or not {@code -s} is
     * given, since a program cannot speak the right protocol without them: {@code SSL_TLS_SNI}
     * (mod_ssl's name: on the server, {@code serverName}, the name the client asked for; null on the
     * client) and {@code SSL_ALPN_PROTOCOL}
     * (the protocol ALPN selected). Each is left out when there is none.
     */
    public static List<SslVariable> negotiated(SSLSocket ssl, String serverName) {
        List<SslVariable> out = new ArrayList<>();
        add(out, "SSL_TLS_SNI", serverName);
        add(out, "SSL_ALPN_PROTOCOL", ssl.getApplicationProtocol());
        return List.copyOf(out);
    }

    /** The first entry named {@code name}, for callers that need one value (the -V log line, say). */
    public static Optional<String> value(List<SslVariable> variables, String name) {
        return variables.stream().filter(v -> v.name().equals(name)).map(SslVariable::value).findFirst();
    }

    private static List<X509Certificate> peerCertificates(SSLSession session) {
        try {
            Certificate[] peer = session.getPeerCertificates();
            return Arrays.stream(peer).filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    /** Adds a variable unless its value is empty: missing data leaves the variable unset. */
    private static void add(List<SslVariable> out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.add(new SslVariable(name, value));
        }
    }

    /** The variables as environment entries (names and {@link SslVariable#byteString() byte-string} values). */
    public static java.util.List<java.util.Map.Entry<String, String>> asEnvironment(java.util.List<SslVariable> vars) {
        return vars.stream().map(v -> java.util.Map.entry(v.name(), v.byteString())).toList();
    }
}
