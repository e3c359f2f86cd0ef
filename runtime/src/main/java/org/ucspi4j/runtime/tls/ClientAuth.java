package org.ucspi4j.runtime.tls;

/** Whether a server asks the client for a certificate. */
public enum ClientAuth {
    /** No CertificateRequest; the client's certificate, if any, is never seen. */
    NONE,
    /**
     * A CertificateRequest, and the handshake fails unless the client sends a certificate that
     * verifies against the trust anchors (what ucspi-ssl does once CCAFILE is set).
     */
    REQUIRED
}
