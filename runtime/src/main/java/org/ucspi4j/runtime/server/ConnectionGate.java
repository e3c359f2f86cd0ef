package org.ucspi4j.runtime.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.lookup.Verdict;
import org.ucspi4j.runtime.posix.ErrorText;
import org.ucspi4j.runtime.ucspi.Endpoints;
import org.ucspi4j.runtime.ucspi.IdentClient;
import org.ucspi4j.runtime.ucspi.Numbers;
import org.ucspi4j.runtime.ucspi.ProgramEnvironment;
import org.ucspi4j.runtime.ucspi.RemoteNames;

/**
 * The admission of one connection, in the C server's order: addresses, {@code -y} rules (IP only),
 * the client's name, ident, the rules, MAXCONIP; with the {@code tcpserver: pid} and {@code ok} or
 * {@code deny} lines. What it admits carries the program's environment so far. It judges the
 * {@link ConnectionEnds} it is given: for a load balancer's connection, the client its PROXY header
 * named (the balancer's hop goes to the {@code proxy} line and the {@code PROXY*} variables).
 */
final class ConnectionGate {
    /** What the gate decided. */
    sealed interface Outcome {}

    /** Admitted; {@code verifyHost} is what {@code -z} checks the client's certificate against. */
    record Admitted(Endpoints endpoints, ProgramEnvironment environment, String verifyHost) implements Outcome {}

    /** Denied or dropped (the line is logged), with the raw status for the {@code end} line. */
    record Refused(int status, ServerEvents.Admission admission) implements Outcome {}

    private static final Refused DROPPED = new Refused(ConnectionContext.DROPPED, ServerEvents.Admission.DROPPED);

    private final ServerOptions options;
    private final ServerLog log;
    private final Map<String, String> baseEnvironment;
    private final RulesSource rules;
    private final RulesSource earlyRules;
    private final long limit;
    private final RemoteNames names = new RemoteNames();

    ConnectionGate(ServerOptions options, ServerLog log, Map<String, String> baseEnvironment, RulesSource rules,
            RulesSource earlyRules, long limit) {
        this.options = options;
        this.log = log;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.rules = rules;
        this.earlyRules = earlyRules;
        this.limit = limit;
    }

    /** Admits the connection, or refuses it after its {@code deny} or {@code drop} line. */
    Outcome admit(long id, ConnectionEnds ends, ConnectionLimits.Lease lease) throws InterruptedException {
        ServerOptions o = options;
        InetSocketAddress remote = ends.remote();
        InetSocketAddress local = ends.local();
        AddressText remoteText = AddressText.of(remote.getAddress(), o.ipv6Mode());
        AddressText localText = AddressText.of(local.getAddress(), o.ipv6Mode());
        log.from(id, remoteText.text());
        ConnectionEnds.Balancer balancer = ends.balancer();
        if (balancer != null) {
            log.proxy(id, balancer.version(), balancer.command(),
                    AddressText.of(balancer.remote().getAddress(), o.ipv6Mode()).text(), balancer.remote().getPort());
        }

        List<byte[][]> ruleVariables = new ArrayList<>();
        boolean early = false;
        Verdict verdict = Verdict.NO_RULE;
        if (earlyRules != null) {
            try {
                verdict = earlyRules.lookup(Query.ipOnly(remoteText.text()));
            } catch (RulesSource.Unreadable e) {
                log.drop("unable to read " + o.earlyRules() + ": " + ErrorText.of(e.getCause()));
                return DROPPED;
            }
            early = verdict.matched();
            ruleVariables.addAll(verdict.variables());
        }

        String remoteHost = null;
        String verifyHost = null;
        if (o.remoteHost() && !(early && verdict.denied())) {
            RemoteNames.Name name = names.lookup(remote.getAddress(), o.paranoid());
            remoteHost = name.trusted();
            // -z checks the certificate against the name; a name that failed -p is checked as the IP
            verifyHost = name.name() == null ? null : name.confirmed() ? name.name() : remoteText.text();
        }
        String localHost = o.localName();
        if (localHost == null) {
            localHost = names.lookup(local.getAddress(), false).name();
        }
        String remoteInfo = null;
        if (o.remoteInfo() && !(early && verdict.denied())) {
            remoteInfo = IdentClient.lookup(remote.getAddress(), remote.getPort(), identFrom(ends), local.getPort(),
                    o.identTimeout()).orElse(null);
        }
        Endpoints endpoints = new Endpoints(localText.text(), Integer.toString(local.getPort()), localHost,
                remoteText.text(), Integer.toString(remote.getPort()), remoteHost, remoteInfo,
                remoteText.ipv6(), remoteText.interfaceName());

        if (!early && rules != null) {
            try {
                verdict = rules.lookup(Query.of(remoteText.text(), remoteHost, remoteInfo));
            } catch (RulesSource.Unreadable e) {
                log.drop("unable to read " + o.rules() + ": " + ErrorText.of(e.getCause()));
                return DROPPED;
            }
            ruleVariables.addAll(verdict.variables());
        }
        ProgramEnvironment environment = new ProgramEnvironment(baseEnvironment).rules(ruleVariables)
                .connection(endpoints, o.tcpEnv()).all(ends.variables(o.ipv6Mode()));

        String suffix = null;
        boolean deny = verdict.denied();
        String maxconip = environment.get("MAXCONIP");
        if (!deny && maxconip != null) {
            long n = Math.min(Numbers.scanUnsigned(maxconip), limit);
            if (n > 0 && lease.fromSameAddress() > n) {
                deny = true;
                suffix = " ip connection limit:" + n + " exceeded";
            }
        }
        log.verdict(!deny, id, endpoints, suffix);
        if (deny) {
            return new Refused(ConnectionContext.DENIED,
                    suffix != null ? ServerEvents.Admission.OVER_MAXCONIP : ServerEvents.Admission.DENIED);
        }
        return new Admitted(endpoints, environment, verifyHost);
    }

    /**
     * The address an ident query leaves from: the connection's own local address; for a balancer's
     * client, the server's end of the balancer's hop when it is of the client's family (the address
     * the client reached is the balancer's, not ours), else any.
     */
    private static InetAddress identFrom(ConnectionEnds ends) {
        if (ends.balancer() == null) {
            return ends.local().getAddress();
        }
        InetAddress ours = ends.balancer().local().getAddress();
        boolean sameFamily = (ours instanceof Inet4Address) == (ends.remote().getAddress() instanceof Inet4Address);
        return sameFamily ? ours : null;
    }
}
