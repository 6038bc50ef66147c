package dev.backprop.io;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a file's contents all at once, durably. The bytes go to a temporary file
 * {@code .NAME.PID-RANDOM.tmp} beside the target, which is flushed to disk ({@code fsync}), renamed
 * over the target (atomically where the file system can), and then the folder is flushed too, so
 * that a power cut cannot undo a save already reported. If anything fails the target is unchanged
 * and the temporary file removed.
 *
 * <ul>
 *   <li><b>Mode:</b> a new file gets the mode the umask gives ({@code 0666 & ~umask}, as {@code cp}
 *       or a shell redirection would); a file that is replaced keeps its POSIX permissions.</li>
 *   <li><b>Symbolic links:</b> written through: the file the link points to (resolved link by link)
 *       is replaced and the link stays a link.</li>
 *   <li><b>Read-only targets</b> are refused, as {@code cp} refuses them, although a rename could
 *       replace them.</li>
 *   <li><b>Stale temporary files</b> of our own naming for the same target, left by a process that
 *       was killed while saving (its PID no longer runs), are removed on the next save.</li>
 * </ul>
 */
final class AtomicFile {

    private static final Logger LOG = System.getLogger(AtomicFile.class.getName());
    private static final int MAX_LINKS = 40;

    /** Flushes a folder's entries to disk; replaceable in tests. */
    interface FolderSync {
        /** Makes the renames in {@code folder} durable. */
        void sync(Path folder) throws IOException;
    }

    /** {@code fsync} on the folder; platforms that cannot open a folder (Windows) skip it with a debug log. */
    static final FolderSync FSYNC = folder -> {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.DEBUG, "cannot fsync folder {0}: {1}", folder, e.toString());
        }
    };

    private AtomicFile() {
    }

    /** {@link #write(Path, FolderSync, ByteBuffer...)} with {@link #FSYNC}. */
    static void write(Path file, ByteBuffer... parts) throws IOException {
        write(file, FSYNC, parts);
    }

    /**
     * Replaces {@code file}'s contents with {@code parts}, in order.
     *
     * @throws IOException naming {@code file} (never the temporary file) if it cannot be written
     */
    static void write(Path file, FolderSync folderSync, ByteBuffer... parts) throws IOException {
        Path target = checkWritable(file);
        Path folder = target.getParent();
        removeStale(folder, target.getFileName().toString());
        Path temp = folder.resolve(tempPrefix(target.getFileName().toString()) + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                keepMode(target, temp);
                for (ByteBuffer part : parts) {
                    while (part.hasRemaining()) {
                        out.write(part);
                    }
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            folderSync.sync(folder);
        } catch (IOException e) {
            throw new IOException(file + ": cannot save (" + reason(e) + ")", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Checks, without changing it, that {@code file} can be written: its folder exists and takes a new
     * file (a temporary file of our naming is created and removed), and it is not a folder or read-only.
     *
     * @return the file that a save replaces ({@code file} with symbolic links resolved), absolute
     * @throws IOException naming {@code file} and what is wrong
     */
    static Path checkWritable(Path file) throws IOException {
        Path target = resolveLinks(file.toAbsolutePath());
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new NoSuchFileException(file.toString(), null, "cannot save: the folder " + folder
                    + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": cannot save: is a folder");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new IOException(file + ": cannot save: the file is read-only");
        }
        Path probe = folder.resolve(tempPrefix(target.getFileName().toString()) + ProcessHandle.current().pid()
                + "-probe.tmp");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
        } catch (IOException e) {
            throw new IOException(file + ": cannot save: the folder " + folder + " does not take new files ("
                    + reason(e) + ")", e);
        } finally {
            Files.deleteIfExists(probe);
        }
        return target;
    }

    private static Path resolveLinks(Path file) throws IOException {
        Path path = file;
        for (int hops = 0; Files.isSymbolicLink(path); hops++) {
            if (hops == MAX_LINKS) {
                throw new IOException(file + ": cannot save: more than " + MAX_LINKS + " symbolic links in a row");
            }
            Path parent = path.getParent();
            path = parent.resolve(Files.readSymbolicLink(path)).normalize();
        }
        return path;
    }

    private static String tempPrefix(String name) {
        return "." + name + ".";
    }

    /** Temporary files {@code .NAME.PID-*.tmp} of processes that no longer run. */
    private static void removeStale(Path folder, String name) {
        Pattern ours = Pattern.compile(Pattern.quote(tempPrefix(name)) + "(\\d+)-[0-9a-z]+\\.tmp");
        try (var entries = Files.newDirectoryStream(folder, tempPrefix(name) + "*.tmp")) {
            for (Path entry : entries) {
                Matcher m = ours.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !running(m.group(1))) {
                    Files.deleteIfExists(entry);
                    LOG.log(Level.INFO, "removed {0}, left by an interrupted save", entry);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot look for stale temporary files in {0}: {1}", folder, e.toString());
        }
    }

    private static boolean running(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void keepMode(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view != null && Files.exists(target)) {
            Files.setPosixFilePermissions(temp, view.readAttributes().permissions());
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
