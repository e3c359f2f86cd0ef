package org.ucspi4j.runtime.tls;

import java.util.Map;
import java.util.Set;

/**
 * TLS alerts in OpenSSL's reason words. A received alert reads as OpenSSL logs it ("tlsv1 alert
 * unknown ca": the version prefix is the protocol that defined the alert); an alert we sent reads
 * as the local problem it stands for ("unsupported protocol").
 */
final class AlertText {
    private AlertText() {}

    // the alerts SSL 3.0 already had: OpenSSL's reasons for them say "sslv3 alert"
    private static final Set<String> SSLV3 = Set.of("unexpected_message", "bad_record_mac", "decompression_failure",
            "handshake_failure", "no_certificate", "bad_certificate", "unsupported_certificate", "certificate_revoked",
            "certificate_expired", "certificate_unknown", "illegal_parameter");

    // received alerts whose OpenSSL reason does not follow the "tlsv1 alert NAME" pattern
    private static final Map<String, String> RECEIVED = Map.of(
            "user_canceled", "tlsv1 alert user cancelled",
            "unsupported_extension", "tlsv1 unsupported extension",
            "certificate_unobtainable", "tlsv1 certificate unobtainable",
            "unrecognized_name", "tlsv1 unrecognized name",
            "bad_certificate_status_response", "tlsv1 bad certificate status response",
            "bad_certificate_hash_value", "tlsv1 bad certificate hash value",
            "missing_extension", "tlsv13 alert missing extension",
            "certificate_required", "tlsv13 alert certificate required",
            "close_notify", "peer closed the connection during the handshake");

    // alerts we sent, as the local problem OpenSSL would name
    private static final Map<String, String> SENT = Map.of(
            "protocol_version", "unsupported protocol",
            "bad_record_mac", "decryption failed or bad record mac",
            "record_overflow", "packet length too long",
            "certificate_required", "peer did not return a certificate",
            "user_canceled", "user cancelled");

    /** The alert {@code name} (RFC 8446 spelling, e.g. {@code unknown_ca}) as the peer's complaint. */
    static String received(String name) {
        String known = RECEIVED.get(name);
        if (known != null) {
            return known;
        }
        return (SSLV3.contains(name) ? "sslv3 alert " : "tlsv1 alert ") + words(name);
    }

    /** The alert {@code name} we sent, as the problem we found. */
    static String sent(String name) {
        return SENT.getOrDefault(name, words(name));
    }

    /** Whether {@code name} looks like an alert name (so that nothing else is passed off as one). */
    static boolean isName(String name) {
        return name.matches("[a-z][a-z0-9_]{2,40}");
    }

    private static String words(String name) {
        return name.replace('_', ' ');
    }
}
