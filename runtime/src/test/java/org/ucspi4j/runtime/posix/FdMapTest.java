package org.ucspi4j.runtime.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ucspi4j.runtime.posix.FdMap.Action;
import org.ucspi4j.runtime.posix.FdMap.Action.Close;
import org.ucspi4j.runtime.posix.FdMap.Action.CloseFrom;
import org.ucspi4j.runtime.posix.FdMap.Action.Dup2;

class FdMapTest {

    /** Runs a plan on a model fd table (fd -> what it refers to), as the child would. */
    private static Map<Integer, String> simulate(Map<Integer, String> table, List<Action> plan) {
        Map<Integer, String> fds = new HashMap<>(table);
        for (Action action : plan) {
            switch (action) {
                case Dup2(int from, int to) -> {
                    assertThat(fds).as("dup2 from a closed fd %d", from).containsKey(from);
                    fds.put(to, fds.get(from));
                }
                case Close(int fd) -> fds.remove(fd);
                case CloseFrom(int low) -> fds.keySet().removeIf(fd -> fd >= low);
            }
        }
        return fds;
    }

    @Test
    void emptyMapClosesEverything() {
        assertThat(FdMap.empty().plan()).containsExactly(new CloseFrom(0));
        assertThat(simulate(Map.of(0, "a", 1, "b", 7, "c"), FdMap.empty().plan())).isEmpty();
    }

    @Test
    void typicalServerChild() {
        FdMap map = FdMap.empty().with(0, 40).with(1, 43).inherit(2).with(5, 44).with(6, 41).with(7, 42);
        Map<Integer, String> parent = new HashMap<>();
        for (int fd = 0; fd < 50; fd++) {
            parent.put(fd, "f" + fd);
        }
        assertThat(simulate(parent, map.plan())).isEqualTo(
                Map.of(0, "f40", 1, "f43", 2, "f2", 5, "f44", 6, "f41", 7, "f42"));
    }

    @Test
    void sourceThatIsAnotherTargetIsCopiedBeforeBeingOverwritten() {
        // Naive dup2 in target order: dup2(7,6) then dup2(6,7) would leave both on the old 7.
        FdMap swap = FdMap.empty().with(6, 7).with(7, 6);
        assertThat(simulate(Map.of(6, "six", 7, "seven"), swap.plan())).isEqualTo(Map.of(6, "seven", 7, "six"));

        FdMap chain = FdMap.empty().with(0, 1).with(1, 2).with(2, 0);
        assertThat(simulate(Map.of(0, "in", 1, "out", 2, "err"), chain.plan()))
                .isEqualTo(Map.of(0, "out", 1, "err", 2, "in"));
    }

    @Test
    void oneSourceOnSeveralTargets() {
        FdMap map = FdMap.empty().with(0, 9).with(1, 9).inherit(2);
        assertThat(simulate(Map.of(2, "err", 9, "socket", 10, "other"), map.plan()))
                .isEqualTo(Map.of(0, "socket", 1, "socket", 2, "err"));
    }

    @Test
    void parkingFdsAvoidEverySource() {
        FdMap map = FdMap.empty().with(0, 3).with(1, 2).with(2, 4);
        List<Action> plan = map.plan();
        // Parking starts above the highest target (2) and skips the sources 3 and 4.
        assertThat(plan.subList(0, 3)).containsExactly(new Dup2(3, 5), new Dup2(2, 6), new Dup2(4, 7));
        assertThat(simulate(Map.of(2, "two", 3, "three", 4, "four"), plan))
                .isEqualTo(Map.of(0, "three", 1, "two", 2, "four"));
    }

    @Test
    void identityMappingStillGoesThroughAParkingFd() {
        // dup2(fd, fd) would keep FD_CLOEXEC and the fd would vanish at exec; copying via another number clears it.
        List<Action> plan = FdMap.standard().plan();
        assertThat(plan).doesNotContain(new Dup2(0, 0), new Dup2(1, 1), new Dup2(2, 2));
        assertThat(plan).last().isEqualTo(new CloseFrom(3));
    }

    @Test
    void gapsBelowTheHighestTargetAreClosed() {
        FdMap map = FdMap.empty().with(1, 20).with(4, 21);
        assertThat(map.plan()).contains(new Close(0), new Close(2), new Close(3)).doesNotContain(new Close(1));
        assertThat(simulate(Map.of(0, "a", 2, "b", 3, "c", 20, "x", 21, "y"), map.plan()))
                .isEqualTo(Map.of(1, "x", 4, "y"));
    }

    @Test
    void valueSemanticsAndValidation() {
        assertThat(FdMap.of(Map.of(1, 5, 0, 4))).isEqualTo(FdMap.empty().with(0, 4).with(1, 5));
        assertThat(FdMap.empty().with(0, 4).with(0, 6).sourceByTarget()).containsExactly(Map.entry(0, 6));
        assertThat(FdMap.empty().with(0, 4).with(6, 7)).hasToString("FdMap[0 <- 4, 6 <- 7]");
        assertThatThrownBy(() -> FdMap.empty().with(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FdMap.empty().with(1, -3)).isInstanceOf(IllegalArgumentException.class);
    }
}
