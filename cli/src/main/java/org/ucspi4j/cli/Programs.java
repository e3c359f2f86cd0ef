package org.ucspi4j.cli;

import java.util.function.Function;
import org.ucspi4j.cdb.CdbTextFrom;

/**
 * Every program the jar runs, the one list of them: its name (that of its link in {@code bin/}),
 * its {@link Kind} and how its command is made. {@code bin/ucspi4j} gives each kind its JVM flags
 * in a {@code case} of its own, which must name the programs of that kind (ProgramsTest holds the
 * links and the launcher to this table).
 */
enum Programs {
    CDBDUMP("cdbdump", Kind.SHORT_TOOL, CdbDumpCommand::new),
    CDBGET("cdbget", Kind.SHORT_TOOL, CdbGetCommand::new),
    CDBMAKE("cdbmake", Kind.SHORT_TOOL, CdbMakeCommand::new),
    CDBMAKE_12("cdbmake-12", Kind.SHORT_TOOL, io -> new CdbMakeCommand(io, CdbTextFrom::twelve)),
    CDBMAKE_SV("cdbmake-sv", Kind.SHORT_TOOL, io -> new CdbMakeCommand(io, CdbTextFrom::services)),
    CDBSTATS("cdbstats", Kind.SHORT_TOOL, CdbStatsCommand::new),
    CDBTEST("cdbtest", Kind.SHORT_TOOL, CdbTestCommand::new),
    TCPRULES("tcprules", Kind.SHORT_TOOL, TcpRulesCommand::new),
    TCPRULESCHECK("tcprulescheck", Kind.SHORT_TOOL, TcpRulesCheckCommand::new),
    SSLSERVER("sslserver", Kind.SERVER, SslServerCommand::new),
    SSLHANDLE("sslhandle", Kind.SERVER, SslHandleCommand::new),
    SSLPRINT("sslprint", Kind.SERVER, SslPrintCommand::new),
    SSLCLIENT("sslclient", Kind.CLIENT, SslClientCommand::new),
    SSLCAT("sslcat", Kind.CLIENT, SslCatCommand::new),
    SSLCONNECT("sslconnect", Kind.CLIENT, SslConnectCommand::new),
    HTTPS_AT("https@", Kind.CLIENT, HttpsAtCommand::new);

    /** What a program is, for the JVM it runs in and for how it ends. */
    enum Kind {
        /**
         * A tool that reads, writes and ends (tcprules, tcprulescheck, the cdb tools): the launcher
         * runs it from the AOT cache with the flags for a short run, and {@link Main#main} ends it
         * with {@link Runtime#halt} (see {@link #quickExit}).
         */
        SHORT_TOOL,
        /** sslserver, sslhandle and sslprint: the JVM's defaults but a few, for a heap that is idle most of the time. */
        SERVER,
        /** sslclient and the scripts on it: the JVM's defaults and an AOT cache of their own. */
        CLIENT;

        /** Whether the program ends with {@link Runtime#halt}, skipping System.exit's set-up (see {@link Main#main}). */
        boolean quickExit() {
            return this == SHORT_TOOL;
        }
    }

    private final String programName;
    private final Kind kind;
    private final Function<Io, Program> command;

    Programs(String programName, Kind kind, Function<Io, Program> command) {
        this.programName = programName;
        this.kind = kind;
        this.command = command;
    }

    /** The name it is called by: its link in {@code bin/}, or the first argument of {@code ucspi4j}. */
    String programName() {
        return programName;
    }

    Kind kind() {
        return kind;
    }

    /** A fresh command around the given streams. */
    Program command(Io io) {
        return command.apply(io);
    }

    /** The program called {@code name}, or null. */
    static Programs named(String name) {
        for (Programs p : values()) {
            if (p.programName.equals(name)) {
                return p;
            }
        }
        return null;
    }
}
