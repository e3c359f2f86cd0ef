package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.ucspi4j.runtime.tls.Tools.openssl;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DHFILE parsing and validation against what {@code openssl dhparam} writes and reads. */
class DhParametersTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ffdhe2048", "ffdhe3072", "modp_2048", "modp_1536"})
    void namedGroupsAsOpensslWritesThem(String group) throws Exception {
        openssl(dir, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:" + group, "-out", "dh.pem");
        assertThat(Files.readString(dir.resolve("dh.pem"))).startsWith("-----BEGIN DH PARAMETERS-----");
        DhParameters dh = DhParameters.load(dir.resolve("dh.pem"));
        assertSameAsOpenssl(dh, "dh.pem");
        assertThat(dh.q()).isEmpty();
    }

    @Test
    void freshSafePrimeFromDhparam() throws Exception {
        openssl(dir, "dhparam", "-out", "dh1024.pem", "1024");
        DhParameters dh = DhParameters.load(dir.resolve("dh1024.pem"));
        assertSameAsOpenssl(dh, "dh1024.pem");
        assertThat(dh.bits()).isEqualTo(1024);
        assertThat(dh.g()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void x942ParametersFromDsaparam() throws Exception {
        openssl(dir, "dhparam", "-dsaparam", "-out", "x942.pem", "2048");
        assertThat(Files.readString(dir.resolve("x942.pem"))).startsWith("-----BEGIN X9.42 DH PARAMETERS-----");
        DhParameters dh = DhParameters.load(dir.resolve("x942.pem"));
        assertSameAsOpenssl(dh, "x942.pem");
        assertThat(dh.q()).isPresent();
    }

    /** Bit length from {@code openssl dhparam -text}, p, g (and q) from {@code openssl asn1parse}. */
    private void assertSameAsOpenssl(DhParameters dh, String file) {
        String text = openssl(dir, "dhparam", "-in", file, "-noout", "-text");
        assertThat(text).contains("DH Parameters: (" + dh.bits() + " bit)");
        var integers = Pattern.compile("prim: INTEGER\\s+:([0-9A-F]+)").matcher(openssl(dir, "asn1parse", "-in", file))
                .results().map(m -> new BigInteger(m.group(1), 16)).toList();
        assertThat(integers.get(0)).isEqualTo(dh.p());
        assertThat(integers.get(1)).isEqualTo(dh.g());
        dh.q().ifPresent(q -> assertThat(integers.get(2)).isEqualTo(q));
        assertThat(dh.securityPropertyValue()).isEqualTo("{" + dh.p().toString(16) + "," + dh.g().toString(16) + "}");
    }

    @Test
    void unusableFilesAreTheServersError() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> DhParameters.load(missing))
                .isInstanceOf(TlsSetupException.DhParameters.class)
                .extracting(e -> ((TlsSetupException) e).serverMessage()).isEqualTo("unable to set DH parameters");

        Files.writeString(dir.resolve("empty.pem"), "no PEM here\n");
        assertThatThrownBy(() -> DhParameters.load(dir.resolve("empty.pem")))
                .isInstanceOf(TlsSetupException.DhParameters.class).hasMessageContaining("no DH PARAMETERS");

        Files.writeString(dir.resolve("garbage.pem"),
                "-----BEGIN DH PARAMETERS-----\nAAAA\n-----END DH PARAMETERS-----\n");
        assertThatThrownBy(() -> DhParameters.load(dir.resolve("garbage.pem")))
                .isInstanceOf(TlsSetupException.DhParameters.class).hasMessageContaining("malformed");

        // 512 bits: OpenSSL 3 refuses them at its default security level, JSSE below 1024.
        openssl(dir, "dhparam", "-dsaparam", "-out", "small.pem", "512");
        assertThatThrownBy(() -> DhParameters.load(dir.resolve("small.pem")))
                .isInstanceOf(TlsSetupException.DhParameters.class).hasMessageContaining("512-bit");
    }

    @Test
    void compositeModulusIsRefused() throws Exception {
        openssl(dir, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", "dh.pem");
        BigInteger p = DhParameters.load(dir.resolve("dh.pem")).p();
        BigInteger composite = p.add(BigInteger.TWO); // odd, same size, not prime
        write("composite.pem", new DHParameter(composite, BigInteger.TWO, 0));
        assertThat(Tools.run(dir, new byte[0], Tools.command("openssl", "dhparam", "-in", "composite.pem", "-noout",
                "-check")).all()).as("openssl agrees").contains("p not prime");
        assertThatThrownBy(() -> DhParameters.load(dir.resolve("composite.pem")))
                .isInstanceOf(TlsSetupException.DhParameters.class).hasMessageContaining("not prime");

        write("badg.pem", new DHParameter(p, p.subtract(BigInteger.ONE), 0));
        assertThatThrownBy(() -> DhParameters.load(dir.resolve("badg.pem")))
                .isInstanceOf(TlsSetupException.DhParameters.class).hasMessageContaining("g is not");
    }

    /** A q far longer than p cannot be a prime factor of p-1; saying so must not take minutes. */
    @Test
    void hugeOrNonPositiveQIsRefusedAtOnce() throws Exception {
        openssl(dir, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", "dh.pem");
        BigInteger p = DhParameters.load(dir.resolve("dh.pem")).p();
        for (BigInteger q : new BigInteger[] {p.pow(16), BigInteger.ZERO, p.subtract(BigInteger.ONE).shiftRight(1).negate()}) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                    () -> new DhParameters(p, BigInteger.TWO, Optional.of(q)).validate())
                    .isInstanceOf(TlsSetupException.DhParameters.class).hasMessageContaining("q is not a prime order"));
        }
    }

    private void write(String name, DHParameter params) throws Exception {
        String body = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(params.getEncoded());
        Files.writeString(dir.resolve(name), "-----BEGIN DH PARAMETERS-----\n" + body + "\n-----END DH PARAMETERS-----\n");
    }
}
