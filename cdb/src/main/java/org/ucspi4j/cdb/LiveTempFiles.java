package org.ucspi4j.cdb;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files not yet installed or removed, and the shutdown hook that removes them: the JVM
 * runs it when SIGTERM, SIGINT or SIGHUP ends it (the launchers exec java, so the signal reaches it),
 * and a killed compile leaves no partial file behind. Exits through Runtime.halt skip it, which is
 * fine: by then every file has been installed or removed.
 */
final class LiveTempFiles {
    private LiveTempFiles() {}

    private static final Set<TempFile> LIVE = ConcurrentHashMap.newKeySet();
    private static boolean hooked;

    static synchronized void hook() {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(
                    Thread.ofPlatform().name("temp-file-cleanup").unstarted(LiveTempFiles::discardAll));
            hooked = true;
        }
    }

    static void add(TempFile file) {
        LIVE.add(file);
    }

    static void remove(TempFile file) {
        LIVE.remove(file);
    }

    private static void discardAll() {
        for (TempFile file : LIVE) {
            file.removeOnExit(); // waits for an install under way, then does nothing
        }
    }
}
