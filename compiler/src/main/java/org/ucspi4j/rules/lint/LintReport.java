package org.ucspi4j.rules.lint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ucspi4j.lookup.Dialect;

/** Writes lint results as text ({@code file:line:col: severity: message [code]}), JSON or SARIF 2.1.0. */
public final class LintReport {
    private LintReport() {}

    public enum Format {
        TEXT,
        JSON,
        SARIF
    }

    /** One file's diagnostics; {@code file} is the name as given (a byte string, one char per byte). */
    public record FileResult(String file, List<Diagnostic> diagnostics) {}

    /** Counts by severity. */
    public record Summary(long errors, long warnings, long infos) {
        public static Summary of(List<FileResult> results) {
            long e = 0;
            long w = 0;
            long i = 0;
            for (FileResult r : results) {
                Diagnostics ds = Diagnostics.of(r.file(), r.diagnostics());
                for (int k = 0; k < ds.size(); k++) {
                    switch (ds.severity(k)) {
                        case ERROR -> e++;
                        case WARNING -> w++;
                        case INFO -> i++;
                    }
                }
            }
            return new Summary(e, w, i);
        }

        /** {@code 2 errors, 1 warning, 0 infos}. */
        public String text() {
            return plural(errors, "error") + ", " + plural(warnings, "warning") + ", " + plural(infos, "info");
        }

        private static String plural(long n, String word) {
            return n + " " + word + (n == 1 ? "" : "s");
        }
    }

    public static final String TOOL = "ucspi4j tcprules lint";
    public static final String VERSION = "0.1.0";

    public static void write(Format format, Dialect dialect, List<FileResult> results, OutputStream out) throws IOException {
        switch (format) {
            case TEXT -> text(results, out);
            case JSON -> Json.write(json(dialect, results), out);
            case SARIF -> Json.write(sarif(dialect, results), out);
        }
        out.flush();
    }

    /**
     * One element per diagnostic of all {@code results}, made by {@code element} when the writer
     * gets to it: a big file's report is then written a diagnostic at a time, not built whole.
     */
    private static List<Object> perDiagnostic(List<FileResult> results, java.util.function.BiFunction<Integer, Diagnostic, Object> element) {
        List<Diagnostics> files = new ArrayList<>();
        int[] starts = new int[results.size() + 1];
        for (int f = 0; f < results.size(); f++) {
            files.add(Diagnostics.of(results.get(f).file(), results.get(f).diagnostics()));
            starts[f + 1] = starts[f] + files.get(f).size();
        }
        return new java.util.AbstractList<>() {
            private int file; // of the last element asked for: the writer asks in order

            @Override
            public Object get(int k) {
                int f = k >= starts[file] ? file : 0;
                while (starts[f + 1] <= k) {
                    f++;
                }
                file = f;
                return element.apply(f, files.get(f).get(k - starts[f]));
            }

            @Override
            public int size() {
                return starts[results.size()];
            }
        };
    }

    /** One line per diagnostic, the file name as its raw bytes; a hint on an indented line after it. */
    public static void text(List<FileResult> results, OutputStream out) throws IOException {
        TextReport.write(results, out);
    }

    static Map<String, Object> json(Dialect dialect, List<FileResult> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", TOOL);
        root.put("version", VERSION);
        root.put("dialect", dialect.id());
        List<Object> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (FileResult r : results) {
            String file = unicode(r.file());
            names.add(file);
            Summary s = Summary.of(List.of(r));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", file);
            f.put("errors", s.errors());
            f.put("warnings", s.warnings());
            f.put("infos", s.infos());
            files.add(f);
        }
        root.put("files", files);
        root.put("diagnostics", perDiagnostic(results, (f, d) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", names.get(f));
            m.put("line", d.line());
            m.put("column", d.column());
            m.put("code", d.code().name());
            m.put("name", d.code().title());
            m.put("severity", d.severity().id());
            m.put("message", d.message());
            m.put("hint", d.hint());
            return m;
        }));
        Summary total = Summary.of(results);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("errors", total.errors());
        summary.put("warnings", total.warnings());
        summary.put("infos", total.infos());
        root.put("summary", summary);
        return root;
    }

    static Map<String, Object> sarif(Dialect dialect, List<FileResult> results) {
        List<Object> rules = new ArrayList<>();
        for (LintCode c : LintCode.values()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", c.name());
            rule.put("name", c.title());
            rule.put("shortDescription", Map.of("text", c.title().replace('-', ' ')));
            rule.put("fullDescription", Map.of("text", c.description()));
            rule.put("help", Map.of("text", c.description() + " See docs/lint-codes.md."));
            rule.put("defaultConfiguration", Map.of("level", c.severity().sarifLevel()));
            rule.put("properties", Map.of("tags", List.of("tcprules", c.severity().id())));
            rules.add(rule);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "ucspi4j-tcprules-lint");
        driver.put("fullName", TOOL);
        driver.put("version", VERSION);
        driver.put("semanticVersion", VERSION);
        driver.put("rules", rules);

        List<Object> artifacts = new ArrayList<>();
        List<Map<String, Object>> locations = new ArrayList<>();
        for (int index = 0; index < results.size(); index++) {
            FileResult r = results.get(index);
            locations.add(artifactLocation(r.file(), index));
            artifacts.add(Map.of("location", artifactLocation(r.file(), -1)));
        }
        List<Object> sarifResults = perDiagnostic(results, (f, d) -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", d.code().name());
            result.put("ruleIndex", d.code().ordinal());
            result.put("level", d.severity().sarifLevel());
            result.put("message", Map.of("text", d.message() + (d.hint() != null ? ". Fix: " + d.hint() + "." : ".")));
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", d.line());
            region.put("startColumn", d.column());
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", locations.get(f));
            physical.put("region", region);
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
            if (d.hint() != null) {
                result.put("properties", Map.of("hint", d.hint()));
            }
            return result;
        });
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("artifacts", artifacts);
        run.put("results", sarifResults);
        run.put("properties", Map.of("dialect", dialect.id()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return root;
    }

    private static Map<String, Object> artifactLocation(String file, int index) {
        Map<String, Object> location = new LinkedHashMap<>();
        String name = unicode(file);
        if (name.startsWith("/")) {
            location.put("uri", "file://" + encode(name));
        } else {
            location.put("uri", encode(name.startsWith("./") ? name.substring(2) : name));
            location.put("uriBaseId", "%SRCROOT%");
        }
        if (index >= 0) {
            location.put("index", index);
        }
        return location;
    }

    /** Percent-encodes everything but unreserved characters and '/'. */
    static String encode(String path) {
        StringBuilder s = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
                s.append((char) c);
            } else {
                s.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return s.toString();
    }

    /** A byte-string file name as text: its bytes read as UTF-8 if they are, else as ISO-8859-1. */
    static String unicode(String latin1) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }
}
