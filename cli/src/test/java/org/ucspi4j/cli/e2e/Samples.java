package org.ucspi4j.cli.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The sample sslhandle handler, compiled from {@code samples/src} against the jar under test into a
 * test's directory: the reactor build of {@code cli} does not build the samples module, and the
 * test should run the sample as shipped.
 */
final class Samples {
    private Samples() {}

    static final String PRINT_ENVIRONMENT = "org.ucspi4j.samples.PrintEnvironment";

    /** Compiles PrintEnvironment into {@code dir/samples-classes}; that directory, for {@code --class-path}. */
    static Path printEnvironmentClasses(Path dir) {
        Path source = Launcher.home().resolve("samples/src/main/java/org/ucspi4j/samples/PrintEnvironment.java");
        try {
            Path out = Files.createDirectories(dir.resolve("samples-classes"));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            int rc = javac.run(null, messages, messages, "--release", "25", "-proc:none", "-cp",
                    Launcher.jar().toString(), "-d", out.toString(), source.toString());
            if (rc != 0) {
                throw new AssertionError("javac " + source + ":\n" + messages.toString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
