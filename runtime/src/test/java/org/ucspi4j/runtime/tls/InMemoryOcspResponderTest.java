package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.junit.jupiter.api.Test;
import org.ucspi4j.runtime.tls.OcspFixtures.Issued;

/**
 * The responder as SunJSSE's OCSP.getOCSPBytes uses it: GET with the URL-encoded base64 request after
 * the responder URI's slash, or POST; 200 with the held response, else 404 at once.
 */
class InMemoryOcspResponderTest {
    static final Issued CA = OcspFixtures.ca("CN=Responder CA");
    static final Issued SERVER = OcspFixtures.server(CA, 0x7e2e5e27e2L, null);
    static final Issued OTHER = OcspFixtures.server(CA, 0x2002, null);
    static final OcspSubject SUBJECT = OcspFixtures.subject(CA, SERVER);
    static final byte[] RESPONSE = new OcspFixtures.Response(CA, SERVER.certificate()).der();

    final List<CertificateID> asked = new ArrayList<>();
    final InMemoryOcspResponder.Handler handler = new InMemoryOcspResponder.Handler(id -> {
        asked.add(id);
        return SUBJECT.isIdentifiedBy(id) ? Optional.of(RESPONSE) : Optional.empty();
    });

    /** OCSP.getOCSPBytes' GET: responder URI, then the URL-encoded base64 of the request. */
    HttpURLConnection get(byte[] request) throws Exception {
        String url = InMemoryOcspResponder.RESPONDER_URI
                + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.UTF_8);
        HttpURLConnection c = (HttpURLConnection) URL.of(new URI(url), handler).openConnection();
        c.setConnectTimeout(15000);
        c.setReadTimeout(15000);
        c.setDoOutput(true);
        c.setDoInput(true);
        c.setRequestMethod("GET");
        return c;
    }

    /** OCSP.getOCSPBytes' POST, for requests too long for a GET. */
    HttpURLConnection post(byte[] request) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URL.of(new URI(InMemoryOcspResponder.RESPONDER_URI), handler).openConnection();
        c.setDoOutput(true);
        c.setDoInput(true);
        c.setRequestMethod("POST");
        c.setRequestProperty("Content-type", "application/ocsp-request");
        c.setRequestProperty("Content-length", String.valueOf(request.length));
        OutputStream out = c.getOutputStream();
        out.write(request);
        out.flush();
        return c;
    }

    @Test
    void getAnswersTheHeldResponse() throws Exception {
        HttpURLConnection c = get(OcspFixtures.request(CA.certificate(), SERVER.certificate()));
        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(c.getContentLength()).isEqualTo(RESPONSE.length);
        assertThat(c.getContentType()).isEqualTo("application/ocsp-response");
        assertThat(c.getInputStream().readAllBytes()).isEqualTo(RESPONSE);
        c.disconnect();
        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst().getSerialNumber()).isEqualTo(SERVER.certificate().getSerialNumber());
    }

    @Test
    void postAnswersTheHeldResponse() throws Exception {
        HttpURLConnection c = post(OcspFixtures.request(CA.certificate(), SERVER.certificate()));
        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(c.getInputStream().readAllBytes()).isEqualTo(RESPONSE);
    }

    @Test
    void noHeldResponseIsA404AndNoBody() throws Exception {
        for (HttpURLConnection c : new HttpURLConnection[] {
            get(OcspFixtures.request(CA.certificate(), OTHER.certificate())),
            post(OcspFixtures.request(CA.certificate(), OTHER.certificate()))}) {
            assertThat(c.getResponseCode()).isEqualTo(404);
            assertThatThrownBy(c::getInputStream).isInstanceOf(IOException.class);
        }
        assertThat(asked).hasSize(2);
    }

    @Test
    void whatIsNoOcspRequestIsA400WithoutAsking() throws Exception {
        assertThat(get("not a request".getBytes()).getResponseCode()).isEqualTo(400);
        assertThat(post(new byte[0]).getResponseCode()).isEqualTo(400);
        HttpURLConnection c = (HttpURLConnection) URL.of(new URI(InMemoryOcspResponder.RESPONDER_URI + "%21%21"), handler)
                .openConnection();
        assertThat(c.getResponseCode()).isEqualTo(400);
        assertThat(asked).isEmpty();
    }

    @Test
    void anOverlongPostIsRefused() throws Exception {
        HttpURLConnection c = (HttpURLConnection) URL.of(new URI(InMemoryOcspResponder.RESPONDER_URI), handler).openConnection();
        c.setDoOutput(true);
        c.setRequestMethod("POST");
        OutputStream out = c.getOutputStream();
        assertThatThrownBy(() -> out.write(new byte[InMemoryOcspResponder.MAX_REQUEST + 1])).isInstanceOf(IOException.class);
    }
}
