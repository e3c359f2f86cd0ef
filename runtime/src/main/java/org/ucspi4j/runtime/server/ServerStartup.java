package org.ucspi4j.runtime.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ucspi4j.runtime.handle.ConnectionHandler;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.posix.ErrorText;
import org.ucspi4j.runtime.posix.Fds;
import org.ucspi4j.runtime.posix.Passphrases;
import org.ucspi4j.runtime.posix.PosixException;
import org.ucspi4j.runtime.posix.Privileges;
import org.ucspi4j.runtime.posix.SeparateIdsSpawner;
import org.ucspi4j.runtime.posix.Signals;
import org.ucspi4j.runtime.tls.ApplicationProtocols;
import org.ucspi4j.runtime.tls.CertificateSet;
import org.ucspi4j.runtime.tls.ClientAuth;
import org.ucspi4j.runtime.tls.DhParameters;
import org.ucspi4j.runtime.tls.HandshakeWarmUp;
import org.ucspi4j.runtime.tls.NamedRsaKeyExchange;
import org.ucspi4j.runtime.tls.OcspStapling;
import org.ucspi4j.runtime.tls.SelfSignedCertificate;
import org.ucspi4j.runtime.tls.ServedCertificate;
import org.ucspi4j.runtime.tls.ServerTlsContext;
import org.ucspi4j.runtime.tls.TlsContexts;
import org.ucspi4j.runtime.tls.TlsProvider;
import org.ucspi4j.runtime.tls.TlsServerConfig;
import org.ucspi4j.runtime.tls.TlsSetupException;
import org.ucspi4j.runtime.ucspi.Numbers;

/**
 * sslserver from its options to serving, in the C server's order: port, environment, host, bind (or,
 * for host and port {@code -}, the inherited listening socket: {@link ListenerSource}), {@code -1},
 * {@code -3}, TLS context (keys are read while still privileged), the {@code -v} setup lines, the
 * privilege drop, then the accept loop. Startup failures print the C messages and return 111.
 */
public final class ServerStartup {
    private final String who;
    private final Map<String, String> env;
    private final OutputStream stdout;
    private final Function<ServerOptions, ConnectionService> services;
    private final ServerEvents.Endpoint metrics; // what METRICS= starts; null: the setting is refused

    private ServerStartup(String who, Map<String, String> env, OutputStream stdout,
            Function<ServerOptions, ConnectionService> services, ServerEvents.Endpoint metrics) {
        this.who = who;
        this.env = env;
        this.stdout = stdout;
        this.services = services;
        this.metrics = metrics;
    }

    /** The same server, with {@code endpoint} started when {@code METRICS} is set. */
    public ServerStartup withMetrics(ServerEvents.Endpoint endpoint) {
        return new ServerStartup(who, env, stdout, services, endpoint);
    }

    /**
     * sslserver: a program per connection, given the plaintext of the TLS session, or with {@code -n}
     * the connection itself and UCSPI-TLS. {@code who} starts the log lines.
     */
    public static ServerStartup programs(String who, Map<String, String> env, OutputStream stdout) {
        return new ServerStartup(who, env, stdout, o -> {
            byte[][] argv = o.program().stream().map(a -> a.getBytes(StandardCharsets.ISO_8859_1)).toArray(byte[][]::new);
            return o.delayedTls() ? new DelayedTlsService(argv) : new ProgramService(argv);
        }, null);
    }

    /** sslhandle: {@code handler} serves each connection inside the JVM, with {@code arguments}. */
    public static ServerStartup handler(String who, Map<String, String> env, OutputStream stdout,
            ConnectionHandler handler, List<String> arguments) {
        return new ServerStartup(who, env, stdout, o -> new HandlerService(handler, arguments), null);
    }

    /** A startup failure: the message after {@code WHO: fatal: }. */
    private static final class Fatal extends Exception {
        Fatal(String message) {
            super(message);
        }
    }

    public int run(ServerOptions o) {
        ServerLog log = ServerLog.stderr(who, o.verbosity());
        try {
            SslServer server = prepare(o, log);
            installTermHandler();
            server.serve();
            return 0;
        } catch (Fatal f) {
            log.fatal(f.getMessage());
            return 111;
        } catch (InterruptedException e) {
            return 111;
        }
    }

    SslServer prepare(ServerOptions o, ServerLog log) throws Fatal {
        ConnectionService service = services.apply(o);
        ServerIds ids;
        try {
            ids = ServerIds.of(o, env, service.startsPrograms());
        } catch (IllegalArgumentException e) {
            throw new Fatal("unable to set uid: " + e.getMessage());
        }
        ProxyFrom proxyFrom = proxyFrom();
        long pid = ProcessHandle.current().pid();
        ListenerSource source;
        ServerSocketChannel listener;
        try {
            source = ListenerSource.of(o, env, pid);
            source.ignoredOptions(o).forEach(log::verboseWarning);
            listener = source.open();
        } catch (ListenerSource.Unusable e) {
            throw new Fatal(e.getMessage());
        }
        Map<String, String> programEnvironment = source.programEnvironment(env);
        int bound = ((InetSocketAddress) listener.socket().getLocalSocketAddress()).getPort();
        if (o.printPort()) {
            try {
                stdout.write((bound + "\n").getBytes(StandardCharsets.US_ASCII));
                stdout.flush();
            } catch (IOException e) {
                // as in C: nobody to tell
            }
        }
        ServerEvents.Endpoint.Started counting = startMetrics();
        ServerEvents events = counting == null ? ServerEvents.NONE : counting.events();
        // Before the passphrase and the key are read: no process of our uid may read this JVM's memory
        // (ptrace, /proc/PID/mem), environment or files, and no core file holds the key.
        keepUndumpable();
        JvmDoors.check(log);
        byte[] passphrase = o.readPassphrase() ? readPassphrase() : null;
        TlsSetup tlsSetup = tls(o, passphrase, log);
        log.setting("cafile", pid, tlsSetup.caFile);
        log.setting("ccafile", pid, tlsSetup.ccaFile);
        log.setting("cadir", pid, tlsSetup.caDir);
        log.setting("chainfile", pid, tlsSetup.chainFile);
        log.setting("cert", pid, tlsSetup.certFile);
        log.setting("key", pid, tlsSetup.keyFile);
        log.setting("param", pid, tlsSetup.dhFile, tlsSetup.dhBits);
        dropPrivileges(ids);
        tlsSetup.reload.start(); // after the drop: a reload reads the files as the server's own user
        try {
            Fds.redirectToDevNull(0);
            Fds.redirectToDevNull(1);
        } catch (PosixException e) {
            // as in C, best effort
        }
        long perAddress = o.limit();
        String maxconip = env.get("MAXCONIP");
        if (maxconip != null) {
            perAddress = Numbers.scanUnsigned(maxconip);
        }
        RulesSource rules = o.rules() == null ? null
                : new RulesSource(ArgumentBytes.path(o.rules()), o.allowMissingRules(), events);
        RulesSource early = o.earlyRules() == null ? null
                : new RulesSource(ArgumentBytes.path(o.earlyRules()), o.allowMissingRules(), events);
        long limit = Math.max(1, o.limit());
        if (proxyFrom != null) {
            log.setting("proxyfrom", pid, proxyFrom.text());
        }
        if (counting != null) {
            log.setting("metrics", pid, AddressText.of(counting.address().getAddress(), false).text() + ":"
                    + counting.address().getPort());
        }
        return new SslServer(o, log, programEnvironment, listener, tlsSetup.context, rules, early,
                new ConnectionLimits(limit, perAddress, running -> log.status(running, limit)), proxyFrom, service, events);
    }

    /** {@code METRICS}: the endpoint, started with the listener, while still privileged; null when unset. */
    private ServerEvents.Endpoint.Started startMetrics() throws Fatal {
        String value = setting("METRICS");
        if (value == null) {
            return null;
        }
        if (metrics == null) {
            throw new Fatal("METRICS is not supported by " + who);
        }
        try {
            return metrics.start(value);
        } catch (IllegalArgumentException e) {
            throw new Fatal("unable to parse " + e.getMessage());
        } catch (IOException e) {
            throw new Fatal("unable to bind metrics: " + ErrorText.of(e));
        }
    }

    /** {@code PROXY_FROM}: the load balancers that send a PROXY header; null when unset or empty. */
    private ProxyFrom proxyFrom() throws Fatal {
        String value = setting(ProxyFrom.VARIABLE);
        if (value == null) {
            return null;
        }
        try {
            return ProxyFrom.parse(value);
        } catch (IllegalArgumentException e) {
            throw new Fatal("unable to parse " + ProxyFrom.VARIABLE + ": " + e.getMessage());
        }
    }

    /** The NUL-terminated passphrase on fd 3; fd 3 is closed after. */
    private static byte[] readPassphrase() throws Fatal {
        try {
            return Passphrases.fromFd3();
        } catch (IOException | IllegalArgumentException e) {
            throw new Fatal("unable to read password: " + (e instanceof IOException io ? ErrorText.of(io) : e.getMessage()));
        }
    }

    /** The context and the names the {@code -v} setup lines print (null: unset). */
    private record TlsSetup(ServerTlsContext context, CertificateReload reload, String caFile, String ccaFile, String caDir,
                            String chainFile, String certFile, String keyFile, String dhFile, String dhBits) {}

    private TlsSetup tls(ServerOptions o, byte[] passphrase, ServerLog log) throws Fatal {
        String chainFile = setting("CERTCHAINFILE");
        String certFile = setting("CERTFILE");
        String keyFile = setting("KEYFILE");
        String caFile = setting("CAFILE");
        String caDir = setting("CADIR");
        String ccaFile = setting("CCAFILE");
        String dhFile = setting("DHFILE");
        String ciphers = setting("CIPHERS");
        if (NamedRsaKeyExchange.allowIfNamed(ciphers)) { // before any TLS context reads the JDK's list
            log.verboseWarning("CIPHERS names an RSA key exchange suite: TLS_RSA_* taken off the JDK's"
                    + " jdk.tls.disabledAlgorithms for this server");
        }
        int depth = env.containsKey("VERIFYDEPTH") ? (int) Math.min(Integer.MAX_VALUE,
                Numbers.scanUnsigned(env.get("VERIFYDEPTH"))) : TlsServerConfig.DEFAULT_VERIFY_DEPTH;
        boolean wantClientCert = o.clientCerts() != ClientCertPolicy.NONE && ccaFile != null && !ccaFile.equals("-");
        if (!wantClientCert) {
            ccaFile = null;
        }
        List<CertificateFiles> files;
        try {
            files = CertificateFiles.fromEnvironment(env);
        } catch (CertificateFiles.Incomplete e) {
            throw new Fatal(e.getMessage());
        }
        List<String> alpn;
        try {
            alpn = ApplicationProtocols.parse(setting("ALPN"));
        } catch (IllegalArgumentException e) {
            throw new Fatal("unable to create SSL context: " + e.getMessage());
        }
        try {
            ServedCertificate generated = null;
            boolean defaultConfigured = env.containsKey("CERTCHAINFILE") || env.containsKey("CERTFILE")
                    || env.containsKey("KEYFILE");
            if (defaultConfigured && (files.isEmpty() || !files.getFirst().name().isEmpty())) {
                throw new Fatal("unable to load certificate"); // set, but empty: C's words
            }
            if (files.isEmpty()) {
                generated = ServedCertificate.fallback(SelfSignedCertificate.generate());
                log.warning("no CERTFILE, KEYFILE or CERTCHAINFILE set: serving a self-signed certificate for "
                        + SelfSignedCertificate.HOST + " made in memory (not for production)");
            }
            CertificateSet certificates = CertificateReload.load(files, generated, passphrase);
            TlsServerConfig config = TlsServerConfig.of(certificates).withCiphers(ciphers == null ? "" : ciphers)
                    .withApplicationProtocols(alpn);
            if (o.clientCerts() != ClientCertPolicy.NONE) {
                config = config.withTrust(caFile == null ? null : path(caFile), caDir == null ? null : path(caDir), depth);
            }
            if (wantClientCert) {
                config = config.withClientAuth(ClientAuth.REQUIRED, path(ccaFile));
            }
            String dhBits = null;
            if (dhFile != null) {
                DhParameters dh = DhParameters.load(path(dhFile));
                config = config.withDhParameters(dh);
                dhBits = Integer.toString(dh.bits());
            }
            String provider = env.get(TlsProvider.VARIABLE);
            if (provider != null && !provider.isEmpty()) {
                try {
                    config = config.withProvider(TlsProvider.named(provider));
                } catch (IllegalArgumentException e) {
                    throw new Fatal("unable to create SSL context: " + e.getMessage());
                }
            }
            Optional<OcspStapling> stapling = OcspStapling.configure(env, log::warning, config.provider());
            ServerTlsContext context = TlsContexts.server(config);
            stapling.ifPresent(s -> s.serve(certificates));
            context.cipherWarnings().forEach(w -> log.verboseWarning("CIPHERS: " + w));
            HandshakeWarmUp.run(context);
            CertificateReload reload = new CertificateReload(files, generated, passphrase, context, log,
                    set -> stapling.ifPresent(s -> s.serve(set)));
            // the -v lines show the CA file and directory in force: they verify clients only with -z or -m
            boolean verifying = o.clientCerts() != ClientCertPolicy.NONE;
            return new TlsSetup(context, reload, verifying ? caFile : null, ccaFile, verifying ? caDir : null,
                    chainFile, certFile, keyFile, dhFile, dhBits);
        } catch (TlsSetupException e) {
            if (e instanceof TlsSetupException.CipherList) {
                log.verboseWarning("CIPHERS: " + e.detail()); // the fatal line keeps C's words
            }
            throw new Fatal(e.serverMessage());
        }
    }

    /** An environment setting; empty means unset, as in the C tools. */
    private String setting(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static Path path(String byteString) {
        return ArgumentBytes.path(byteString);
    }

    /**
     * The server drops to its ids; programs run under theirs. When the two differ, a thread set aside
     * beforehand keeps what it takes to start programs under theirs (see {@link SeparateIdsSpawner}).
     */
    private static void dropPrivileges(ServerIds ids) throws Fatal {
        SeparateIdsSpawner spawner = null;
        if (ids.separate()) {
            try {
                spawner = SeparateIdsSpawner.prepare(ids.programs());
            } catch (PosixException e) {
                throw new Fatal("unable to set uid: " + ErrorText.of(e));
            }
        }
        try {
            Privileges.drop(ids.server());
        } catch (PosixException e) {
            throw new Fatal((e.function().equals("setuid") ? "unable to set uid: " : "unable to set gid: ")
                    + ErrorText.of(e));
        }
        keepUndumpable(); // a setuid resets it
        if (spawner != null) {
            try {
                spawner.install();
            } catch (PosixException e) {
                throw new Fatal("unable to set uid: " + ErrorText.of(e));
            }
        }
    }

    private static void keepUndumpable() throws Fatal {
        try {
            Privileges.setDumpable(false);
        } catch (PosixException e) {
            throw new Fatal("unable to protect the server's memory: " + ErrorText.of(e));
        }
    }

    /** SIGTERM: exit 0 at once, as the C server does; programs are not signalled. */
    private static void installTermHandler() {
        try {
            Signals.handle("TERM", () -> Runtime.getRuntime().halt(0));
        } catch (IllegalArgumentException | IOException e) {
            // the JVM's own handling (exit) applies, or the disposition inherited
        }
    }
}
