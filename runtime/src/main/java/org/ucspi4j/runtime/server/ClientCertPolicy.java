package org.ucspi4j.runtime.server;

/** What the server asks of client certificates: {@code -Z} (default), {@code -z}, {@code -m}. */
public enum ClientCertPolicy {
    /** Do not request one. */
    NONE,
    /** Require a valid certificate whose names match the client's host name ({@code -z}). */
    VERIFY_NAME,
    /** Require a valid certificate, no name check ("mail" mode, {@code -m}). */
    CHAIN_ONLY
}
