package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.Test;

/** JSSE's and BCJSSE's failures (as they word them) turned into OpenSSL's reasons. */
class TlsFailureTextTest {
    static <T extends Throwable> T caused(T e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    @Test
    void receivedAlertsReadAsOpenSslLogsThem() {
        assertThat(TlsFailureText.handshake(new SSLHandshakeException("(unknown_ca) Received fatal alert: unknown_ca")))
                .isEqualTo("tlsv1 alert unknown ca");
        assertThat(TlsFailureText.handshake(caused(new SSLProtocolException("Unexpected exception"),
                new java.security.GeneralSecurityException("Unexpected plaintext alert received: Level: fatal; Alert: bad_certificate"))))
                .isEqualTo("sslv3 alert bad certificate");
        assertThat(TlsFailureText.session(new SSLException("(certificate_required) Received fatal alert: certificate_required")))
                .isEqualTo("tlsv13 alert certificate required");
        assertThat(TlsFailureText.handshake(caused(new SSLHandshakeException("x"),
                new TlsFatalAlertReceived(AlertDescription.handshake_failure)))).isEqualTo("sslv3 alert handshake failure");
    }

    @Test
    void localProblemsReadAsOpenSslNamesThem() {
        assertThat(TlsFailureText.handshake(new SSLHandshakeException("(handshake_failure) no cipher suites in common")))
                .isEqualTo("no shared cipher");
        assertThat(TlsFailureText.handshake(new SSLHandshakeException(
                "(protocol_version) Client requested protocol TLSv1 is not enabled or supported in server context")))
                .isEqualTo("unsupported protocol");
        assertThat(TlsFailureText.handshake(caused(new SSLHandshakeException("Remote host terminated the handshake"),
                new EOFException("SSL peer shut down incorrectly")))).isEqualTo("unexpected eof while reading");
        assertThat(TlsFailureText.handshake(new SSLException("Unsupported or unrecognized SSL message")))
                .isEqualTo("wrong version number");
        assertThat(TlsFailureText.handshake(caused(new SSLHandshakeException("x"),
                new TlsFatalAlert(AlertDescription.protocol_version)))).isEqualTo("unsupported protocol");
        assertThat(TlsFailureText.handshake(caused(new SSLException("Read timed out"), new SocketTimeoutException("Read timed out"))))
                .isEqualTo("timed out");
    }

    @Test
    void certificateProblemsSayWhatWasWrongWithTheCertificate() {
        Throwable untrusted = caused(new SSLHandshakeException("(certificate_unknown) PKIX path building failed"),
                caused(new CertificateException("PKIX path building failed"),
                        new CertPathBuilderException("unable to find valid certification path to requested target")));
        assertThat(TlsFailureText.handshake(untrusted)).isEqualTo("certificate verify failed: unable to get local issuer certificate");
        assertThat(TlsFailureText.certificateProblem(untrusted)).isEqualTo("unable to get local issuer certificate");
        Throwable expired = caused(new SSLHandshakeException("(certificate_unknown) PKIX path validation failed"),
                caused(new CertificateException("PKIX path validation failed: validity check failed"),
                        new CertPathValidatorException("validity check failed", new CertificateExpiredException("NotAfter: ..."),
                                null, -1, CertPathValidatorException.BasicReason.EXPIRED)));
        assertThat(TlsFailureText.certificateProblem(expired)).isEqualTo("certificate has expired");
        assertThat(TlsFailureText.certificateProblem(new SSLException("(handshake_failure) no cipher suites in common"))).isNull();
    }

    @Test
    void whatAClientSentFirstNamesAClientThatNeverSpokeTls() {
        SSLException junk = new SSLException("Unsupported or unrecognized SSL message");
        assertThat(TlsFailureText.handshake(junk, greeting("GET / HTTP/1.1\r\n"))).isEqualTo("http request");
        assertThat(TlsFailureText.handshake(junk, greeting("CONNECT x:443"))).isEqualTo("https proxy request");
        assertThat(TlsFailureText.handshake(junk, greeting("EHLO x\r\n"))).isEqualTo("wrong version number");
        assertThat(TlsFailureText.handshake(new SSLHandshakeException("x"), greeting(""))).isEqualTo("unexpected eof while reading");
        assertThat(TlsFailureText.handshake(new SSLHandshakeException("(handshake_failure) no cipher suites in common"),
                ClientGreeting.of(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00}))).isEqualTo("no shared cipher");
    }

    @Test
    void whatIsNotRecognisedGetsAGenericTextNeverTheExceptionsOwn() {
        assertThat(TlsFailureText.handshake(new SSLHandshakeException("sun.security.ssl.Foo.readHandshakeRecord went wrong")))
                .isEqualTo("handshake failure");
        assertThat(TlsFailureText.session(new SSLException("Something internal in SSLEngineImpl")))
                .isEqualTo("protocol error");
        assertThat(TlsFailureText.session(new java.net.SocketException("Connection reset"))).isEqualTo("connection reset");
    }

    static ClientGreeting greeting(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return ClientGreeting.of(java.util.Arrays.copyOf(b, Math.min(b.length, ClientGreeting.LENGTH)));
    }
}
