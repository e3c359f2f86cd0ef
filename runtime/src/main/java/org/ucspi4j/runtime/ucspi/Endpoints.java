package org.ucspi4j.runtime.ucspi;

/**
 * Both ends of a connection as the environment and the log show them: addresses in the C tools'
 * text form (dotted IPv4, fehQlibs-compact IPv6), ports in decimal, names and ident info where known
 * (null otherwise).
 */
public record Endpoints(String localIp, String localPort, String localHost,
                        String remoteIp, String remotePort, String remoteHost, String remoteInfo,
                        boolean ipv6, String interfaceName) {}
