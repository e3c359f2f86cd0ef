package org.ucspi4j.runtime.posix;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs in a JVM of its own (started by PrivilegesTest), because dropping privileges or chrooting
 * the test JVM would break the rest of the suite. Prints what it finds on stdout.
 */
public final class PrivilegesHelper {
    private PrivilegesHelper() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "drop" -> drop();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void drop() throws Exception {
        // Like sslserver -3: the passphrase comes on fd 3, read before dropping privileges.
        try (InputStream fd3 = Fds.inputStream(3)) {
            System.out.println("fd3=" + new String(fd3.readAllBytes(), StandardCharsets.US_ASCII).replace("\0", "\\0"));
        }
        // Extra threads that exist before the drop: each must end up with the new ids.
        CountDownLatch forever = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            Thread.ofPlatform().daemon().name("idle-" + i).start(() -> {
                try {
                    forever.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Privileges.drop(65534, 65534); // nobody, nogroup

        List<Path> tasks = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            dir.forEach(tasks::add);
        }
        System.out.println("threads=" + tasks.size());

        System.out.println("ids=" + Privileges.uid() + " " + Privileges.effectiveUid() + " " + Privileges.gid() + " "
                + Privileges.effectiveGid());
        for (Path task : tasks) {
            String uid = "";
            String gid = "";
            String groups = "";
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    uid = line.substring(4).trim().replaceAll("\\s+", " ");
                } else if (line.startsWith("Gid:")) {
                    gid = line.substring(4).trim().replaceAll("\\s+", " ");
                } else if (line.startsWith("Groups:")) {
                    groups = line.substring(7).trim();
                }
            }
            System.out.println("task " + task.getFileName() + " uid=" + uid + " gid=" + gid + " groups=" + groups);
        }
        try {
            Privileges.setUid(0);
            System.out.println("setuid0=ok");
        } catch (PosixException e) {
            System.out.println("setuid0=" + Errno.name(e.errno()));
        }
    }

}
