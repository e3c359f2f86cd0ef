package org.ucspi4j.runtime.posix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void exitCodes() {
        ExitStatus hundred = new ExitStatus(25600);
        assertThat(hundred.exited()).isTrue();
        assertThat(hundred.signaled()).isFalse();
        assertThat(hundred.exitCode()).isEqualTo(100);
        assertThat(hundred).isEqualTo(ExitStatus.ofExit(100)).hasToString("exit 100 (status 25600)");
        assertThat(ExitStatus.ofExit(0).raw()).isZero();
        assertThat(ExitStatus.ofExit(255).raw()).isEqualTo(65280);
    }

    @Test
    void signals() {
        ExitStatus killed = new ExitStatus(9);
        assertThat(killed.exited()).isFalse();
        assertThat(killed.signaled()).isTrue();
        assertThat(killed.signal()).isEqualTo(9);
        assertThat(killed.coreDumped()).isFalse();
        assertThat(killed).hasToString("signal 9 (status 9)");
        ExitStatus core = new ExitStatus(0x80 | 11);
        assertThat(core.coreDumped()).isTrue();
        assertThat(core.signal()).isEqualTo(11);
    }

    @Test
    void stoppedIsNeitherExitedNorSignaled() {
        ExitStatus stopped = new ExitStatus((19 << 8) | 0x7f);
        assertThat(stopped.exited()).isFalse();
        assertThat(stopped.signaled()).isFalse();
        assertThat(stopped).hasToString("status " + ((19 << 8) | 0x7f));
    }
}
