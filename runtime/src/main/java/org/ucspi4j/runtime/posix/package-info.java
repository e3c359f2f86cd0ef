/**
 * The native layer of the runtime: what the JDK cannot do, through the FFM API and glibc (Linux,
 * 64-bit, glibc 2.36 or later; anything else fails on first use with a message saying so).
 *
 * <ul>
 *   <li>{@link org.ucspi4j.runtime.posix.Spawn} starts a program with posix_spawn: raw-byte argv and
 *       environment, the fds of an {@link org.ucspi4j.runtime.posix.FdMap} and no others, empty signal
 *       mask, default dispositions.</li>
 *   <li>{@link org.ucspi4j.runtime.posix.ChildReaper} reaps those children with pidfds and one platform
 *       thread, and completes a future with each {@link org.ucspi4j.runtime.posix.ExitStatus};
 *       {@link org.ucspi4j.runtime.posix.Child} is the handle.</li>
 *   <li>{@link org.ucspi4j.runtime.posix.Fds} gives the fd behind a JDK pipe or socket channel and
 *       streams over inherited fds; {@link org.ucspi4j.runtime.posix.UnixSocketPair} is socketpair(2)
 *       as two JDK SocketChannels; {@link org.ucspi4j.runtime.posix.InheritedSockets} checks an inherited
 *       listening socket (socket activation, fd 0) and makes it a JDK ServerSocketChannel.</li>
 *   <li>{@link org.ucspi4j.runtime.posix.Privileges}: setgroups/setgid/setuid for the whole JVM, the
 *       dumpable flag, per-thread capabilities.</li>
 * </ul>
 *
 * <p>The JVM needs {@code --enable-native-access=ALL-UNNAMED} and
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED}.
 */
package org.ucspi4j.runtime.posix;
