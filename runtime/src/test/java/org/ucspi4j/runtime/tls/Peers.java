package org.ucspi4j.runtime.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.SslVariable;

/** One TLS connection between an in-process JSSE end and a real peer process. */
final class Peers {
    private Peers() {}

    static final String GREETING = "hello from ucspi4j";

    /** What the in-process end saw: its variables, or why the handshake failed. */
    record Served(List<SslVariable> variables, Exception failure) {
        String get(String name) {
            return SslVariables.value(variables, name).orElse(null);
        }
    }

    record ServerRun(Tools.Result client, Served server) {}

    /**
     * Accepts one connection on a loopback port with {@code context}, completes the handshake, computes
     * the SSL_* variables, writes {@link #GREETING} and closes; meanwhile runs the client command made
     * for the port (with empty standard input) to completion.
     */
    static ServerRun serve(ServerTlsContext context, Path dir, IntFunction<List<String>> client) throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.setSoTimeout(30_000);
            CompletableFuture<Served> server = new CompletableFuture<>();
            Thread.startVirtualThread(() -> {
                try (Socket accepted = listener.accept(); SSLSocket tls = context.wrap(accepted)) {
                    tls.setSoTimeout(20_000);
                    tls.startHandshake();
                    SSLSession session = tls.getSession();
                    List<SslVariable> vars = SslVariables.of(SslVariables.Side.SERVER, session, context.library());
                    OutputStream out = tls.getOutputStream();
                    out.write((GREETING + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    server.complete(new Served(vars, null));
                } catch (Exception e) {
                    server.complete(new Served(List.of(), e));
                }
            });
            Tools.Result result = Tools.run(dir, new byte[0], client.apply(listener.getLocalPort()));
            return new ServerRun(result, server.get(30, TimeUnit.SECONDS));
        }
    }

    /** A running {@code openssl s_server}, accepting one connection on a loopback port. */
    static final class SServer implements AutoCloseable {
        final Process process;
        final int port;
        private final StringBuilder output = new StringBuilder();
        private final CompletableFuture<Void> reader;

        SServer(Path dir, String... args) throws IOException {
            List<String> command = Tools.command("openssl", "s_server", "-accept", "127.0.0.1:0", "-naccept", "1");
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Pattern accept = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");
            int found = -1;
            String line;
            while (found < 0 && (line = lines.readLine()) != null) {
                output.append(line).append('\n');
                Matcher m = accept.matcher(line);
                if (m.find()) {
                    found = Integer.parseInt(m.group(1));
                }
            }
            if (found < 0) {
                process.destroyForcibly();
                throw new IOException("s_server did not start:\n" + output);
            }
            port = found;
            // Standard input stays open: s_server stops when it reads end of file there.
            reader = CompletableFuture.runAsync(() -> {
                try {
                    String l;
                    while ((l = lines.readLine()) != null) {
                        synchronized (output) {
                            output.append(l).append('\n');
                        }
                    }
                } catch (IOException e) {
                    // The process went away.
                }
            }, Thread::startVirtualThread);
        }

        /** Everything s_server printed, once it has finished its one connection (or been stopped). */
        String output() throws Exception {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroy();
            }
            reader.get(10, TimeUnit.SECONDS);
            synchronized (output) {
                return output.toString();
            }
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /** Connects {@code context} to a local s_server as {@code host}, sends a line, and reports what it saw. */
    static Served connect(ClientTlsContext context, SServer server, String host) {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port);
                SSLSocket tls = context.wrap(plain, host, server.port)) {
            tls.setSoTimeout(20_000);
            tls.startHandshake();
            List<SslVariable> vars = SslVariables.of(SslVariables.Side.CLIENT, tls.getSession(), context.library());
            tls.getOutputStream().write((GREETING + "\n").getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            return new Served(vars, null);
        } catch (Exception e) {
            return new Served(List.of(), e);
        }
    }
}
