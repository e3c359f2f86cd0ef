package org.ucspi4j.runtime.tls;

import java.nio.file.Path;

/**
 * A TLS configuration that cannot be put into effect. Each subtype stands for one of the C server's
 * startup errors, and {@link #serverMessage()} is that error's text (what follows
 * {@code sslserver: error: (111) }); {@link #getMessage()} adds the reason for humans and logs.
 */
public abstract sealed class TlsSetupException extends Exception {
    private final String serverMessage;
    private final String detail;

    private TlsSetupException(String serverMessage, String detail, Throwable cause) {
        super(detail == null || detail.isEmpty() ? serverMessage : serverMessage + ": " + detail, cause);
        this.serverMessage = serverMessage;
        this.detail = detail == null ? "" : detail;
    }

    /** Why, for humans: the underlying reason, empty when there is nothing to add. */
    public String detail() {
        return detail;
    }

    /** The message the C server prints for this failure, e.g. {@code unable to load key: /etc/key.pem}. */
    public String serverMessage() {
        return serverMessage;
    }

    /** CERTFILE cannot be read or holds no usable certificate. */
    public static final class Certificate extends TlsSetupException {
        public Certificate(Path file, String detail, Throwable cause) {
            super("unable to load certificate: " + file, detail, cause);
        }
    }

    /** CERTCHAINFILE cannot be read or holds no usable certificate. */
    public static final class CertificateChain extends TlsSetupException {
        public CertificateChain(Path file, String detail, Throwable cause) {
            super("unable to load certificate chain file: " + file, detail, cause);
        }
    }

    /** KEYFILE (or the combined file) cannot be read or holds no usable private key. */
    public static sealed class Key extends TlsSetupException permits WrongPassphrase {
        public Key(Path file, String detail, Throwable cause) {
            super("unable to load key: " + file, detail, cause);
        }
    }

    /**
     * The key is encrypted and the passphrase does not decrypt it. The C server reports this as
     * {@code unable to load key}; the subtype lets a caller say more.
     */
    public static final class WrongPassphrase extends Key {
        public WrongPassphrase(Path file, Throwable cause) {
            super(file, "wrong passphrase", cause);
        }
    }

    /** The private key is not the one whose public half the (leaf) certificate carries. */
    public static final class KeyMismatch extends TlsSetupException {
        public KeyMismatch(String detail) {
            super("key does not match certificate", detail, null);
        }
    }

    /** CAFILE or CADIR cannot be read. */
    public static final class CaList extends TlsSetupException {
        public CaList(String detail, Throwable cause) {
            super("unable to load CA list", detail, cause);
        }
    }

    /** CCAFILE cannot be read. */
    public static final class ClientCaList extends TlsSetupException {
        public ClientCaList(String detail, Throwable cause) {
            super("unable to load client CA list", detail, cause);
        }
    }

    /** DHFILE cannot be read, is malformed, or holds parameters that fail validation. */
    public static final class DhParameters extends TlsSetupException {
        public DhParameters(String detail, Throwable cause) {
            super("unable to set DH parameters", detail, cause);
        }
    }

    /** CIPHERS names something unknown or unsupported, or leaves nothing to negotiate. */
    public static final class CipherList extends TlsSetupException {
        public CipherList(String detail) {
            super("unable to set cipher list", detail, null);
        }
    }

    /**
     * OCSP or OCSPFILE cannot be put into effect: an OCSPFILE that cannot be read or holds no OCSP
     * response, an OCSP value other than 0 or 1, or a provider that cannot staple. (The C server has
     * no stapling, so no words to keep: the message says what and why, e.g. {@code unable to load OCSP
     * response: /etc/ocsp.der: file does not exist}.)
     */
    public static final class Stapling extends TlsSetupException {
        public Stapling(String serverMessage, Throwable cause) {
            super(serverMessage, null, cause);
        }
    }

    /** The JSSE context itself cannot be built (provider missing, protocol unknown, ...). */
    public static final class Context extends TlsSetupException {
        public Context(String detail, Throwable cause) {
            super("unable to create TLS context", detail, cause);
        }
    }
}
