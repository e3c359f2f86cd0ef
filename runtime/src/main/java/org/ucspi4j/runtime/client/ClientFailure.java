package org.ucspi4j.runtime.client;

/** sslclient gives up: the message has been logged; {@link #exitCode()} is what to exit with. */
final class ClientFailure extends Exception {
    private final int exitCode;

    public ClientFailure(int exitCode) {
        super("exit " + exitCode, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
