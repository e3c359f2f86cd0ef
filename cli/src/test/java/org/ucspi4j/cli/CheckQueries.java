package org.ucspi4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.cdb.CdbRecord;
import org.ucspi4j.lookup.Dialect;

/**
 * tcprulescheck queries for a compiled cdb: drawn from its own keys (exact IPs, dotted and ':'
 * prefixes completed, hosts, host suffixes, info@ip, info@=host) plus misses, unset and empty
 * variables. Runs them through a program in one bash script (one fork per query; bash's $'\xHH'
 * quoting passes any byte but NUL into the environment), or in-process through {@link Main}.
 */
final class CheckQueries {
    private CheckQueries() {}

    /** One lookup: each variable a byte string (one char per byte), or null for unset. */
    record Query(String ip, String host, String info) {
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            if (ip != null) {
                env.put("TCPREMOTEIP", ip);
            }
            if (host != null) {
                env.put("TCPREMOTEHOST", host);
            }
            if (info != null) {
                env.put("TCPREMOTEINFO", info);
            }
            return env;
        }

        @Override
        public String toString() {
            return "TCPREMOTEIP=" + show(ip) + " TCPREMOTEHOST=" + show(host) + " TCPREMOTEINFO=" + show(info);
        }
    }

    /** What one tcprulescheck run printed. */
    record Answer(int exit, byte[] stdout, byte[] stderr) {
        String text() {
            return "exit " + exit + ", stdout " + show(new String(stdout, StandardCharsets.ISO_8859_1))
                    + ", stderr " + show(new String(stderr, StandardCharsets.ISO_8859_1));
        }

        boolean sameAs(Answer o) {
            return exit == o.exit && java.util.Arrays.equals(stdout, o.stdout) && java.util.Arrays.equals(stderr, o.stderr);
        }
    }

    static List<Query> derive(Path cdb, Dialect dialect, Random rnd, int count) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        try (CdbReader reader = CdbReader.open(cdb)) {
            for (CdbRecord r : reader) {
                String k = new String(r.key(), StandardCharsets.ISO_8859_1);
                int nul = k.indexOf('\0');
                keys.add(nul >= 0 ? k.substring(0, nul) : k); // the environment cannot hold a NUL
            }
        }
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        List<String[]> infoIp = new ArrayList<>();
        List<String[]> infoHost = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        for (String k : keys) {
            if (k.startsWith("=.")) {
                suffixes.add(k.substring(1));
            } else if (k.startsWith("=")) {
                if (k.length() > 1) {
                    hosts.add(k.substring(1));
                }
            } else if (k.indexOf('@') >= 0) {
                int at = k.indexOf('@');
                String info = k.substring(0, at);
                String rest = k.substring(at + 1);
                infos.add(info);
                if (rest.startsWith("=")) {
                    infoHost.add(new String[] {info, rest.substring(1)});
                } else {
                    infoIp.add(new String[] {info, rest});
                }
            } else if (k.endsWith(".") || dialect == Dialect.FEFE && k.endsWith(":")) {
                prefixes.add(k);
            } else {
                exact.add(k);
            }
        }
        List<Query> out = new ArrayList<>();
        while (out.size() < count) {
            String ip = missIp(rnd);
            String host = null;
            String info = null;
            int r = rnd.nextInt(12);
            if (r < 3 && !exact.isEmpty()) {
                ip = pick(rnd, exact);
            } else if (r < 5 && !prefixes.isEmpty()) {
                String p = pick(rnd, prefixes);
                ip = p + (p.endsWith(":") ? Integer.toHexString(rnd.nextInt(65536)) + (rnd.nextBoolean() ? "::1" : "")
                        : rnd.nextInt(256) + (rnd.nextBoolean() ? "." + rnd.nextInt(256) : ""));
            } else if (r < 6 && !infoIp.isEmpty()) {
                String[] p = pick(rnd, infoIp);
                info = p[0];
                ip = p[1];
            } else if (r < 7 && !infoHost.isEmpty()) {
                String[] p = pick(rnd, infoHost);
                info = p[0];
                host = p[1];
            } else if (r < 8 && !hosts.isEmpty()) {
                host = pick(rnd, hosts);
            } else if (r < 9 && !suffixes.isEmpty()) {
                host = (rnd.nextBoolean() ? "a" + rnd.nextInt(100) : "x.y") + pick(rnd, suffixes);
            } else if (r < 10) {
                ip = switch (rnd.nextInt(5)) {
                    case 0 -> null; // the tool's default address
                    case 1 -> "";
                    case 2 -> "::1";
                    case 3 -> exact.isEmpty() ? "1.2.3.4" : pick(rnd, exact) + "x";
                    default -> "2001:db8::" + Integer.toHexString(rnd.nextInt(65536));
                };
            }
            // Sprinkle the other variables: known values, misses, empty strings.
            if (host == null && rnd.nextInt(3) == 0) {
                host = rnd.nextInt(4) == 0 ? "" : !hosts.isEmpty() && rnd.nextBoolean() ? pick(rnd, hosts) : "miss.example";
            }
            if (info == null && rnd.nextInt(4) == 0) {
                info = rnd.nextInt(4) == 0 ? "" : !infos.isEmpty() && rnd.nextBoolean() ? pick(rnd, infos) : "nobody";
            }
            out.add(new Query(ip, host, info));
        }
        return out;
    }

    private static String missIp(Random rnd) {
        return rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
    }

    private static <T> T pick(Random rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    /** Runs every query through {@code command} (+ the cdb path) in one bash script; answers in order. */
    static List<Answer> runScript(List<String> command, Path cdb, List<Query> queries, Path work,
            Map<String, String> env, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory(work, "answers");
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("CMD=(");
        for (String c : command) {
            s.append(quote(c)).append(' ');
        }
        s.append(")\nC=").append(quote(cdb.toString())).append("\nO=").append(quote(out.toString())).append('\n');
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            for (Map.Entry<String, String> e : q.env().entrySet()) {
                s.append(e.getKey()).append('=').append(quote(e.getValue())).append(' ');
            }
            s.append("\"${CMD[@]}\" \"$C\" >\"$O/").append(i).append(".o\" 2>\"$O/").append(i)
                    .append(".e\"; echo $? >\"$O/").append(i).append(".x\"\n");
        }
        Path script = work.resolve("queries-" + System.nanoTime() + ".sh");
        Files.write(script, s.toString().getBytes(StandardCharsets.ISO_8859_1));
        CTools.Run run = CTools.run(List.of("/bin/bash", script.toString()), work, null, env, timeoutSeconds);
        if (run.timedOut() || run.exit() != 0) {
            throw new IllegalStateException("query script " + script + " failed: exit " + run.exit()
                    + (run.timedOut() ? " (timed out)" : "") + ": " + new String(run.stderr(), StandardCharsets.ISO_8859_1));
        }
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            answers.add(new Answer(Integer.parseInt(Files.readString(out.resolve(i + ".x")).trim()),
                    Files.readAllBytes(out.resolve(i + ".o")), Files.readAllBytes(out.resolve(i + ".e"))));
        }
        return answers;
    }

    /** Our tcprulescheck, in-process: the same command class the launcher runs. */
    static Answer inProcess(Dialect dialect, Path cdb, Query q) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        Io io = new Io(java.io.InputStream.nullInputStream(), out, errStream, q.env());
        int exit = Main.run(io, "tcprulescheck", "--dialect=" + dialect.id(), cdb.toString());
        errStream.flush();
        return new Answer(exit, out.toByteArray(), err.toByteArray());
    }

    /** bash ANSI-C quoting: printable ASCII as is, every other byte as \xHH. */
    static String quote(String latin1) {
        StringBuilder s = new StringBuilder("$'");
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                s.append(c);
            } else {
                s.append(String.format("\\x%02x", (int) c & 0xff));
            }
        }
        return s.append('\'').toString();
    }

    /** A byte string made readable for messages. */
    static String show(String latin1) {
        if (latin1 == null) {
            return "(unset)";
        }
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                s.append(c);
            } else if (c == '\n') {
                s.append("\\n");
            } else {
                s.append(String.format("\\x%02x", (int) c & 0xff));
            }
        }
        return s.append('"').toString();
    }
}
