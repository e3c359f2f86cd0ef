package org.ucspi4j.runtime.tls;

import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.ucspi4j.runtime.posix.ErrorText;

/**
 * Why a TLS handshake or session failed, said in the peer's terms the way the C tools' OpenSSL
 * reasons say it ("tlsv1 alert unknown ca", "no shared cipher", "certificate verify failed: ..."),
 * for the reason part of log lines and messages. JSSE's (and BCJSSE's) exception texts are
 * implementation wording with class and method names in them; they are read here and nowhere else,
 * and never shown. What is not recognised gets a generic text, never the exception's own.
 */
public final class TlsFailureText {
    private TlsFailureText() {}

    /** What an unrecognised handshake failure is called. */
    public static final String HANDSHAKE_FAILURE = "handshake failure";
    /** What an unrecognised failure of an established session is called (DJB's text for EPROTO). */
    public static final String PROTOCOL_ERROR = "protocol error";

    // JSSE's wording of a received alert: "Received fatal alert: unknown_ca", and in TLS 1.3 a
    // plaintext alert after our encrypted flight: "... alert received: Level: fatal; Alert: unknown_ca"
    private static final Pattern RECEIVED = Pattern.compile("received fatal alert: ([a-z0-9_]+)|alert received: .*alert: ([a-z0-9_]+)");
    // JSSE prefixes the text of an alert it sends with the alert's name: "(handshake_failure) ..."
    private static final Pattern SENT = Pattern.compile("^\\(([a-z0-9_]+)\\) ");

    // JSSE diagnostics of local problems, as OpenSSL names the same problem (first match wins)
    private static final List<Map.Entry<String, String>> DIAGNOSTICS = List.of(
            Map.entry("no cipher suites in common", "no shared cipher"),
            Map.entry("no selectable cipher suite", "no shared cipher"),
            Map.entry("no appropriate protocol", "no protocols available"),
            Map.entry("not enabled or supported", "unsupported protocol"),
            Map.entry("not accepted by server preferences", "unsupported protocol"),
            Map.entry("not accepted by client preferences", "unsupported protocol"),
            Map.entry("sslv2hello", "unsupported protocol"),
            Map.entry("ssl v2.0", "unsupported protocol"),
            Map.entry("empty client certificate chain", "peer did not return a certificate"),
            Map.entry("empty server certificate chain", "peer did not return a certificate"),
            Map.entry("no available authentication scheme", "no suitable signature algorithm"),
            Map.entry("no supported signature algorithm", "no suitable signature algorithm"),
            Map.entry("no common named group", "no suitable key share"),
            Map.entry("no supported named group", "no suitable key share"),
            Map.entry("unsupported or unrecognized ssl message", "wrong version number"),
            Map.entry("unrecognized ssl message", "wrong version number"),
            Map.entry("unsupported unknown(", "wrong version number"),
            Map.entry("remote host terminated the handshake", "unexpected eof while reading"),
            Map.entry("peer shut down incorrectly", "unexpected eof while reading"),
            Map.entry("tag mismatch", "decryption failed or bad record mac"),
            Map.entry("connection reset", "connection reset"),
            Map.entry("broken pipe", "broken pipe"));

    /**
     * A failed handshake. {@code greeting} is what the client sent first (null when not known, as
     * on the client side): it tells a client that closed at once, or a web browser that spoke HTTP
     * to a TLS port, from other failures.
     */
    public static String handshake(Throwable e, ClientGreeting greeting) {
        // a client that never spoke TLS is best described by what it sent (each provider words it differently)
        String notTls = greeting == null ? null : greeting.notTls();
        if (notTls != null && !timedOut(e)) {
            return notTls;
        }
        String reason = recognised(e);
        return reason != null ? reason : HANDSHAKE_FAILURE;
    }

    /** A failed handshake, seen from the side that started it (sslclient). */
    public static String handshake(Throwable e) {
        return handshake(e, null);
    }

    /** A session that failed after its handshake (the relay). */
    public static String session(Throwable e) {
        String reason = recognised(e);
        return reason != null ? reason : PROTOCOL_ERROR;
    }

    /**
     * The certificate check that failed behind {@code e}, in OpenSSL's verify-error words
     * ("certificate has expired"), or null when the failure was not a certificate check.
     */
    public static String certificateProblem(Throwable e) {
        return VerifyText.of(e);
    }

    private static String recognised(Throwable e) {
        String verify = VerifyText.of(e);
        if (verify != null) {
            return verify.equals(VerifyText.GENERIC) ? verify : VerifyText.GENERIC + ": " + verify;
        }
        if (timedOut(e)) {
            return "timed out";
        }
        // the peer's complaint first: it is the reason, whatever our side made of it afterwards
        for (Throwable t = e; t != null; t = t.getCause()) {
            String received = received(t);
            if (received != null) {
                return received;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = lower(t.getMessage());
            for (Map.Entry<String, String> d : DIAGNOSTICS) {
                if (m.contains(d.getKey())) {
                    return d.getValue();
                }
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String sent = sent(t);
            if (sent != null) {
                return sent;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return "unexpected eof while reading";
            }
            String system = t instanceof SocketException || !(t instanceof javax.net.ssl.SSLException)
                    ? ErrorText.known(t) : null;
            if (system != null) {
                return system;
            }
        }
        return null;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String received(Throwable t) {
        if (t instanceof TlsFatalAlertReceived bc) {
            return AlertText.received(AlertDescription.getName(bc.getAlertDescription()));
        }
        Matcher m = RECEIVED.matcher(lower(t.getMessage()));
        if (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            return AlertText.isName(name) ? AlertText.received(name) : null;
        }
        return null;
    }

    private static String sent(Throwable t) {
        if (t instanceof TlsFatalAlert bc) {
            return AlertText.sent(AlertDescription.getName(bc.getAlertDescription()));
        }
        Matcher m = SENT.matcher(lower(t.getMessage()));
        return m.find() && AlertText.isName(m.group(1)) ? AlertText.sent(m.group(1)) : null;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
