package org.ucspi4j.runtime.server;

import java.util.Map;
import java.util.OptionalInt;
import org.ucspi4j.runtime.posix.Privileges;
import org.ucspi4j.runtime.ucspi.Numbers;

/**
 * Whose ids the server (the TLS side, the JVM) and its programs run under once the port is bound and
 * the keys are read. As in ucspi-ssl 0.95b, {@code -u}/{@code -g} name the program's ids and
 * {@code SSL_UID}/{@code SSL_GID} override them for the TLS side; an absent (or 0) id is left as it
 * is.
 *
 * @param server   the JVM's ids
 * @param programs the programs' ids; resolved (both present) when {@code separate}
 * @param separate whether programs run under other ids than the JVM's
 */
record ServerIds(Privileges.Ids server, Privileges.Ids programs, boolean separate) {

    /**
     * @throws IllegalArgumentException when SSL_UID or SSL_GID is not a number; the message says which
     */
    static ServerIds of(ServerOptions o, Map<String, String> env, boolean startsPrograms) {
        OptionalInt uid = id(o.uid());
        OptionalInt gid = id(o.gid());
        Privileges.Ids programs = new Privileges.Ids(uid, gid);
        if (!startsPrograms) {
            return new ServerIds(programs, programs, false);
        }
        OptionalInt sslUid = variable(env, "SSL_UID");
        OptionalInt sslGid = variable(env, "SSL_GID");
        if (sslUid.isEmpty() && sslGid.isEmpty()) {
            return new ServerIds(programs, programs, false); // no need to ask the kernel who we are
        }
        Privileges.Ids server = new Privileges.Ids(sslUid.isPresent() ? sslUid : uid, sslGid.isPresent() ? sslGid : gid);
        Privileges.Ids resolved = programs.resolved();
        return new ServerIds(server, resolved, !server.resolved().equals(resolved));
    }

    private static OptionalInt id(Long option) {
        return option == null || option == 0 ? OptionalInt.empty() : OptionalInt.of((int) (long) option);
    }

    private static OptionalInt variable(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return id(Numbers.id(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " " + e.getMessage());
        }
    }
}
