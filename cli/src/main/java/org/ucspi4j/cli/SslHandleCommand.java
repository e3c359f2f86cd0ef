package org.ucspi4j.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.ucspi4j.runtime.handle.ConnectionHandler;
import org.ucspi4j.runtime.handle.Handlers;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.server.ServerLog;
import org.ucspi4j.runtime.server.ServerStartup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code sslhandle [opts] host port handler-class [args...]}: sslserver's options and behaviour, but
 * each connection is served in the JVM by a {@link ConnectionHandler} loaded from
 * {@code --class-path} (or $SSLHANDLE_CLASSPATH). {@code -f lockfile} and {@code -a}/{@code -A} of
 * the C framework are accepted and have nothing to do here (no preforked processes; keys are always
 * read before privileges drop); {@code -n} is not available, as in C.
 */
@Command(name = "sslhandle", versionProvider = Versions.class,
        description = "Accept TLS connections and serve each with a Java handler, no process per connection.")
class SslHandleCommand extends SslServerCommand {
    private String classPath;

    @Option(names = "--class-path", paramLabel = "JARS", description = "where the handler class is (: separated)")
    void classPath(String s) { classPath = s; }

    @Option(names = "-f", paramLabel = "lockfile", description = "accepted for compatibility; unused") void f(String s) { }
    @Option(names = "-a", description = "accepted for compatibility; unused") void a(boolean b) { }
    @Option(names = "-A", description = "accepted for compatibility; unused") void bigA(boolean b) { }

    SslHandleCommand(Io io) {
        super(io);
    }

    @Override
    public String usage() {
        return "sslhandle: usage: sslhandle [ -1346UXpPhHrRoOdDqQvVIeEsSmzZaA ] [ -c limit ] [ -y iprules.cdb ]"
                + " [ -x rules.cdb ] [ -B banner ] [ -g gid ] [ -u uid ] [ -b backlog ] [ -l localname ]"
                + " [ -t timeout ] [ -I interface ] [ -T ssltimeout ] [ -w progtimeout ] [ -f lockfile ]"
                + " [ --class-path jars ] host port handler-class [ args ]";
    }

    /** No -n/-N (as in C: a handler has no fds to start TLS on) and a handler where sslserver has a program. */
    @Override
    public void shape(CommandSpec spec) {
        HandlerArguments.shape(spec, handlerLabel(), handlerDescription());
    }

    String handlerLabel() {
        return "handler-class";
    }

    String handlerDescription() {
        return "the ConnectionHandler class to serve each connection, then its arguments";
    }

    @Override
    public Integer call() {
        String name = spec.name();
        ConnectionHandler handler;
        try {
            handler = handler();
        } catch (NoSuchFileException e) {
            return unableToLoad("class path entry " + e.getFile() + ": file does not exist");
        } catch (ClassNotFoundException e) {
            return unableToLoad("no such class in " + (classPath() == null ? "ucspi4j's jar (give --class-path)"
                    : "--class-path " + classPath() + " or ucspi4j's jar"));
        } catch (ReflectiveOperationException | ClassCastException | LinkageError | MalformedURLException e) {
            return unableToLoad(e.toString());
        }
        if (handler == null) {
            io.err().println(usage());
            return 100;
        }
        List<String> args = program.isEmpty() ? List.of() : new ArrayList<>(program.subList(1, program.size()));
        return ServerStartup.handler(name, io.env(), io.out(), handler, args).withMetrics(Metrics::start)
                .run(options());
    }

    /** The fatal line for a handler that cannot be loaded, and its exit code. */
    private int unableToLoad(String why) {
        ServerLog.stderr(spec.name(), Math.max(1, common.verbosity)).fatal("unable to load handler " + program.get(0)
                + ": " + why);
        return 111;
    }

    /** The handler named after host and port, from --class-path; null when none is named (a usage error). */
    ConnectionHandler handler() throws ReflectiveOperationException, MalformedURLException, NoSuchFileException {
        if (program.isEmpty()) {
            return null;
        }
        return Handlers.load(program.get(0), loader(classPath()));
    }

    private String classPath() {
        return classPath != null ? classPath : io.env().get("SSLHANDLE_CLASSPATH");
    }

    /** A loader over the entries of {@code path}, each of which must exist (a typo is named, not a missing class). */
    private static ClassLoader loader(String path) throws MalformedURLException, NoSuchFileException {
        ClassLoader parent = SslHandleCommand.class.getClassLoader();
        if (path == null || path.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(":")) {
            if (!entry.isEmpty()) {
                File f = ArgumentBytes.path(entry).toFile();
                if (!f.exists()) {
                    throw new NoSuchFileException(entry);
                }
                urls.add(f.toURI().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }
}
