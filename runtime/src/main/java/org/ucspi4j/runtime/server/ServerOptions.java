package org.ucspi4j.runtime.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * sslserver's command line, as ucspi-ssl 0.95b defines it plus the later fehcom additions
 * ({@code -y}, MAXCONIP, the {@code :0} host). Defaults are 0.95b's. Strings are byte strings (one
 * char per byte) as the C program sees its argv. Made with {@link #builder()}, which starts from the
 * defaults.
 *
 * @param verbosity 0 {@code -q}, 1 {@code -Q} (default), 2 {@code -v}, 3 {@code -V}
 * @param limit {@code -c}: connections served at once (default 40)
 * @param backlog {@code -b}: listen backlog (default 20)
 * @param rules {@code -x}: the rules cdb, or null
 * @param allowMissingRules {@code -X}: a missing cdb (and only missing) lets connections through
 * @param earlyRules {@code -y}: IP-only rules checked before DNS and ident, or null
 * @param banner {@code -B}: written to the client first (inside TLS, or in clear with {@code -n})
 * @param uid {@code -u}/{@code -U}: user to run as after setup, or null to keep
 * @param gid {@code -g}/{@code -U}: group to run as after setup, or null to keep
 * @param localName {@code -l}: SSLLOCALHOST without a DNS lookup, or null to look it up
 * @param remoteHost {@code -h} (default) / {@code -H}: look up the client's name
 * @param paranoid {@code -p} / {@code -P} (default): keep the name only if it resolves back
 * @param remoteInfo {@code -r} / {@code -R} (default): ask the client's ident server
 * @param identTimeout {@code -t}: ident timeout (default 26 s)
 * @param handshakeTimeout {@code -T}: TLS handshake deadline (default 26 s)
 * @param idleTimeout {@code -w}: relay idle deadline (default 3600 s)
 * @param printPort {@code -1}: print the bound port on stdout
 * @param readPassphrase {@code -3}: read the key passphrase from fd 3
 * @param ipv4Only {@code -4}: IPv4 only
 * @param ipv6Mode {@code -6}: IPv6 mode: IPv4 clients appear as IPv4-mapped IPv6 (TCP6 variables)
 * @param interfaceName {@code -I}: interface for a link-local address, or null
 * @param keepIpOptions {@code -o} / {@code -O} (default)
 * @param delay {@code -d} (Nagle on) / {@code -D} (default: TCP_NODELAY)
 * @param sslEnv {@code -s} / {@code -S} (default): export the SSL_* variables
 * @param tcpEnv {@code -e} / {@code -E} (default, as 0.95b): also set TCP* variables, PROTO=TCP/TCP6
 * @param delayedTls {@code -n} / {@code -N} (default): UCSPI-TLS, the program starts TLS
 * @param clientCerts {@code -Z} (default), {@code -z}, {@code -m}
 * @param host where to listen: 0, ::, :0, 0.0.0.0, an address, a name; {@code -} (with port {@code -}):
 *     the listening socket is inherited (socket activation, or fd 0)
 * @param port a number or a service name; {@code -} with host {@code -}
 * @param program the program and its arguments, untouched
 */
public record ServerOptions(
        int verbosity, long limit, int backlog,
        String rules, boolean allowMissingRules, String earlyRules,
        String banner, Long uid, Long gid,
        String localName, boolean remoteHost, boolean paranoid, boolean remoteInfo,
        Duration identTimeout, Duration handshakeTimeout, Duration idleTimeout,
        boolean printPort, boolean readPassphrase, boolean ipv4Only, boolean ipv6Mode, String interfaceName,
        boolean keepIpOptions, boolean delay, boolean sslEnv, boolean tcpEnv, boolean delayedTls,
        ClientCertPolicy clientCerts,
        String host, String port, List<String> program) {

    /** Checks what no command line can mean: a verbosity other than 0-3, no connection at once, a negative time. */
    public ServerOptions {
        if (verbosity < 0 || verbosity > 3) {
            throw new IllegalArgumentException("verbosity " + verbosity + " is not 0 to 3");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " is below 1");
        }
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog " + backlog + " is negative");
        }
        Objects.requireNonNull(banner, "banner");
        for (Duration d : new Duration[] {identTimeout, handshakeTimeout, idleTimeout}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("timeout " + d + " is negative");
            }
        }
        Objects.requireNonNull(clientCerts, "clientCerts");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        program = List.copyOf(program);
    }

    /** {@code -b}'s default, 0.95b's. */
    public static final int DEFAULT_BACKLOG = 20;

    /** A builder holding 0.95b's defaults: set what the command line says, then {@link Builder#build}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sets each component by its name (see the record's parameters); every one starts at its default. */
    public static final class Builder {
        private int verbosity = 1;
        private long limit = 40;
        private int backlog = DEFAULT_BACKLOG;
        private String rules;
        private boolean allowMissingRules;
        private String earlyRules;
        private String banner = "";
        private Long uid;
        private Long gid;
        private String localName;
        private boolean remoteHost = true;
        private boolean paranoid;
        private boolean remoteInfo;
        private Duration identTimeout = Duration.ofSeconds(26);
        private Duration handshakeTimeout = Duration.ofSeconds(26);
        private Duration idleTimeout = Duration.ofSeconds(3600);
        private boolean printPort;
        private boolean readPassphrase;
        private boolean ipv4Only;
        private boolean ipv6Mode;
        private String interfaceName;
        private boolean keepIpOptions;
        private boolean delay;
        private boolean sslEnv;
        private boolean tcpEnv;
        private boolean delayedTls;
        private ClientCertPolicy clientCerts = ClientCertPolicy.NONE;
        private String host;
        private String port;
        private List<String> program = List.of();

        private Builder() {}

        public Builder verbosity(int v) { verbosity = v; return this; }
        public Builder limit(long v) { limit = v; return this; }
        public Builder backlog(int v) { backlog = v; return this; }
        public Builder rules(String v) { rules = v; return this; }
        public Builder allowMissingRules(boolean v) { allowMissingRules = v; return this; }
        public Builder earlyRules(String v) { earlyRules = v; return this; }
        public Builder banner(String v) { banner = v; return this; }
        public Builder uid(Long v) { uid = v; return this; }
        public Builder gid(Long v) { gid = v; return this; }
        public Builder localName(String v) { localName = v; return this; }
        public Builder remoteHost(boolean v) { remoteHost = v; return this; }
        public Builder paranoid(boolean v) { paranoid = v; return this; }
        public Builder remoteInfo(boolean v) { remoteInfo = v; return this; }
        public Builder identTimeout(Duration v) { identTimeout = v; return this; }
        public Builder handshakeTimeout(Duration v) { handshakeTimeout = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder printPort(boolean v) { printPort = v; return this; }
        public Builder readPassphrase(boolean v) { readPassphrase = v; return this; }
        public Builder ipv4Only(boolean v) { ipv4Only = v; return this; }
        public Builder ipv6Mode(boolean v) { ipv6Mode = v; return this; }
        public Builder interfaceName(String v) { interfaceName = v; return this; }
        public Builder keepIpOptions(boolean v) { keepIpOptions = v; return this; }
        public Builder delay(boolean v) { delay = v; return this; }
        public Builder sslEnv(boolean v) { sslEnv = v; return this; }
        public Builder tcpEnv(boolean v) { tcpEnv = v; return this; }
        public Builder delayedTls(boolean v) { delayedTls = v; return this; }
        public Builder clientCerts(ClientCertPolicy v) { clientCerts = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(String v) { port = v; return this; }
        public Builder program(List<String> v) { program = v; return this; }

        /**
         * The options.
         *
         * @throws IllegalArgumentException for a verbosity other than 0-3, a limit below 1, a
         *     negative backlog or timeout
         * @throws NullPointerException when host, port, program, banner, a timeout or clientCerts is null
         */
        public ServerOptions build() {
            return new ServerOptions(verbosity, limit, backlog, rules, allowMissingRules, earlyRules, banner, uid, gid,
                    localName, remoteHost, paranoid, remoteInfo, identTimeout, handshakeTimeout, idleTimeout, printPort,
                    readPassphrase, ipv4Only, ipv6Mode, interfaceName, keepIpOptions, delay, sslEnv, tcpEnv, delayedTls,
                    clientCerts, host, port, program);
        }
    }
}
