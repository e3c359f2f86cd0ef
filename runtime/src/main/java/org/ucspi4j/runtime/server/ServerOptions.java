package org.ucspi4j.runtime.server;

import java.time.Duration;
import java.util.List;

/**
 * sslserver's command line, as ucspi-ssl 0.95b defines it plus the later fehcom additions
 * ({@code -y}, MAXCONIP, the {@code :0} host). Defaults are 0.95b's. Strings are byte strings (one
 * char per byte) as the C program sees its argv.
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
 * @param host where to listen: 0, ::, :0, 0.0.0.0, an address, a name
 * @param port a number or a service name
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

    public ServerOptions {
        program = List.copyOf(program);
    }
}
