package org.ucspi4j.runtime.handle;

/**
 * sslhandle's application interface, the Java form of ucspi-ssl's linked-in {@code server()}: called
 * on a virtual thread for each admitted connection, after TLS, with the connection's environment and
 * its plaintext streams. No process per connection. One instance serves every connection, so it is
 * called concurrently and must be thread-safe. The implementing class needs a public no-argument
 * constructor.
 */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Serves one connection; returns its exit status (0 for success, like a program's). An exception
     * drops the connection and is logged.
     */
    int handle(HandlerContext connection) throws Exception;
}
