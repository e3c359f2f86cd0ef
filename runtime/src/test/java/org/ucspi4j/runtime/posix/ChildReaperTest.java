package org.ucspi4j.runtime.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucspi4j.runtime.posix.PosixTestSupport.PLAIN_ENV;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildReaperTest {

    private static Child sh(String script) throws PosixException {
        return Spawn.start(SpawnRequest.of(FdMap.empty().inherit(2), PLAIN_ENV, "/bin/sh", "-c", script));
    }

    @Test
    void rawWaitStatuses() throws Exception {
        assertThat(sh("exit 0").waitFor().raw()).isZero();
        ExitStatus hundred = sh("exit 100").waitFor();
        assertThat(hundred.raw()).isEqualTo(25600);
        assertThat(hundred.exitCode()).isEqualTo(100);
        ExitStatus killed = sh("kill -9 $$").waitFor();
        assertThat(killed.raw()).isEqualTo(9);
        assertThat(killed.signaled()).isTrue();
        assertThat(killed.signal()).isEqualTo(Signals.SIGKILL);
    }

    @Test
    void signalGoesThroughThePidfdAndStopsAfterReaping() throws Exception {
        Child sleeper = Spawn.start(SpawnRequest.of(FdMap.empty(), PLAIN_ENV, "sleep", "30"));
        assertThat(sleeper.running()).isTrue();
        assertThat(sleeper.waitFor(Duration.ofMillis(20))).isEmpty();
        assertThat(sleeper.signal(Signals.SIGTERM)).isTrue();
        assertThat(sleeper.waitFor()).isEqualTo(ExitStatus.ofSignal(Signals.SIGTERM));
        assertThat(sleeper.running()).isFalse();
        // Reaped: its pid may belong to someone else now, and no signal must reach that process.
        assertThat(sleeper.signal(Signals.SIGKILL)).isFalse();
        assertThat(sleeper.onExit().join().raw()).isEqualTo(15);
    }

    @Test
    void plainKill() throws Exception {
        Child sleeper = Spawn.start(SpawnRequest.of(FdMap.empty(), PLAIN_ENV, "sleep", "30"));
        Signals.kill(sleeper.pid(), Signals.SIGKILL);
        assertThat(sleeper.waitFor().signal()).isEqualTo(Signals.SIGKILL);
        assertThatThrownBy(() -> Signals.kill(Integer.MAX_VALUE, 0))
                .isInstanceOfSatisfying(PosixException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH));
    }

    @Test
    void manyConcurrentChildrenBesideAProcessBuilderProcess(@TempDir java.nio.file.Path dir) throws Exception {
        // ProcessBuilder's child runs the whole time: the reaper must not take its status.
        Process jdkChild = new ProcessBuilder("/bin/sh", "-c", "sleep 0.3; exit 42").start();
        int count = 200;
        List<Future<Child>> spawned = new ArrayList<>();
        // Half of them linger until the gate file appears, so that well over 64 pidfds (the reaper's
        // first poll array) are watched at once however slowly a busy machine spawns them.
        java.nio.file.Path gate = dir.resolve("open"); // in the test's own directory, which JUnit removes
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                // (at most 2 minutes: children of a test JVM that was killed must not poll forever)
                String script = (i % 2 == 0 ? "n=0; while [ ! -e '" + gate + "' ] && [ $n -lt 2400 ]; do sleep 0.05; n=$((n+1)); done; " : "")
                        + "exit " + (i % 256);
                spawned.add(threads.submit(() -> sh(script)));
            }
        }
        try {
            assertThat(ChildReaper.shared().watching()).isGreaterThanOrEqualTo(count / 2).isGreaterThan(64);
        } finally {
            java.nio.file.Files.createFile(gate);
        }
        for (int i = 0; i < count; i++) {
            ExitStatus status = spawned.get(i).get().onExit().get(30, TimeUnit.SECONDS);
            assertThat(status).as("child %d", i).isEqualTo(ExitStatus.ofExit(i % 256));
        }
        assertThat(jdkChild.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jdkChild.exitValue()).isEqualTo(42);
        assertThat(jdkChild.onExit().get().exitValue()).isEqualTo(42);

        assertThat(PosixTestSupport.zombieChildren()).isEmpty();
    }

    @Test
    void ownReaperAndItsLifecycle() throws Exception {
        try (ChildReaper reaper = ChildReaper.start("test-reaper")) {
            Child child = Spawn.start(SpawnRequest.of(FdMap.empty(), PLAIN_ENV, "/bin/sh", "-c", "exit 3"), reaper);
            assertThat(child.waitFor()).isEqualTo(ExitStatus.ofExit(3));
            assertThat(reaper.watching()).isZero();

            // A pid that is not our child: pidfd_open works, waitpid says ECHILD.
            assertThatThrownBy(() -> reaper.adopt(1)).isInstanceOfSatisfying(PosixException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.ECHILD));
            assertThatThrownBy(() -> reaper.adopt(Integer.MAX_VALUE)).isInstanceOfSatisfying(PosixException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH));
            assertThat(reaper.watching()).isZero();
        }
        assertThatThrownBy(() -> ChildReaper.shared().close()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void adoptingTheSamePidTwiceIsRefused() throws Exception {
        int pid = Spawn.spawn(SpawnRequest.of(FdMap.empty(), PLAIN_ENV, "sleep", "30"));
        Child child = ChildReaper.shared().adopt(pid);
        try {
            assertThatThrownBy(() -> ChildReaper.shared().adopt(pid)).isInstanceOf(IllegalStateException.class);
        } finally {
            child.signal(Signals.SIGKILL);
            child.waitFor();
        }
    }

    @Test
    void closingAReaperFailsWhatItStillWatches() throws Exception {
        ChildReaper reaper = ChildReaper.start("test-reaper-closing");
        int pid = Spawn.spawn(SpawnRequest.of(FdMap.empty(), PLAIN_ENV, "sleep", "30"));
        Child child = reaper.adopt(pid);
        reaper.close();
        assertThatThrownBy(() -> child.onExit().get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reaper.adopt(pid)).isInstanceOf(IllegalStateException.class);
        // Clean up the orphaned child with the shared reaper.
        Signals.kill(pid, Signals.SIGKILL);
        assertThat(ChildReaper.shared().adopt(pid).waitFor().signal()).isEqualTo(Signals.SIGKILL);
    }
}
