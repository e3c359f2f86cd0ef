package org.ucspi4j.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucspi4j.runtime.ucspi.Endpoints;
import org.ucspi4j.runtime.ucspi.Numbers;
import org.ucspi4j.runtime.ucspi.ProgramEnvironment;

class ServerPiecesTest {
    @TempDir
    Path dir;

    @Test
    void logFieldsAreSanitisedAndCutAsTheCServerDoes() {
        StringBuilder s = new StringBuilder();
        ServerLog.safe(s, "a b%c\u00e9\u0001~");
        assertThat(s.toString()).isEqualTo("a?b?c??~");
        StringBuilder l = new StringBuilder();
        ServerLog.safe(l, "x".repeat(150));
        assertThat(l.toString()).isEqualTo("x".repeat(100) + "...");
        StringBuilder exact = new StringBuilder();
        ServerLog.safe(exact, "y".repeat(99));
        assertThat(exact.toString()).isEqualTo("y".repeat(99));
    }

    @Test
    void verdictLineLayout() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ServerLog log = new ServerLog("sslserver", 2, err);
        log.verdict(true, 7, new Endpoints("::1", "443", "Localserver", "::1", "50019", "ip6-loopback", null, true, null),
                null);
        log.verdict(false, 8, new Endpoints("10.0.0.1", "443", null, "10.0.0.2", "1234", null, "joe", false, null),
                " ip connection limit:2 exceeded");
        assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "sslserver: ok 7 Localserver:::1:443 ip6-loopback:::1::50019\n"
                        + "sslserver: deny 8 :10.0.0.1:443 :10.0.0.2:joe:1234 ip connection limit:2 exceeded\n");
    }

    @Test
    void quietLogsNothingAndSettingLinesStopAtTheFirstUnsetValue() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new ServerLog("sslserver", 0, err).fatal("x");
        assertThat(err.size()).isZero();
        ServerLog v = new ServerLog("sslserver", 2, err);
        v.setting("param", 12, "/etc/dh.pem", "2048");
        v.setting("param", 12, null, "2048");
        v.accept(3, "TLSv1.3:TLS_AES_128_GCM_SHA256");
        new ServerLog("sslserver", 3, err).accept(3, "TLSv1.3:TLS_AES_128_GCM_SHA256");
        assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "sslserver: param 12 /etc/dh.pem 2048\nsslserver: param 12 \nsslserver: ssl 3 accept \n"
                        + "sslserver: ssl 3 accept TLSv1.3:TLS_AES_128_GCM_SHA256\n");
    }

    @Test
    void limitsCountPerAddressAndReleaseOnce() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(3, 2, n -> { });
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        ConnectionLimits.Lease first = limits.admit(a).lease();
        ConnectionLimits.Lease second = limits.admit(a).lease();
        ConnectionLimits.Admission third = limits.admit(a);
        assertThat(third.lease()).isNull();
        assertThat(third.refusedAtLimit()).isEqualTo(2);
        ConnectionLimits.Lease other = limits.admit(b).lease();
        assertThat(limits.running()).isEqualTo(3);
        assertThat(second.fromSameAddress()).isEqualTo(2);
        assertThat(first.release()).isEqualTo(2);
        assertThat(first.release()).isEqualTo(2); // twice is once
        assertThat(limits.admit(a).lease()).isNotNull();
        other.close();
        assertThat(limits.running()).isEqualTo(2);
    }

    @Test
    void aBalancersConnectionCountsAgainstTheClientItNames() throws Exception {
        java.util.List<Long> counts = new java.util.ArrayList<>();
        ConnectionLimits limits = new ConnectionLimits(10, 2, counts::add);
        InetAddress client = InetAddress.getByName("192.0.2.1");
        InetAddress other = InetAddress.getByName("192.0.2.2");
        ConnectionLimits.Lease direct = limits.admit(client).lease();
        // two connections from one balancer: the -c slot at once, no address yet
        ConnectionLimits.Lease viaOne = limits.admitUnattributed();
        ConnectionLimits.Lease viaTwo = limits.admitUnattributed();
        assertThat(limits.running()).isEqualTo(3);
        assertThat(viaOne.fromSameAddress()).isZero();
        assertThat(viaOne.attribute(client)).isZero();
        assertThat(viaOne.fromSameAddress()).isEqualTo(2);
        assertThat(viaTwo.attribute(client)).as("the client's third").isEqualTo(2);
        assertThat(limits.admit(client).lease()).as("the same rule for a direct one").isNull();
        assertThat(viaTwo.release()).isEqualTo(2); // a refused one still held its slot until now
        ConnectionLimits.Lease viaThree = limits.admitUnattributed();
        assertThat(viaThree.attribute(other)).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> viaThree.attribute(other))
                .isInstanceOf(IllegalStateException.class);
        viaOne.release();
        direct.release();
        assertThat(limits.admit(client).lease()).isNotNull();
        viaThree.release();
        assertThat(limits.running()).isEqualTo(1);
        assertThat(counts).containsExactly(1L, 2L, 3L, 2L, 3L, 2L, 1L, 2L, 1L);
    }

    @Test
    void awaitSlotBlocksAtTheLimitUntilARelease() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(1, 0, n -> { });
        ConnectionLimits.Lease l = limits.admit(InetAddress.getLoopbackAddress()).lease();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                limits.awaitSlot();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(100);
        assertThat(waiter.isAlive()).isTrue();
        l.release();
        waiter.join(2000);
        assertThat(waiter.isAlive()).isFalse();
    }

    @Test
    void programEnvironmentStandardVariablesWinAndNullUnsets() {
        ProgramEnvironment e = new ProgramEnvironment(Map.of("PATH", "/bin", "SSLREMOTEHOST", "stale"))
                .rules(List.of(new byte[][] {"SSLREMOTEIP".getBytes(), "6.6.6.6".getBytes()},
                        new byte[][] {"RELAYCLIENT".getBytes(), new byte[0]}))
                .connection(new Endpoints("127.0.0.1", "443", "0", "127.0.0.1", "5555", null, null, false, null), true);
        assertThat(e.get("SSLREMOTEIP")).isEqualTo("127.0.0.1");
        assertThat(e.get("SSLREMOTEHOST")).isNull();
        assertThat(e.get("RELAYCLIENT")).isEmpty();
        assertThat(e.get("PROTO")).isEqualTo("TCP");
        assertThat(e.get("TCPREMOTEPORT")).isEqualTo("5555");
        assertThat(e.get("TCP6REMOTEIP")).isNull();
        assertThat(java.util.Arrays.stream(e.envp()).map(String::new)).contains("PATH=/bin");
    }

    @Test
    void ipv6ClientsGetTheTcp6Variables() {
        ProgramEnvironment e = new ProgramEnvironment(Map.of())
                .connection(new Endpoints("::1", "443", null, "::1", "5555", null, null, true, "lo"), true);
        assertThat(e.get("PROTO")).isEqualTo("TCP6");
        assertThat(e.get("TCP6REMOTEIP")).isEqualTo("::1");
        assertThat(e.get("TCP6INTERFACE")).isEqualTo("lo");
        ProgramEnvironment plain = new ProgramEnvironment(Map.of())
                .connection(new Endpoints("::1", "443", null, "::1", "5555", null, null, true, null), false);
        assertThat(plain.get("PROTO")).isEqualTo("SSL");
        assertThat(plain.get("TCPREMOTEIP")).isNull();
    }

    @Test
    void numbersAreScannedTheCWay() {
        assertThat(Numbers.scanUnsigned("40")).isEqualTo(40);
        assertThat(Numbers.scanUnsigned("10x")).isEqualTo(10);
        assertThat(Numbers.scanUnsigned("x")).isZero();
        assertThat(Numbers.scanUnsigned("")).isZero();
        assertThat(Numbers.scanUnsigned("99999999999999999999999")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void addressesAreWrittenTheCWay() throws Exception {
        assertThat(AddressText.of(InetAddress.getByName("192.0.2.1"), false).text()).isEqualTo("192.0.2.1");
        assertThat(AddressText.of(InetAddress.getByName("192.0.2.1"), true).text()).isEqualTo("::ffff:192.0.2.1");
        assertThat(AddressText.of(InetAddress.getByName("::1"), false).text()).isEqualTo("::1");
        assertThat(AddressText.of(InetAddress.getByName("2001:db8:0:1:0:0:0:1"), false).text())
                .isEqualTo("2001:db8:0:1::1");
        assertThat(AddressText.of(InetAddress.getByName("::1"), false).ipv6()).isTrue();
    }

    @Test
    void connectionIdsStartAbovePidMax() {
        long first = new ConnectionIds().next();
        assertThat(first).isGreaterThan(ConnectionIds.pidMax());
    }

    @Test
    void logFieldsEndAtNulAndLinesStayOneLine() {
        StringBuilder s = new StringBuilder();
        ServerLog.safe(s, "host\0hidden");
        assertThat(s.toString()).isEqualTo("host");
        StringBuilder cut = new StringBuilder();
        ServerLog.safe(cut, "x".repeat(50) + "\0" + "y".repeat(100));
        assertThat(cut.toString()).isEqualTo("x".repeat(50)); // the C string is 50 long: no "..."
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ServerLog log = new ServerLog("sslserver", 2, err);
        log.drop("client hostname does not match certificate: evil\r\nsslserver: ok 1 forged\0");
        assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "sslserver: warning: dropping SSL connection, client hostname does not match certificate: "
                        + "evil??sslserver: ok 1 forged?\n");
    }

    @Test
    void environmentEntriesAreCutAtNul() {
        ProgramEnvironment e = new ProgramEnvironment(Map.of("BASE", "a\0b"))
                .rules(List.<byte[][]>of(new byte[][] {"RULE".getBytes(), "x\0y".getBytes()}))
                .connection(new Endpoints("127.0.0.1", "443", null, "127.0.0.1", "5555", "host\0.evil", "joe\0root",
                        false, null), false);
        e.set("SSL_CLIENT_S_DN_CN", "cn\0SSL_FAKE=1");
        assertThat(e.get("BASE")).isEqualTo("a");
        assertThat(e.get("RULE")).isEqualTo("x");
        assertThat(e.get("SSLREMOTEHOST")).isEqualTo("host");
        assertThat(e.get("SSLREMOTEINFO")).isEqualTo("joe");
        assertThat(e.get("SSL_CLIENT_S_DN_CN")).isEqualTo("cn");
        for (byte[] entry : e.envp()) {
            assertThat(entry).doesNotContain((byte) 0);
        }
    }
}
