package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.asn1.x9.DomainParameters;

/**
 * Finite-field Diffie-Hellman parameters from DHFILE, a PEM file as {@code openssl dhparam} writes it:
 * {@code DH PARAMETERS} (PKCS#3: p, g) or {@code X9.42 DH PARAMETERS} (RFC 3279: p, g, q, as
 * {@code openssl dhparam -dsaparam} writes in OpenSSL 3).
 *
 * <p><b>How they reach JSSE.</b> JSSE has no per-context DH setting. SunJSSE reads the security
 * property {@code jdk.tls.server.defaultDHEParameters} ({@code {p-hex,g-hex}[,{...}]}, whitespace
 * ignored; primes failing {@code isProbablePrime(120)} silently dropped) once, when its class
 * {@code sun.security.ssl.PredefinedDHParameterSpecs} initialises, and files the groups by bit length.
 * A TLS 1.2 DHE handshake uses that table only when the client offers no RFC 7919 {@code ffdhe*}
 * group (with one, SunJSSE uses the named group instead) and then picks the entry whose length is the
 * ephemeral key size: 2048 unless the system property {@code jdk.tls.ephemeralDHKeySize} (read once,
 * 1024..8192 in steps of 64) says otherwise. {@link #installForJsse()} sets both, so it must run before
 * the JVM's first TLS handshake. TLS 1.3 always uses named groups, as in OpenSSL. BCJSSE 1.84 parses
 * the same property but does not use it (it negotiates only RFC 7919 groups), so with BCJSSE the file
 * is validated and otherwise has no effect.
 */
public record DhParameters(BigInteger p, BigInteger g, Optional<BigInteger> q) {
    /** The smallest and largest group JSSE accepts for {@code jdk.tls.ephemeralDHKeySize}. */
    public static final int MIN_BITS = 1024;

    public static final int MAX_BITS = 8192;

    private static final String SECURITY_PROPERTY = "jdk.tls.server.defaultDHEParameters";

    private static final String KEY_SIZE_PROPERTY = "jdk.tls.ephemeralDHKeySize";

    private static final AtomicReference<DhParameters> INSTALLED = new AtomicReference<>();

    public DhParameters {
        java.util.Objects.requireNonNull(p, "p");
        java.util.Objects.requireNonNull(g, "g");
        java.util.Objects.requireNonNull(q, "q");
    }

    /** The size of the group, the bit length of p (what {@code openssl dhparam -text} calls "DH Parameters: (N bit)"). */
    public int bits() {
        return p.bitLength();
    }

    /** Reads, parses and validates DHFILE. */
    public static DhParameters load(Path file) throws TlsSetupException.DhParameters {
        byte[] pem;
        try {
            pem = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TlsSetupException.DhParameters(file + ": " + e.getMessage(), e);
        }
        try {
            return parse(pem);
        } catch (TlsSetupException.DhParameters e) {
            throw new TlsSetupException.DhParameters(file + ": " + e.detail(), e);
        }
    }

    /** Parses and validates the first DH parameter block in {@code pem}. */
    public static DhParameters parse(byte[] pem) throws TlsSetupException.DhParameters {
        DhParameters params = null;
        try {
            for (PemReader.Block block : PemReader.blocks(pem)) {
                if (block.type().equals("DH PARAMETERS")) {
                    DHParameter pkcs3 = DHParameter.getInstance(block.content());
                    params = new DhParameters(pkcs3.getP(), pkcs3.getG(), Optional.empty());
                } else if (block.type().equals("X9.42 DH PARAMETERS")) {
                    DomainParameters x942 = DomainParameters.getInstance(block.content());
                    params = new DhParameters(x942.getP(), x942.getG(), Optional.of(x942.getQ()));
                }
                if (params != null) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsSetupException.DhParameters("malformed DH parameters: " + e.getMessage(), e);
        }
        if (params == null) {
            throw new TlsSetupException.DhParameters("no DH PARAMETERS block", null);
        }
        params.validate();
        return params;
    }

    /**
     * The checks {@code openssl dhparam -check} makes that matter here: p a prime of a size JSSE can
     * use, 1 &lt; g &lt; p-1, and g generating a large prime-order subgroup (p a safe prime, or, with
     * X9.42 parameters, q a prime dividing p-1 with g^q = 1 mod p).
     */
    void validate() throws TlsSetupException.DhParameters {
        int bits = bits();
        if (bits < MIN_BITS || bits > MAX_BITS || bits % 64 != 0) {
            throw new TlsSetupException.DhParameters("a " + bits + "-bit group; JSSE uses " + MIN_BITS + " to "
                    + MAX_BITS + " bits in steps of 64", null);
        }
        // 120 is the certainty SunJSSE itself demands before it uses a configured prime.
        if (!p.testBit(0) || !p.isProbablePrime(120)) {
            throw new TlsSetupException.DhParameters("p is not prime", null);
        }
        BigInteger pMinusOne = p.subtract(BigInteger.ONE);
        if (g.compareTo(BigInteger.ONE) <= 0 || g.compareTo(pMinusOne) >= 0) {
            throw new TlsSetupException.DhParameters("g is not between 1 and p-1", null);
        }
        if (q.isPresent()) {
            BigInteger order = q.get();
            // the cheap tests first: a q of many thousand bits would keep isProbablePrime busy for minutes
            if (order.signum() <= 0 || order.bitLength() > bits || pMinusOne.mod(order).signum() != 0
                    || !order.isProbablePrime(120) || !g.modPow(order, p).equals(BigInteger.ONE)) {
                throw new TlsSetupException.DhParameters("q is not a prime order of g", null);
            }
        } else if (!pMinusOne.shiftRight(1).isProbablePrime(120)) {
            throw new TlsSetupException.DhParameters("p is not a safe prime", null);
        }
    }

    /** The value of {@code jdk.tls.server.defaultDHEParameters} naming this group. */
    public String securityPropertyValue() {
        return "{" + p.toString(16) + "," + g.toString(16) + "}";
    }

    /**
     * Makes this the group SunJSSE uses for TLS 1.2 DHE when the client offers no named FFDHE group
     * (see the class comment). JSSE reads the settings once per JVM, so call this before the first
     * TLS handshake; installing the same group again is harmless, a different one is refused.
     *
     * @throws IllegalStateException another group was installed earlier in this JVM
     */
    public void installForJsse() {
        DhParameters previous = INSTALLED.compareAndExchange(null, this);
        if (previous != null && !previous.equals(this)) {
            throw new IllegalStateException("JSSE reads its DH parameters once per JVM; another "
                    + previous.bits() + "-bit group is already installed");
        }
        Security.setProperty(SECURITY_PROPERTY, securityPropertyValue());
        System.setProperty(KEY_SIZE_PROPERTY, Integer.toString(bits()));
    }
}
