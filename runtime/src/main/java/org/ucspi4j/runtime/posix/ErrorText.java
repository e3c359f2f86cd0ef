package org.ucspi4j.runtime.posix;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Map;

/**
 * DJB's {@code error_str()} wording for an I/O failure ("file does not exist", not "No such file or
 * directory"): the C tools print it, and scripts that parse their messages expect it.
 */
public final class ErrorText {
    private ErrorText() {}

    // strerror(3) text, as the JDK passes it through in FileSystemException.getReason(), to DJB's text.
    private static final Map<String, String> BY_STRERROR = Map.ofEntries(
            Map.entry("no such file or directory", "file does not exist"),
            Map.entry("permission denied", "access denied"),
            Map.entry("operation not permitted", "permission denied"),
            Map.entry("is a directory", "is a directory"),
            Map.entry("not a directory", "not a directory"),
            Map.entry("no space left on device", "out of disk space"),
            Map.entry("file too large", "file too big"),
            Map.entry("read-only file system", "read-only file system"),
            Map.entry("invalid cross-device link", "cross-device link"),
            Map.entry("file exists", "file already exists"),
            Map.entry("cannot allocate memory", "out of memory"),
            Map.entry("input/output error", "input/output error"),
            Map.entry("too many open files", "out of file descriptors"),
            Map.entry("file name too long", "file name too long"),
            Map.entry("too many levels of symbolic links", "symbolic link loop"),
            // the JDK's own text for ELOOP when it opens a path without following links
            Map.entry("too many levels of symbolic links or unable to access attributes of symbolic link",
                    "symbolic link loop"),
            Map.entry("disk quota exceeded", "disk quota exceeded"),
            Map.entry("broken pipe", "broken pipe"),
            Map.entry("illegal seek", "unable to seek"),
            Map.entry("text file busy", "text busy"),
            Map.entry("cannot assign requested address", "address not available"),
            Map.entry("address already in use", "address already used"),
            Map.entry("connection refused", "connection refused"),
            Map.entry("connection timed out", "timed out"),
            Map.entry("connection reset by peer", "connection reset"),
            Map.entry("network is unreachable", "network unreachable"),
            Map.entry("no route to host", "host unreachable"),
            Map.entry("exec format error", "exec format error"),
            Map.entry("bad file descriptor", "file descriptor not open"),
            Map.entry("argument list too long", "argument list too long"));

    /** DJB's text for a strerror(3) text such as "No such file or directory". */
    public static String ofStrerror(String reason) {
        String key = reason.toLowerCase(Locale.ROOT);
        return BY_STRERROR.getOrDefault(key, reason);
    }

    /** DJB's text for {@code e}. */
    public static String of(Throwable e) {
        String known = known(e);
        if (known != null) {
            return known;
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null) {
            return e instanceof IOException ? "input/output error" : e.getClass().getSimpleName();
        }
        return reason;
    }

    /** DJB's text for {@code e} when it is a system error this class knows, else null. */
    public static String known(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "file does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "access denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory";
        }
        if (e instanceof org.ucspi4j.runtime.posix.PosixException p) {
            return ofStrerror(p.description());
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null) {
            return null;
        }
        String key = reason.toLowerCase(Locale.ROOT);
        String known = BY_STRERROR.get(key);
        if (known != null) {
            return known;
        }
        for (Map.Entry<String, String> entry : BY_STRERROR.entrySet()) {
            if (key.endsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }
}
