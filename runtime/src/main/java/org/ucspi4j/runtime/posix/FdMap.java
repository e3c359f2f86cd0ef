package org.ucspi4j.runtime.posix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which file descriptors a spawned child starts with: "child fd N is a copy of this parent fd".
 * Every fd not named here is closed in the child. Several child fds may share one parent fd (with
 * {@code sslserver -n}, fds 0 and 1 are both the socket), and a parent fd may be any number,
 * including one that is also a child target of another mapping.
 */
public final class FdMap {
    private final SortedMap<Integer, Integer> sourceByTarget;

    private FdMap(SortedMap<Integer, Integer> sourceByTarget) {
        this.sourceByTarget = Collections.unmodifiableSortedMap(new TreeMap<>(sourceByTarget));
    }

    /** A child with no file descriptors at all. */
    public static FdMap empty() {
        return new FdMap(new TreeMap<>());
    }

    /** From a map of child fd to parent fd. */
    public static FdMap of(Map<Integer, Integer> sourceByTarget) {
        FdMap map = empty();
        for (Map.Entry<Integer, Integer> e : sourceByTarget.entrySet()) {
            map = map.with(e.getKey(), e.getValue());
        }
        return map;
    }

    /** Child fds 0, 1 and 2 are the parent's 0, 1 and 2. */
    public static FdMap standard() {
        return empty().inherit(0).inherit(1).inherit(2);
    }

    /** This map plus "child fd {@code target} is a copy of parent fd {@code source}" (replacing any earlier one for target). */
    public FdMap with(int target, int source) {
        if (target < 0 || source < 0) {
            throw new IllegalArgumentException("negative fd in mapping " + target + " <- " + source);
        }
        TreeMap<Integer, Integer> next = new TreeMap<>(sourceByTarget);
        next.put(target, source);
        return new FdMap(next);
    }

    /** This map plus "child fd {@code fd} is the parent's fd {@code fd}". */
    public FdMap inherit(int fd) {
        return with(fd, fd);
    }

    /** Child fd to parent fd, ordered by child fd. */
    public SortedMap<Integer, Integer> sourceByTarget() {
        return sourceByTarget;
    }

    /** What the child does between fork and exec, in order. */
    sealed interface Action {
        record Dup2(int from, int to) implements Action {}

        record Close(int fd) implements Action {}

        record CloseFrom(int lowFd) implements Action {}
    }

    /**
     * The file actions that set up this map. Applying the mappings one by one with dup2 goes wrong
     * when a parent fd is also the target of another mapping (dup2 onto it destroys it before it is
     * copied), so every distinct source is first copied to a "parking" fd above all targets and not
     * equal to any source; then the parking fds are copied onto the targets; then the gaps below the
     * highest target are closed and closefrom removes the parking fds and everything else. The final
     * copies are all dup2 between different numbers, so none of them keeps FD_CLOEXEC.
     */
    List<Action> plan() {
        List<Action> actions = new ArrayList<>();
        if (sourceByTarget.isEmpty()) {
            actions.add(new Action.CloseFrom(0));
            return actions;
        }
        int highestTarget = sourceByTarget.lastKey();
        Set<Integer> sources = new LinkedHashSet<>(sourceByTarget.values());
        Map<Integer, Integer> parkingBySource = new LinkedHashMap<>();
        int candidate = highestTarget + 1;
        for (int source : sources) {
            while (sources.contains(candidate)) {
                candidate++;
            }
            parkingBySource.put(source, candidate);
            actions.add(new Action.Dup2(source, candidate));
            candidate++;
        }
        for (Map.Entry<Integer, Integer> e : sourceByTarget.entrySet()) {
            actions.add(new Action.Dup2(parkingBySource.get(e.getValue()), e.getKey()));
        }
        for (int fd = 0; fd < highestTarget; fd++) {
            if (!sourceByTarget.containsKey(fd)) {
                actions.add(new Action.Close(fd));
            }
        }
        actions.add(new Action.CloseFrom(highestTarget + 1));
        return actions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FdMap other && other.sourceByTarget.equals(sourceByTarget);
    }

    @Override
    public int hashCode() {
        return sourceByTarget.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("FdMap[");
        sourceByTarget.forEach((target, source) -> {
            if (s.length() > 6) {
                s.append(", ");
            }
            s.append(target).append(" <- ").append(source);
        });
        return s.append(']').toString();
    }
}
