package org.ucspi4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.server.ClientCertPolicy;
import org.ucspi4j.runtime.server.ServerOptions;
import org.ucspi4j.runtime.server.ServerStartup;
import org.ucspi4j.runtime.ucspi.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sslserver [opts] host port prog...} (or {@code - -} for an inherited listening socket):
 * ucspi-ssl 0.95b's option letters and defaults. Parsing
 * is getopt's: letters cluster ({@code -vRHl0}), the last of a cluster may take the rest as its
 * argument, and options stop at {@code host}; everything after {@code port} is the program's.
 */
@Command(name = "sslserver", versionProvider = Versions.class,
        description = "Accept TLS connections and run a program for each, UCSPI style.")
class SslServerCommand implements Callable<Integer>, Program, Getopt.Letters {
    final Io io;

    @Spec
    CommandSpec spec;

    @Mixin // -3, -q, -Q, -s, -S, -e, -E, --help, --version
    CommonOptions common = new CommonOptions();

    // Defaults: ucspi-ssl 0.95b.
    long limit = 40;
    int backlog = ServerOptions.DEFAULT_BACKLOG;
    String rules;
    boolean allowMissingRules;
    String earlyRules;
    String banner = "";
    Long uid;
    Long gid;
    boolean fromEnvironmentIds;
    String localName;
    boolean remoteHost = true;
    boolean paranoid;
    boolean remoteInfo;
    long identTimeout = 26;
    long handshakeTimeout = 26;
    long idleTimeout = 3600;
    boolean printPort;
    boolean ipv4Only;
    boolean ipv6Mode;
    String interfaceName;
    boolean keepIpOptions;
    boolean delay;
    boolean delayedTls;
    ClientCertPolicy clientCerts = ClientCertPolicy.NONE;

    @Option(names = "-1", description = "print the local port on stdout") void one(boolean b) { printPort = true; }
    @Option(names = "-4", description = "IPv4 only") void four(boolean b) { ipv4Only = true; }
    @Option(names = "-6", description = "IPv6 mode: IPv4 clients as ::ffff:a.b.c.d, TCP6 variables") void six(boolean b) { ipv6Mode = true; }
    @Option(names = "-d", description = "leave Nagle on (no TCP_NODELAY)") void d(boolean b) { delay = true; }
    @Option(names = "-D", description = "TCP_NODELAY (default)") void bigD(boolean b) { delay = false; }
    @Option(names = "-v", description = "status messages") void v(boolean b) { common.verbosity = 2; }
    @Option(names = "-V", description = "status messages with protocol and cipher") void bigV(boolean b) { common.verbosity = 3; }
    @Option(names = "-h", description = "look up the client's host name (default)") void h(boolean b) { remoteHost = true; }
    @Option(names = "-H", description = "do not look up the client's host name") void bigH(boolean b) { remoteHost = false; }
    @Option(names = "-p", description = "paranoid: the name must resolve back to the client") void p(boolean b) { paranoid = true; }
    @Option(names = "-P", description = "not paranoid (default)") void bigP(boolean b) { paranoid = false; }
    @Option(names = "-r", description = "ask the client's ident server") void r(boolean b) { remoteInfo = true; }
    @Option(names = "-R", description = "no ident (default)") void bigR(boolean b) { remoteInfo = false; }
    @Option(names = "-o", description = "keep IP options") void o(boolean b) { keepIpOptions = true; }
    @Option(names = "-O", description = "kill IP options (default)") void bigO(boolean b) { keepIpOptions = false; }
    @Option(names = "-n", description = "UCSPI-TLS: the program starts TLS (raw socket on fds 0 and 1)") void n(boolean b) { delayedTls = true; }
    @Option(names = "-N", description = "start TLS at once (default)") void bigN(boolean b) { delayedTls = false; }
    @Option(names = "-z", description = "require a client certificate matching the client's host name") void z(boolean b) { clientCerts = ClientCertPolicy.VERIFY_NAME; }
    @Option(names = "-m", description = "require a valid client certificate, no name check") void m(boolean b) { clientCerts = ClientCertPolicy.CHAIN_ONLY; }
    @Option(names = "-Z", description = "no client certificates (default)") void bigZ(boolean b) { clientCerts = ClientCertPolicy.NONE; }
    @Option(names = "-X", description = "a missing rules cdb lets connections through") void bigX(boolean b) { allowMissingRules = true; }
    @Option(names = "-U", description = "run as $UID and $GID") void bigU(boolean b) { fromEnvironmentIds = true; environmentId("UID", "uid"); environmentId("GID", "gid"); }
    @Option(names = "-x", paramLabel = "rules.cdb", description = "tcprules database") void x(String f) { rules = f; }
    @Option(names = "-y", paramLabel = "iprules.cdb", description = "early IP-only rules, before DNS and ident") void y(String f) { earlyRules = f; }
    @Option(names = "-B", paramLabel = "banner", description = "write banner to the client first") void bigB(String s) { banner = s; }
    @Option(names = "-c", paramLabel = "limit", description = "connections at once (default 40)") void c(String n) { limit = OptionNumbers.number(spec, "-c", "limit", n, 1, OptionNumbers.MAX); }
    @Option(names = "-b", paramLabel = "backlog", description = "listen backlog (default 20)") void b(String n) { backlog = (int) OptionNumbers.number(spec, "-b", "backlog", n, 0, OptionNumbers.MAX); }
    @Option(names = "-g", paramLabel = "gid", description = "run the programs (and, without SSL_GID, the server) as this numeric gid") void g(String n) { gid = OptionNumbers.id(spec, "-g", "gid", n); }
    @Option(names = "-u", paramLabel = "uid", description = "run the programs (and, without SSL_UID, the server) as this numeric uid") void u(String n) { uid = OptionNumbers.id(spec, "-u", "uid", n); }
    @Option(names = "-l", paramLabel = "localname", description = "SSLLOCALHOST, no DNS lookup") void l(String s) { localName = s; }
    @Option(names = "-t", paramLabel = "timeout", description = "ident timeout in seconds (default 26)") void t(String n) { identTimeout = OptionNumbers.number(spec, "-t", "timeout", n, 0, OptionNumbers.MAX); }
    @Option(names = "-T", paramLabel = "ssltimeout", description = "TLS handshake timeout in seconds (default 26)") void bigT(String n) { handshakeTimeout = OptionNumbers.number(spec, "-T", "ssltimeout", n, 1, OptionNumbers.MAX); }
    @Option(names = "-w", paramLabel = "progtimeout", description = "idle timeout in seconds (default 3600)") void w(String n) { idleTimeout = OptionNumbers.number(spec, "-w", "progtimeout", n, 1, OptionNumbers.MAX); }
    @Option(names = "-I", paramLabel = "interface", description = "interface for a link-local address") void bigI(String s) { interfaceName = s; }

    @Parameters(index = "0", paramLabel = "host",
            description = "the local address to listen on (0: every address); a name is looked up;"
                    + " - (with port -): serve the listening socket inherited by socket activation (LISTEN_FDS) or on fd 0")
    String host;

    @Parameters(index = "1", paramLabel = "port",
            description = "the port to listen on: a number or a service name (0: any free port, printed by -1);"
                    + " - with host -")
    String port;

    // 0..*: sslprint takes none; sslserver and sslhandle refuse an empty one in call()
    @Parameters(index = "2..*", arity = "0..*", paramLabel = "program",
            description = "the program to run for each connection, with its arguments: it talks to the client on stdin and stdout")
    List<String> program = new ArrayList<>();

    /** -U: $UID and $GID must be numeric ids too, checked while the options are read. */
    private void environmentId(String variable, String what) {
        String value = io.env().get(variable);
        if (value != null) {
            try {
                Numbers.id(value);
            } catch (NumberFormatException e) {
                throw new OptionNumbers.BadValue(spec, spec.name() + ": -U: $" + variable + " " + what + " " + e.getMessage());
            }
        }
    }

    SslServerCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() {
        return "sslserver: usage: sslserver [ -1346UXpPhHrRoOdDqQvVIeEsSnNmzZ ] [ -c limit ] [ -y iprules.cdb ]"
                + " [ -x rules.cdb ] [ -B banner ] [ -g gid ] [ -u uid ] [ -b backlog ] [ -l localname ]"
                + " [ -t timeout ] [ -I interface ] [ -T ssltimeout ] [ -w progtimeout ] host port program";
    }

    @Override
    public boolean optionsEndAtFirstArgument() {
        return true;
    }

    /** The letters that take no argument, and those that take one, as getopt reads them. */
    static final String FLAGS = "146dDvVhHpPrRoOnNzmZXU" + CommonOptions.LETTERS;
    static final String VALUED = "xyBcbgultTwI";

    /**
     * Reads the command line as the C sslserver's getopt does, without picocli: its set-up was 136 ms
     * of a server's start (171 classes it loads from the jar, which no AOT cache keeps), a quarter of
     * the time until the port is open again after a restart. Returns false, having set nothing that
     * counts, for anything else (a long option, an unknown letter, a missing or bad argument, no host
     * and port), which picocli then reads and reports. Each letter calls the method picocli's
     * annotation names, so both readings mean the same. sslhandle and sslprint, whose letters differ,
     * are read by picocli.
     */
    @Override
    public boolean bindClassic(String[] args) {
        if (getClass() != SslServerCommand.class) {
            return false;
        }
        int first = Getopt.bind(args, FLAGS, VALUED, 2, new SslServerCommand(io), this);
        if (first < 0) {
            return false;
        }
        host = args[first];
        port = args[first + 1];
        program = new ArrayList<>(Arrays.asList(args).subList(first + 2, args.length));
        return true;
    }

    @Override
    public void flag(char letter) {
        switch (letter) {
            case '1' -> one(true);
            case '4' -> four(true);
            case '6' -> six(true);
            case 'd' -> d(true);
            case 'D' -> bigD(true);
            case 'v' -> v(true);
            case 'V' -> bigV(true);
            case 'h' -> h(true);
            case 'H' -> bigH(true);
            case 'p' -> p(true);
            case 'P' -> bigP(true);
            case 'r' -> r(true);
            case 'R' -> bigR(true);
            case 'o' -> o(true);
            case 'O' -> bigO(true);
            case 'n' -> n(true);
            case 'N' -> bigN(true);
            case 'z' -> z(true);
            case 'm' -> m(true);
            case 'Z' -> bigZ(true);
            case 'X' -> bigX(true);
            case 'U' -> bigU(true);
            default -> common.flag(letter);
        }
    }

    @Override
    public void valued(char letter, String value) {
        switch (letter) {
            case 'x' -> x(value);
            case 'y' -> y(value);
            case 'B' -> bigB(value);
            case 'c' -> c(value);
            case 'b' -> b(value);
            case 'g' -> g(value);
            case 'u' -> u(value);
            case 'l' -> l(value);
            case 't' -> t(value);
            case 'T' -> bigT(value);
            case 'w' -> w(value);
            case 'I' -> bigI(value);
            default -> throw new IllegalArgumentException("takes no argument: " + letter);
        }
    }

    ServerOptions options() {
        Long u = uid;
        Long g = gid;
        if (fromEnvironmentIds) {
            String envUid = io.env().get("UID");
            String envGid = io.env().get("GID");
            if (envUid != null) {
                u = Numbers.id(envUid);
            }
            if (envGid != null) {
                g = Numbers.id(envGid);
            }
        }
        return ServerOptions.builder().verbosity(common.verbosity).limit(limit).backlog(backlog).rules(rules)
                .allowMissingRules(allowMissingRules).earlyRules(earlyRules).banner(banner)
                .uid(u == null || u == 0 ? null : u).gid(g == null || g == 0 ? null : g).localName(localName)
                .remoteHost(remoteHost).paranoid(paranoid).remoteInfo(remoteInfo)
                .identTimeout(Duration.ofSeconds(identTimeout)).handshakeTimeout(Duration.ofSeconds(handshakeTimeout))
                .idleTimeout(Duration.ofSeconds(idleTimeout)).printPort(printPort).readPassphrase(common.passphraseFromFd3)
                .ipv4Only(ipv4Only).ipv6Mode(ipv6Mode).interfaceName(interfaceName).keepIpOptions(keepIpOptions)
                .delay(delay).sslEnv(common.sslEnv).tcpEnv(common.tcpEnv).delayedTls(delayedTls)
                .clientCerts(clientCerts).host(host).port(port).program(program).build();
    }

    @Override
    public Integer call() {
        if (program.isEmpty()) {
            io.err().println(usage());
            return 100;
        }
        return ServerStartup.programs("sslserver", io.env(), io.out()).withMetrics(Metrics::start).run(options());
    }
}
