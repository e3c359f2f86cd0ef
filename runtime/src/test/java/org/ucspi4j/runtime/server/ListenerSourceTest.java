package org.ucspi4j.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sd_listen_fds(3)'s reading of the environment, and the choice between binding and inheriting. */
class ListenerSourceTest {
    private static final long PID = 4242;

    private static SocketActivation activation(String... nameValue) {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            env.put(nameValue[i], nameValue[i + 1]);
        }
        return SocketActivation.of(env, PID);
    }

    @Test
    void socketsArePassedOnlyToTheProcessLISTEN_PIDNames() {
        assertThat(activation("LISTEN_PID", "4242", "LISTEN_FDS", "1"))
                .isEqualTo(new SocketActivation.Passed(1, List.of()));
        assertThat(activation("LISTEN_PID", "4242", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "https:other"))
                .isEqualTo(new SocketActivation.Passed(2, List.of("https", "other")));
        assertThat(activation("LISTEN_PID", "4242", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "https"))
                .isInstanceOfSatisfying(SocketActivation.Passed.class, p -> assertThat(p.firstName()).isEqualTo("https"));
        assertThat(activation("LISTEN_PID", "4242", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "a:b"))
                .as("names that do not match the count are not used")
                .isInstanceOfSatisfying(SocketActivation.Passed.class, p -> assertThat(p.firstName()).isNull());

        assertThat(activation()).isEqualTo(new SocketActivation.NotPassed("LISTEN_PID is not set"));
        assertThat(activation("LISTEN_FDS", "1")).isEqualTo(new SocketActivation.NotPassed("LISTEN_PID is not set"));
        assertThat(activation("LISTEN_PID", "77", "LISTEN_FDS", "1")).isEqualTo(new SocketActivation.NotPassed(
                "LISTEN_PID is 77, not this process (4242): the activator must exec the server, not start it as a child"));
        assertThat(activation("LISTEN_PID", "x", "LISTEN_FDS", "1"))
                .isEqualTo(new SocketActivation.NotPassed("LISTEN_PID is not a process id: 'x'"));
        assertThat(activation("LISTEN_PID", "0", "LISTEN_FDS", "1")).isInstanceOf(SocketActivation.NotPassed.class);
        assertThat(activation("LISTEN_PID", "4242")).isEqualTo(new SocketActivation.NotPassed("LISTEN_FDS is not set"));
        assertThat(activation("LISTEN_PID", "4242", "LISTEN_FDS", "0"))
                .isEqualTo(new SocketActivation.NotPassed("LISTEN_FDS is 0"));
        assertThat(activation("LISTEN_PID", "4242", "LISTEN_FDS", "one"))
                .isEqualTo(new SocketActivation.Invalid("LISTEN_FDS is not a number of sockets: 'one'"));
        assertThat(activation("LISTEN_PID", "4242", "LISTEN_FDS", "-1")).isInstanceOf(SocketActivation.Invalid.class);
        assertThat(activation("LISTEN_PID", "4242", "LISTEN_FDS", "99999999999")).isInstanceOf(SocketActivation.Invalid.class);
    }

    private static ServerOptions.Builder options(String host, String port) {
        return ServerOptions.builder().host(host).port(port).program(List.of("cat"));
    }

    @Test
    void dashDashInheritsAnythingElseBinds() throws Exception {
        assertThat(ListenerSource.of(options("-", "-").build(), Map.of(), PID)).isInstanceOf(ListenerSource.Inherit.class);
        assertThat(ListenerSource.of(options("127.0.0.1", "443").build(), Map.of(), PID))
                .isEqualTo(new ListenerSource.Bind(new ListenAddress(java.net.InetAddress.getByName("127.0.0.1"), true), 443, 20));
        for (String[] half : new String[][] {{"-", "443"}, {"0", "-"}}) {
            assertThatThrownBy(() -> ListenerSource.of(options(half[0], half[1]).build(), Map.of(), PID))
                    .isInstanceOf(ListenerSource.Unusable.class)
                    .hasMessage("host and port must both be - to serve an inherited listening socket (got " + half[0] + " "
                            + half[1] + ")");
        }
        assertThatThrownBy(() -> ListenerSource.of(options("0", "no-such-service").build(), Map.of(), PID))
                .hasMessage("unable to figure out port number for no-such-service");
    }

    @Test
    void minus3CannotReadFd3WhenSocketActivationPutTheSocketThere() throws Exception {
        ServerOptions withMinus3 = options("-", "-").readPassphrase(true).build();
        assertThatThrownBy(() -> ListenerSource.of(withMinus3, Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "1"), PID))
                .isInstanceOf(ListenerSource.Unusable.class).hasMessageStartingWith("-3 reads the key passphrase from fd 3");
        // fd 0 style, or activation meant for another process: fd 3 is free for -3
        assertThat(ListenerSource.of(withMinus3, Map.of("LISTEN_PID", "1", "LISTEN_FDS", "1"), PID))
                .isInstanceOf(ListenerSource.Inherit.class);
    }

    @Test
    void anInvalidOrSecondSocketIsFatalBeforeAnyFdIsTouched() throws Exception {
        assertThatThrownBy(() -> ListenerSource.of(options("-", "-").build(),
                Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2"), PID).open())
                .hasMessage("LISTEN_FDS is 2: pass one listening socket, on fd 3");
        assertThatThrownBy(() -> ListenerSource.of(options("-", "-").build(),
                Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "x"), PID).open())
                .hasMessage("LISTEN_FDS is not a number of sockets: 'x'");
    }

    @Test
    void programsDoNotInheritTheProtocolsVariablesOfAnInheritedSocket() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("PATH", "/bin");
        env.put("LISTEN_PID", "4242");
        env.put("LISTEN_FDS", "1");
        env.put("LISTEN_FDNAMES", "https");
        env.put("LISTEN_OTHER", "kept");
        assertThat(new ListenerSource.Inherit(SocketActivation.of(env, PID)).programEnvironment(env))
                .containsExactly(Map.entry("PATH", "/bin"), Map.entry("LISTEN_OTHER", "kept"));
        // a bound port passes the environment on as the C server does
        assertThat(new ListenerSource.Bind(null, 443, 20).programEnvironment(env)).isSameAs(env);
    }

    @Test
    void bindingOptionsAreIgnoredWithAWarningForAnInheritedSocket() {
        ListenerSource.Inherit inherit = new ListenerSource.Inherit(new SocketActivation.NotPassed("x"));
        assertThat(inherit.ignoredOptions(options("-", "-").ipv6Mode(true).backlog(20).build())).isEmpty();
        assertThat(inherit.ignoredOptions(options("-", "-").ipv4Only(true).interfaceName("eth0").backlog(100).build()))
                .containsExactly("-4 ignored: the inherited socket's address family is the one it was made with",
                        "-I ignored: the inherited socket is bound already",
                        "-b ignored: the inherited socket listens with the backlog it was given");
        assertThat(new ListenerSource.Bind(null, 443, 100).ignoredOptions(options("0", "443").ipv4Only(true).build())).isEmpty();
    }
}
