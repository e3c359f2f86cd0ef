package org.ucspi4j.rules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ucspi4j.lookup.Dialect;

/** The C tools' recorded behaviour ({@code src/test/resources/vectors}, see its README.md). */
final class Vectors {
    private Vectors() {}

    static final Path ROOT = Path.of("src/test/resources/vectors");

    static Path dir(Dialect d) {
        return ROOT.resolve(d.id());
    }

    static List<String> ruleFiles(Dialect d) throws IOException {
        try (Stream<Path> files = Files.list(dir(d))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rules"))
                    .map(n -> n.substring(0, n.length() - 6)).sorted().toList();
        }
    }

    /** One tcprulescheck run: the environment (null = unset) and what it printed. */
    record QueryRow(String ip, String host, String info, byte[] stdout, byte[] stderr) {}

    static List<QueryRow> queries(Dialect d, String name) throws IOException {
        Path q = dir(d).resolve(name + ".queries.tsv");
        List<QueryRow> rows = new ArrayList<>();
        if (!Files.exists(q)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(q, StandardCharsets.ISO_8859_1);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            rows.add(new QueryRow(text(c[0]), text(c[1]), text(c[2]), unescape(c[3]),
                    c.length > 4 ? unescape(c[4]) : new byte[0]));
        }
        return rows;
    }

    private static String text(String cell) {
        return cell.isEmpty() ? null : new String(unescape(cell), StandardCharsets.ISO_8859_1);
    }

    /** The README's escaping: \\ \n \t \r \xHH. */
    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.write(n);
            }
        }
        return out.toByteArray();
    }
}
