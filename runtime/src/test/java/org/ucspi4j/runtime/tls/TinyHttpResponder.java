package org.ucspi4j.runtime.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An HTTP/1.1 server on 127.0.0.1 just big enough to play an OCSP responder in a test: one request
 * per connection (Content-Length bodies), answered by a function. (The JDK's HttpServer is in a module
 * the runtime module does not read.)
 */
final class TinyHttpResponder implements AutoCloseable {
    record Request(String method, String path, Map<String, String> headers, byte[] body) {}

    record Answer(int code, String reason, String contentType, byte[] body) {}

    private final ServerSocket listener;

    TinyHttpResponder(Function<Request, Answer> answers) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    Thread.ofVirtual().start(() -> serve(s, answers));
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    private static void serve(Socket s, Function<Request, Answer> answers) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            String[] requestLine = line(in).split(" ");
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String h; !(h = line(in)).isEmpty(); ) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("Content-Length", "0")));
            Answer a = answers.apply(new Request(requestLine[0], requestLine[1], headers, body));
            String head = "HTTP/1.1 " + a.code() + " " + a.reason() + "\r\n"
                    + (a.contentType() == null ? "" : "Content-Type: " + a.contentType() + "\r\n")
                    + "Content-Length: " + a.body().length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(a.body());
        } catch (IOException | RuntimeException e) {
            // the client went away, or a malformed request: nothing to answer
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("end of request");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
