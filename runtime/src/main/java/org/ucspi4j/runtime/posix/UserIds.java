package org.ucspi4j.runtime.posix;

/**
 * A user's ids from the user database.
 *
 * @param uid the user id
 * @param gid the primary group id
 */
public record UserIds(int uid, int gid) {}
