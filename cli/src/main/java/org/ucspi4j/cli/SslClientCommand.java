package org.ucspi4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.ucspi4j.runtime.client.ClientOptions;
import org.ucspi4j.runtime.client.SslClient;
import org.ucspi4j.runtime.ucspi.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sslclient [opts] host port prog...}: ucspi-ssl's letters and defaults (0.13, with the
 * option arguments 0.13's getopt string lost restored as 0.95b had them), plus {@code -y}:
 * client-side UCSPI-TLS.
 */
@Command(name = "sslclient", versionProvider = Versions.class,
        description = "Connect with TLS and run a program with fd 6 reading from and fd 7 writing to the server.")
class SslClientCommand implements Callable<Integer>, Program, Getopt.Letters {
    final Io io;

    @Mixin // -3, -q, -Q, -s, -S, -e, -E, --help, --version
    CommonOptions common = new CommonOptions();

    boolean ipv4Only;
    long firstTimeout = 2;
    long secondTimeout = 58;
    String localIp;
    int localPort;
    String interfaceName;
    boolean delay;
    boolean remoteHost = true;
    String localName;
    boolean remoteInfo;
    long identTimeout = 26;
    long idleTimeout = 3600;
    String caFile;
    String caDir;
    int verifyDepth = 1;
    String certFile;
    String keyFile;
    String passphraseFile;
    String ciphers;
    boolean verify = true;
    boolean checkName = true;
    boolean sni;
    boolean delayedTls;

    @Option(names = "-v", description = "verbose") void v(boolean b) { common.verbosity = 2; }
    @Option(names = "-4", description = "IPv4 only") void four(boolean b) { ipv4Only = true; }
    @Option(names = "-6", description = "IPv6 as well (default)") void six(boolean b) { ipv4Only = false; }
    @Option(names = "-d", description = "Nagle on") void d(boolean b) { delay = true; }
    @Option(names = "-D", description = "TCP_NODELAY (default)") void bigD(boolean b) { delay = false; }
    @Option(names = "-h", description = "look up the server's name (default)") void h(boolean b) { remoteHost = true; }
    @Option(names = "-H", description = "do not look up the server's name") void bigH(boolean b) { remoteHost = false; }
    @Option(names = "-r", description = "ask the server's ident") void r(boolean b) { remoteInfo = true; }
    @Option(names = "-R", description = "no ident (default)") void bigR(boolean b) { remoteInfo = false; }
    @Option(names = "-x", description = "verify the server's certificate (default)") void x(boolean b) { verify = true; }
    @Option(names = "-X", description = "do not verify the server's certificate at all") void bigX(boolean b) { verify = false; }
    @Option(names = "-n", description = "check the host name (default)") void n(boolean b) { checkName = true; }
    @Option(names = "-N", description = "do not check the host name") void bigN(boolean b) { checkName = false; }
    @Option(names = "-m", description = "send SNI") void m(boolean b) { sni = true; }
    @Option(names = "-M", description = "no SNI (default)") void bigM(boolean b) { sni = false; }
    @Option(names = "-y", description = "UCSPI-TLS: plain text on fds 6/7 until the program writes y to SSLCTLFD") void y(boolean b) { delayedTls = true; }
    @Option(names = "-i", description = "connect from this local address", paramLabel = "localip") void i(String s) { localIp = s; }
    @Option(names = "-p", description = "connect from this local port", paramLabel = "localport") void p(String s) { localPort = (int) Math.min(65535, Numbers.scanUnsigned(s)); }
    @Option(names = "-I", description = "network interface for a link-local IPv6 address (accepted; not used yet)", paramLabel = "interface") void bigI(String s) { interfaceName = s; }
    @Option(names = "-l", description = "SSLLOCALHOST without a DNS lookup", paramLabel = "localname") void l(String s) { localName = s; }
    @Option(names = "-t", description = "ident (-r) timeout in seconds (default 26)", paramLabel = "timeoutinfo") void t(String s) { identTimeout = Numbers.scanUnsigned(s); }
    @Option(names = "-w", description = "idle timeout of the relay in seconds (default 3600)", paramLabel = "progtimeout") void w(String s) { idleTimeout = Numbers.scanUnsigned(s); }
    @Option(names = "-a", description = "trust the CA certificates in this PEM file", paramLabel = "cafile") void a(String s) { caFile = s.isEmpty() ? null : s; }
    @Option(names = "-A", description = "trust the CA certificates in this directory", paramLabel = "cadir") void bigA(String s) { caDir = s.isEmpty() ? null : s; }
    @Option(names = "-V", description = "how many intermediate certificates the server's chain may have (default 1)", paramLabel = "verifydepth") void bigV(String s) { verifyDepth = (int) Math.min(Integer.MAX_VALUE, Numbers.scanUnsigned(s)); }
    @Option(names = "-c", description = "send this client certificate (PEM; with its chain)", paramLabel = "certfile") void c(String s) { certFile = s.isEmpty() ? null : s; }
    @Option(names = "-k", description = "the client certificate's key (default: in -c's file)", paramLabel = "keyfile") void k(String s) { keyFile = s.isEmpty() ? null : s; }
    @Option(names = "-K", description = "read the key's passphrase from this file (first line)", paramLabel = "passfile") void bigK(String s) { passphraseFile = s; }
    @Option(names = "-z", description = "allowed cipher suites, an OpenSSL cipher string", paramLabel = "ciphers") void z(String s) { ciphers = s.isEmpty() ? null : s; }

    /** {@code -T x+y}: connect timeouts, as tcpclient reads them. */
    @Option(names = "-T", description = "connect timeout in seconds, or first+retry (default 2+58); the handshake shares it", paramLabel = "timeoutconn")
    void bigT(String s) {
        int plus = s.indexOf('+');
        firstTimeout = Numbers.scanUnsigned(s);
        if (plus >= 0) {
            secondTimeout = Numbers.scanUnsigned(s.substring(plus + 1));
        }
    }

    @Parameters(index = "0", paramLabel = "host",
            description = "the server's name or address")
    String host;

    @Parameters(index = "1", paramLabel = "port",
            description = "the server's port: a number or a service name")
    String port;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "program",
            description = "the program to run, with its arguments: it reads from the server on fd 6 and writes to it on fd 7")
    List<String> program = new ArrayList<>();

    SslClientCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() {
        return "sslclient: usage: sslclient [ -463hHrRdDqQveEsSnNxXmMy ] [ -i localip ] [ -p localport ]"
                + " [ -T timeoutconn ] [ -l localname ] [ -t timeoutinfo ] [ -I interface ] [ -a cafile ]"
                + " [ -A cadir ] [ -c certfile ] [ -z ciphers ] [ -k keyfile ] [ -K passfile ] [ -V verifydepth ]"
                + " [ -w progtimeout ] host port program";
    }

    @Override
    public boolean optionsEndAtFirstArgument() {
        return true;
    }

    /** The letters that take no argument, and those that take one, as getopt reads them. */
    static final String FLAGS = "46hHrRdDvnNxXmMy" + CommonOptions.LETTERS;
    static final String VALUED = "ipTltIaAczkKVw";

    /**
     * Reads the command line as the C sslclient's getopt does, without picocli, whose set-up would be
     * a third of one connection's time: short options, clustered, a letter's argument attached or
     * next; options end at "--" or the first argument that is not one. Returns false, having set
     * nothing that counts, for anything else (a long option, an unknown letter, a missing argument,
     * fewer than host, port and program), which picocli then reads and reports as before. Each
     * letter calls the method picocli's annotation names, so both readings mean the same.
     */
    @Override
    public boolean bindClassic(String[] args) {
        int first = Getopt.bind(args, FLAGS, VALUED, 3, new SslClientCommand(io), this);
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
            case '4' -> four(true);
            case '6' -> six(true);
            case 'h' -> h(true);
            case 'H' -> bigH(true);
            case 'r' -> r(true);
            case 'R' -> bigR(true);
            case 'd' -> d(true);
            case 'D' -> bigD(true);
            case 'v' -> v(true);
            case 'n' -> n(true);
            case 'N' -> bigN(true);
            case 'x' -> x(true);
            case 'X' -> bigX(true);
            case 'm' -> m(true);
            case 'M' -> bigM(true);
            case 'y' -> y(true);
            default -> common.flag(letter);
        }
    }

    @Override
    public void valued(char letter, String value) {
        switch (letter) {
            case 'i' -> i(value);
            case 'p' -> p(value);
            case 'T' -> bigT(value);
            case 'l' -> l(value);
            case 't' -> t(value);
            case 'I' -> bigI(value);
            case 'a' -> a(value);
            case 'A' -> bigA(value);
            case 'c' -> c(value);
            case 'z' -> z(value);
            case 'k' -> k(value);
            case 'K' -> bigK(value);
            case 'V' -> bigV(value);
            case 'w' -> w(value);
            default -> throw new IllegalArgumentException("takes no argument: " + letter);
        }
    }

    ClientOptions options() {
        return ClientOptions.builder().verbosity(common.verbosity).ipv4Only(ipv4Only)
                .connectTimeout(Duration.ofSeconds(firstTimeout), Duration.ofSeconds(secondTimeout))
                .localIp(localIp).localPort(localPort).interfaceName(interfaceName).delay(delay).remoteHost(remoteHost)
                .localName(localName).remoteInfo(remoteInfo).identTimeout(Duration.ofSeconds(identTimeout))
                .idleTimeout(Duration.ofSeconds(idleTimeout)).caFile(caFile).caDir(caDir).verifyDepth(verifyDepth)
                .certFile(certFile).keyFile(keyFile).passphraseFromFd3(common.passphraseFromFd3)
                .passphraseFile(passphraseFile).ciphers(ciphers).verify(verify).checkName(checkName).sni(sni)
                .sslEnv(common.sslEnv).tcpEnv(common.tcpEnv).delayedTls(delayedTls).host(host).port(port)
                .program(program).build();
    }

    @Override
    public Integer call() {
        return new SslClient("sslclient", io.env()).run(options());
    }
}
