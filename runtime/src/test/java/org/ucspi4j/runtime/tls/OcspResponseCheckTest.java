package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Test;
import org.ucspi4j.runtime.tls.OcspFixtures.Issued;
import org.ucspi4j.runtime.tls.OcspFixtures.Response;

/** Which responses may be stapled for a certificate, and why not the others. */
class OcspResponseCheckTest {
    static final Issued CA = OcspFixtures.ca("CN=Check CA");
    static final Issued SERVER = OcspFixtures.server(CA, 0x2001, "http://127.0.0.1:1/");
    static final OcspSubject SUBJECT = OcspFixtures.subject(CA, SERVER);
    final Instant now = Instant.now();

    OcspStaple check(Response r) throws OcspResponseCheck.Unusable {
        return OcspResponseCheck.check(r.der(), SUBJECT, now);
    }

    String why(Response r) {
        return why(r.der());
    }

    String why(byte[] der) {
        try {
            OcspResponseCheck.check(der, SUBJECT, now);
        } catch (OcspResponseCheck.Unusable e) {
            return e.getMessage();
        }
        throw new AssertionError("the response was taken");
    }

    @Test
    void aGoodResponseFromTheIssuerIsStapledWithItsDates() throws Exception {
        Instant thisUpdate = now.minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant nextUpdate = now.plus(Duration.ofHours(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        byte[] der = new Response(CA, SERVER.certificate()).dates(thisUpdate, nextUpdate).der();
        OcspStaple s = OcspResponseCheck.check(der, SUBJECT, now);
        assertThat(s.status()).isEqualTo(OcspStaple.Status.GOOD);
        assertThat(s.der()).isEqualTo(der);
        assertThat(s.thisUpdate()).isEqualTo(thisUpdate);
        assertThat(s.nextUpdate()).contains(nextUpdate);
        assertThat(s.isCurrent(now)).isTrue();
        assertThat(s.isCurrent(nextUpdate)).isFalse();
    }

    @Test
    void aResponseWithoutNextUpdateStaysCurrent() throws Exception {
        OcspStaple s = check(new Response(CA, SERVER.certificate()).dates(now.minusSeconds(5), null));
        assertThat(s.nextUpdate()).isEmpty();
        assertThat(s.isCurrent(now.plus(Duration.ofDays(3650)))).isTrue();
    }

    @Test
    void revokedIsStapledAndSaysSince() throws Exception {
        Instant when = now.minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        OcspStaple s = check(new Response(CA, SERVER.certificate()).status(new RevokedStatus(Date.from(when), 1)));
        assertThat(s.status()).isEqualTo(OcspStaple.Status.REVOKED);
        assertThat(s.revokedAt()).contains(when);
    }

    @Test
    void unknownIsNotStapled() {
        assertThat(why(new Response(CA, SERVER.certificate()).status(new UnknownStatus()))).contains("status unknown");
    }

    @Test
    void anUnsuccessfulResponseIsNotStapled() {
        assertThat(why(new Response(CA, SERVER.certificate()).responseStatus(OCSPRespBuilder.TRY_LATER)))
                .isEqualTo("the responder answered tryLater");
    }

    @Test
    void expiredOrFutureResponsesAreNotStapled() {
        assertThat(why(new Response(CA, SERVER.certificate()).dates(now.minus(Duration.ofDays(2)), now.minusSeconds(1))))
                .startsWith("it expired at ");
        assertThat(why(new Response(CA, SERVER.certificate()).dates(now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)))))
                .contains("is in the future");
        // a responder clock a minute ahead is fine
        assertThat(why(new Response(CA, SERVER.certificate()).dates(now.plusSeconds(60), now.plus(Duration.ofDays(1)))
                .status(new UnknownStatus()))).contains("status unknown");
    }

    @Test
    void aResponseAboutAnotherCertificateIsNotStapled() {
        Issued other = OcspFixtures.server(CA, 0x2002, null);
        assertThat(why(new Response(CA, other.certificate()))).startsWith("it is not about this certificate");
        Issued otherCa = OcspFixtures.ca("CN=Check CA");  // same name, other key: another issuer
        Issued twin = OcspFixtures.server(otherCa, 0x2001, null);
        assertThat(why(new Response(otherCa, twin.certificate()))).startsWith("it is not about this certificate");
    }

    @Test
    void aSha256CertIdIsRefusedBecauseSunJsseLooksUpSha1() {
        assertThat(why(new Response(CA, SERVER.certificate()).sha256())).contains("SHA-1");
    }

    @Test
    void onlyTheIssuerOrItsOcspResponderMaySign() throws Exception {
        Issued stranger = OcspFixtures.ca("CN=Check CA");
        assertThat(why(new Response(CA, SERVER.certificate()).signedBy(stranger))).startsWith("it is signed neither");

        Issued delegate = OcspFixtures.responder(CA, true);
        assertThat(check(new Response(CA, SERVER.certificate()).signedBy(delegate)).status()).isEqualTo(OcspStaple.Status.GOOD);

        Issued notForOcsp = OcspFixtures.responder(CA, false);
        assertThat(why(new Response(CA, SERVER.certificate()).signedBy(notForOcsp))).startsWith("it is signed neither");

        Issued strangersResponder = OcspFixtures.responder(stranger, true);
        assertThat(why(new Response(CA, SERVER.certificate()).signedBy(strangersResponder))).startsWith("it is signed neither");
    }

    @Test
    void garbageIsNoResponse() {
        // "successful", and no response in it
        assertThat(why(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00})).isEqualTo("it is not a basic OCSP response");
        assertThat(why("hello".getBytes())).isEqualTo("it is not a DER OCSP response");
        assertThat(why(new byte[0])).isEqualTo("it is not a DER OCSP response");
    }

    @Test
    void aChainWithoutItsIssuerSecondCannotBeStapled() {
        assertThatThrownBy(() -> OcspSubject.of(new StapledCertificate("", List.of(SERVER.certificate()))))
                .isInstanceOf(OcspSubject.NotStapleable.class).hasMessageContaining("issuer is not in the served chain");
        Issued other = OcspFixtures.ca("CN=Check CA");
        assertThatThrownBy(() -> OcspSubject.of(new StapledCertificate("", List.of(SERVER.certificate(), other.certificate()))))
                .isInstanceOf(OcspSubject.NotStapleable.class).hasMessageContaining("is not its issuer");
    }

    @Test
    void theResponderUrlComesFromTheAuthorityInformationAccess() {
        assertThat(SUBJECT.responderUrl()).contains("http://127.0.0.1:1/");
        assertThat(OcspFixtures.subject(CA, OcspFixtures.server(CA, 0x2003, null)).responderUrl()).isEmpty();
        assertThat(OcspSubject.reachable("http://ocsp.example/")).isPresent();
        assertThat(OcspSubject.reachable("ldap://ocsp.example/")).isEmpty();
        assertThat(OcspSubject.reachable("not a url")).isEmpty();
    }
}
