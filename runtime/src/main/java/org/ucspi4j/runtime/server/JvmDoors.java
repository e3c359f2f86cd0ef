package org.ucspi4j.runtime.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM's own ways in, which would let any process of the server's uid (its programs, when they
 * share it) read every connection's keys and plaintext: the attach mechanism ({@code jcmd PID
 * GC.heap_dump}), the perf-data file under /tmp/hsperfdata_USER, and remote JMX. The launcher closes
 * the first two for servers; a server started some other way says which are open, once.
 */
final class JvmDoors {
    private JvmDoors() {}

    static void check(ServerLog log) {
        List<String> open = open();
        if (!open.isEmpty()) {
            log.warning("the JVM is open to local processes of uid " + Integer.toUnsignedString(org.ucspi4j.runtime.posix.Privileges.effectiveUid())
                    + " (" + String.join(", ", open) + "): start servers through the ucspi4j launcher, or pass"
                    + " -XX:+DisableAttachMechanism -XX:-UsePerfData");
        }
    }

    static List<String> open() {
        List<String> open = new ArrayList<>();
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (!"true".equals(vm.getVMOption("DisableAttachMechanism").getValue())) {
            open.add("attach: jcmd can dump its heap");
        }
        if ("true".equals(vm.getVMOption("UsePerfData").getValue())) {
            open.add("a perf-data file for jstat");
        }
        if (System.getProperty("com.sun.management.jmxremote") != null
                || System.getProperty("com.sun.management.jmxremote.port") != null) {
            open.add("remote JMX");
        }
        return open;
    }
}
