/**
 * The servers and clients. What an embedder uses: {@code handle} (a handler for sslhandle),
 * {@link org.ucspi4j.runtime.UcspiTls} (the UCSPI-TLS protocol for a program written in Java), and
 * the servers' and client's options with their builders and entry points ({@code server},
 * {@code client}). TLS, native code and the shared UCSPI plumbing are the programs' own: open to
 * the command line module only.
 */
@SuppressWarnings("module") // the qualified exports name org.ucspi4j.cli, which is built later
module org.ucspi4j.runtime {
    requires transitive org.ucspi4j.lookup;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires org.bouncycastle.tls;
    requires java.logging;
    requires java.management; // JvmDoors reads the JVM's own flags
    requires jdk.management;
    requires jdk.unsupported; // sun.misc.Signal: SIGTERM ends the server at once, as in C

    exports org.ucspi4j.runtime;
    exports org.ucspi4j.runtime.handle;
    exports org.ucspi4j.runtime.server;
    exports org.ucspi4j.runtime.client;
    exports org.ucspi4j.runtime.tls to org.ucspi4j.cli;
    exports org.ucspi4j.runtime.posix to org.ucspi4j.cli;
    exports org.ucspi4j.runtime.ucspi to org.ucspi4j.cli;
}
