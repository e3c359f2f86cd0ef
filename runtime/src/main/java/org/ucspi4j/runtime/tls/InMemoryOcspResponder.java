package org.ucspi4j.runtime.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;

/**
 * The OCSP responder SunJSSE's server stapling talks to: a URL scheme answered from memory. SunJSSE
 * fetches a response in the handshake and waits for it (StatusResponseManager, then
 * OCSP.getOCSPBytes, which opens {@code jdk.tls.stapling.responderURI} with URL.openConnection and
 * casts the connection to HttpURLConnection: GET with the base64 request in the path when it is short,
 * else POST). With the URI pointing here, that fetch is a lookup: 200 and the response held for the
 * request's CertID, or at once 404 (none held) or 400 (not an OCSP request), after which SunJSSE
 * staples nothing and the handshake goes on. No network, so no responder can delay a handshake.
 */
final class InMemoryOcspResponder {
    private InMemoryOcspResponder() {}

    static final String SCHEME = "ucspi4j-ocsp";

    /** {@code jdk.tls.stapling.responderURI}: SunJSSE appends the encoded request after the slash. */
    static final String RESPONDER_URI = SCHEME + ":/";

    /** An OCSP request for one certificate is about 100 bytes; anything much bigger is not SunJSSE's. */
    static final int MAX_REQUEST = 16 * 1024;

    private static volatile Function<CertificateID, Optional<byte[]>> answers = id -> Optional.empty();
    private static boolean installed; // guarded by the class

    /**
     * Makes this JVM's URLs of {@link #SCHEME} answer from {@code responses} (the last caller's, when
     * called again). The handler factory can be set once per JVM: {@link IllegalStateException} when
     * someone else already set one.
     */
    static synchronized void answerFrom(Function<CertificateID, Optional<byte[]>> responses) {
        if (!installed) {
            URLStreamHandler handler = new Handler(id -> answers.apply(id));
            try {
                URL.setURLStreamHandlerFactory(protocol -> SCHEME.equalsIgnoreCase(protocol) ? handler : null);
            } catch (Error e) { // "factory already defined"
                throw new IllegalStateException("another URL stream handler factory is installed in this JVM", e);
            }
            installed = true;
        }
        answers = responses;
    }

    /** Opens connections that answer from {@code responses}. */
    static final class Handler extends URLStreamHandler {
        private final Function<CertificateID, Optional<byte[]>> responses;

        Handler(Function<CertificateID, Optional<byte[]>> responses) {
            this.responses = responses;
        }

        @Override
        protected URLConnection openConnection(URL u) {
            return new Connection(u, responses);
        }
    }

    /** One request: answered when first asked for its status, its headers or its body. */
    static final class Connection extends HttpURLConnection {
        private final Function<CertificateID, Optional<byte[]>> responses;
        private final ByteArrayOutputStream posted = new ByteArrayOutputStream();
        private byte[] body = new byte[0];

        Connection(URL url, Function<CertificateID, Optional<byte[]>> responses) {
            super(url);
            this.responses = responses;
        }

        @Override
        public void connect() {
            if (connected) {
                return;
            }
            connected = true;
            Optional<CertificateID> id = certificateId("POST".equals(method) ? posted.toByteArray() : fromPath());
            Optional<byte[]> response = id.flatMap(responses);
            if (response.isPresent()) {
                responseCode = HTTP_OK;
                responseMessage = "OK";
                body = response.get();
            } else {
                responseCode = id.isPresent() ? HTTP_NOT_FOUND : HTTP_BAD_REQUEST;
                responseMessage = id.isPresent() ? "Not Found" : "Bad Request";
            }
        }

        /** GET: the path is {@code /} and the URL-encoded base64 of the request (RFC 6960 A.1). */
        private byte[] fromPath() {
            String path = url.getPath();
            try {
                String encoded = path.startsWith("/") ? path.substring(1) : path;
                return Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** The one CertID of a request for one certificate, which is what SunJSSE sends. */
        private static Optional<CertificateID> certificateId(byte[] request) {
            if (request == null || request.length == 0) {
                return Optional.empty();
            }
            try {
                Req[] list = new OCSPReq(request).getRequestList();
                return list.length == 1 ? Optional.of(list[0].getCertID()) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            if (connected) {
                throw new ProtocolException("cannot write the request after the response");
            }
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (posted.size() + len > MAX_REQUEST) {
                        throw new IOException("OCSP request larger than " + MAX_REQUEST + " bytes");
                    }
                    posted.write(b, off, len);
                }
            };
        }

        @Override
        public int getResponseCode() {
            connect();
            return responseCode;
        }

        @Override
        public String getResponseMessage() {
            connect();
            return responseMessage;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            connect();
            if (responseCode != HTTP_OK) {
                throw new FileNotFoundException(url.getProtocol() + ": " + responseCode + " " + responseMessage);
            }
            return new ByteArrayInputStream(body);
        }

        @Override
        public long getContentLengthLong() {
            connect();
            return body.length;
        }

        @Override
        public String getContentType() {
            connect();
            return responseCode == HTTP_OK ? "application/ocsp-response" : null;
        }

        @Override
        public String getHeaderField(String name) {
            if ("content-type".equalsIgnoreCase(name)) {
                return getContentType();
            }
            if ("content-length".equalsIgnoreCase(name)) {
                return Long.toString(getContentLengthLong());
            }
            return null;
        }

        @Override
        public void disconnect() {
            // nothing held
        }

        @Override
        public boolean usingProxy() {
            return false;
        }
    }
}
