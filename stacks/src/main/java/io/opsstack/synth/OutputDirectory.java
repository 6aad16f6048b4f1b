package io.opsstack.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Atomic replacement of an output directory: everything is written into a temporary sibling, and only a complete
 * result is swapped in with two renames on one file system. A failed run deletes its temporary directory and
 * leaves the previous output exactly as it was.
 *
 * <p>The swap is the commit point. Before it, every step can be undone, and whether the swap can complete is checked
 * first (the parent directory writable, every directory of the old tree writable so it can be moved aside and
 * deleted): a read-only {@code cdktf.out/} fails the run with nothing changed, instead of a half-swap. After it, the
 * new output is in place; a leftover of the previous one that cannot be deleted is a warning, and every later run
 * removes leftovers ({@code .<name>.tmp-*}, {@code .<name>.old-*}) of runs that are no longer alive.
 *
 * <p>Terraform keeps its working files inside each stack's directory ({@code .terraform/} with downloaded
 * providers, {@code .terraform.lock.hcl}). They are not ours to delete, so the swap moves them from the old
 * output into the new one.
 */
public final class OutputDirectory {

    static final List<String> TERRAFORM_WORKING_FILES = List.of(".terraform", ".terraform.lock.hcl");

    /** ".cdktf.out.tmp-1234-5678": the owning process id, so a later run knows a leftover from a live run's dir. */
    private static final Pattern LEFTOVER = Pattern.compile("\\.(.+)\\.(tmp|old)-(?:(\\d+)-)?\\d+");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** This process's temporary and old directories in use: its other leftovers (a failed clean-up) are stale. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    /**
     * The file-system operations a swap consists of: a seam so tests can make any one of them fail and check the
     * rollback (as root, file modes alone cannot make them fail).
     */
    interface Ops {
        void move(Path from, Path to) throws IOException;

        void delete(Path path) throws IOException;

        /** A clean-up that failed after the fact: said, never fatal (tests capture it instead of printing it). */
        default void warn(String message) {
            System.err.println("opsstack: warning: " + message);
        }

        Ops REAL = new Ops() {
            @Override
            public void move(Path from, Path to) throws IOException {
                try {
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(from, to);
                }
            }

            @Override
            public void delete(Path path) throws IOException {
                Files.delete(path);
            }
        };
    }

    private OutputDirectory() {
    }

    /** Fills a directory and says what it wrote; may throw anything, in which case nothing is replaced. */
    @FunctionalInterface
    public interface Filler<T> {
        T fill(Path fresh) throws Exception;
    }

    /**
     * Replaces {@code target} with what {@code filler} writes into a fresh temporary sibling: all or nothing.
     * Whatever the filler throws propagates, and the previous {@code target} stays exactly as it was; otherwise
     * the filler's result is returned. A {@link SynthException} says when the swap could not be made.
     */
    public static <T> T replace(Path target, Filler<T> filler) throws Exception {
        return replace(target, filler, Ops.REAL);
    }

    static <T> T replace(Path target, Filler<T> filler, Ops ops) throws Exception {
        Path out = target.toAbsolutePath().normalize();
        Path parent = out.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new SynthException("cannot create " + parent + " (" + e + "); nothing was written");
        }
        removeLeftovers(out, ops);
        // Fail before the (slow) filler when the swap cannot complete; checked again right before the swap.
        checkSwappable(out);
        Path tmp;
        synchronized (LOCK) {
            tmp = temporarySibling(out);
            IN_PROGRESS.put(tmp, out);
        }
        try {
            T result = filler.fill(tmp);
            checkSwappable(out);
            synchronized (LOCK) {
                swap(tmp, out, ops);
                IN_PROGRESS.remove(tmp);
                WRITTEN.add(out);
            }
            return result;
        } finally {
            synchronized (LOCK) {
                IN_PROGRESS.remove(tmp);
                deleteQuietly(tmp, ops);
                IN_USE.remove(tmp);
            }
        }
    }

    /** Guards the swaps against an interrupt: {@link #abandon} waits for one that has begun. */
    private static final Object LOCK = new Object();
    private static final java.util.Map<Path, Path> IN_PROGRESS = new java.util.LinkedHashMap<>();
    private static final List<Path> WRITTEN = new ArrayList<>();

    /**
     * For an interrupt: deletes the temporary directories of replacements in progress (after any swap that has
     * begun completes) and says what became of the outputs; "" when there were none. Called from the signal
     * handler; the JVM halts right after.
     */
    static String abandon() {
        synchronized (LOCK) {
            List<String> kept = new ArrayList<>();
            IN_PROGRESS.forEach((tmp, out) -> {
                deleteQuietly(tmp, Ops.REAL);
                kept.add(out.toString());
            });
            IN_PROGRESS.clear();
            if (!kept.isEmpty()) {
                return "nothing was written (" + String.join(", ", kept) + (kept.size() == 1 ? " is" : " are")
                        + " as before)";
            }
            return WRITTEN.isEmpty() ? "" : "after writing " + WRITTEN.get(WRITTEN.size() - 1);
        }
    }

    /**
     * A fresh, empty temporary directory beside {@code out} (same file system, so the swap is a rename). Made with a
     * plain mkdir, so it follows the umask like any directory the user makes: Files.createTempDirectory's 0700
     * made the swapped-in output unreadable to other users.
     */
    public static Path temporarySibling(Path out) throws IOException, SynthException {
        Path parent = out.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        Path tmp = uniqueSibling(out, "tmp");
        try {
            Files.createDirectory(tmp);
        } catch (IOException e) {
            throw new SynthException("cannot write beside " + out + ": " + parent + " is not writable (" + e
                    + "); nothing was changed");
        }
        return tmp;
    }

    /** Replaces {@code out} with {@code fresh}; {@code fresh} no longer exists afterwards. */
    public static void swap(Path fresh, Path out) throws IOException, SynthException {
        swap(fresh, out, Ops.REAL);
    }

    static void swap(Path fresh, Path out, Ops ops) throws IOException, SynthException {
        List<Path[]> carried = new ArrayList<>();
        Path old = null;
        try {
            if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                carryOverTerraformFiles(out, fresh, carried, ops);
                old = uniqueSibling(out, "old");
                ops.move(out, old);
            }
            ops.move(fresh, out);
        } catch (IOException | RuntimeException e) {
            try {
                rollBack(out, old, carried, ops, e);
            } finally {
                if (old != null) {
                    IN_USE.remove(old);
                }
            }
            throw e;
        }
        // Committed: the new output is in place. What is left of the previous one is only clean-up.
        if (old != null) {
            try {
                deleteRecursively(old, ops);
            } catch (IOException e) {
                ops.warn("the new output is in place, but the previous one could not be deleted from " + old
                        + " (" + e + "); the next run removes it");
            } finally {
                IN_USE.remove(old);
            }
        }
    }

    /** Puts back whatever moved, so the previous output is intact; says where it is when that fails too. */
    private static void rollBack(Path out, Path old, List<Path[]> carried, Ops ops, Exception cause)
            throws SynthException {
        try {
            if (old != null && Files.exists(old, LinkOption.NOFOLLOW_LINKS)
                    && !Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                ops.move(old, out);
            }
            for (int i = carried.size() - 1; i >= 0; i--) {
                Path[] pair = carried.get(i);
                if (Files.exists(pair[1], LinkOption.NOFOLLOW_LINKS) && !Files.exists(pair[0], LinkOption.NOFOLLOW_LINKS)) {
                    ops.move(pair[1], pair[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            SynthException failed = new SynthException("replacing " + out + " failed (" + cause + ") and so did"
                    + " putting the previous output back (" + e + "): it is in " + (old != null ? old : out)
                    + "; move it back to " + out + " by hand");
            failed.addSuppressed(cause);
            throw failed;
        }
    }

    /**
     * Whether the swap can complete: {@code out}'s parent must take the two renames, and every directory of the
     * previous output must be writable (Terraform's files are moved out of it, then it is deleted). Checked with
     * access(2), as the current user; root passes unless the file system is read-only.
     */
    static void checkSwappable(Path out) throws IOException, SynthException {
        Path parent = out.getParent();
        if (!Files.isWritable(parent)) {
            throw new SynthException("cannot replace " + out + ": " + parent + " is not writable by this user;"
                    + " nothing was changed");
        }
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new SynthException("cannot replace " + out + ": it is not a directory; nothing was changed");
        }
        List<Path> readOnly = new ArrayList<>();
        try {
            Files.walkFileTree(out, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!Files.isWritable(d) || !Files.isExecutable(d)) {
                        readOnly.add(d);
                    }
                    // Terraform's .terraform/ moves as a whole (a rename needs only the directory itself writable).
                    return d.getFileName().toString().equals(".terraform") ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new SynthException("cannot replace " + out + ": cannot read the previous output (" + e
                    + "); nothing was changed");
        }
        if (!readOnly.isEmpty()) {
            throw new SynthException("cannot replace " + out + ": the previous output has directories this user"
                    + " cannot write, so it could not be moved aside and deleted: " + readOnly.stream().limit(5)
                    .map(Path::toString).reduce((a, b) -> a + ", " + b).orElseThrow()
                    + (readOnly.size() > 5 ? " and " + (readOnly.size() - 5) + " more" : "") + " (make them writable, e.g."
                    + " chmod -R u+w " + out + "); nothing was changed");
        }
    }

    /** Leftovers of earlier runs that crashed or could not clean up: removed when their process is gone. */
    private static void removeLeftovers(Path out, Ops ops) {
        String name = out.getFileName().toString();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(out.getParent(), "." + name + ".{tmp,old}-*")) {
            for (Path p : siblings) {
                Matcher m = LEFTOVER.matcher(p.getFileName().toString());
                if (!m.matches() || !m.group(1).equals(name)) {
                    continue;
                }
                // Earlier versions named them without a process id: those runs are long over.
                long pid = m.group(3) == null ? -1 : Long.parseLong(m.group(3));
                boolean live = pid == ProcessHandle.current().pid() ? IN_USE.contains(p)
                        : pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                // Without an output, an old- directory may be the only copy of the previous one (a crash, or a
                // failed rollback that said where it is): never delete that.
                boolean onlyCopy = m.group(2).equals("old") && !Files.exists(out, LinkOption.NOFOLLOW_LINKS);
                if (!live && !onlyCopy) {
                    try {
                        deleteRecursively(p, ops);
                    } catch (IOException e) {
                        ops.warn("cannot remove " + p + " left by an earlier run (" + e + ")");
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // nothing to clean, or nothing readable: the run itself says what is wrong
        }
    }

    private static Path uniqueSibling(Path out, String kind) {
        Path sibling = out.resolveSibling("." + out.getFileName() + "." + kind + "-" + ProcessHandle.current().pid() + "-"
                + Long.toUnsignedString(RANDOM.nextLong()));
        IN_USE.add(sibling);
        return sibling;
    }

    private static void carryOverTerraformFiles(Path out, Path fresh, List<Path[]> carried, Ops ops)
            throws IOException {
        Path stacks = out.resolve("stacks");
        if (!Files.isDirectory(stacks)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(stacks)) {
            for (Path dir : dirs.sorted().toList()) {
                Path target = fresh.resolve("stacks").resolve(dir.getFileName().toString());
                if (!Files.isDirectory(target)) {
                    continue;
                }
                for (String name : TERRAFORM_WORKING_FILES) {
                    Path from = dir.resolve(name);
                    Path to = target.resolve(name);
                    if (Files.exists(from, LinkOption.NOFOLLOW_LINKS) && !Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                        ops.move(from, to);
                        carried.add(new Path[] {from, to});
                    }
                }
            }
        }
    }

    public static void deleteRecursively(Path dir) {
        try {
            deleteRecursively(dir, Ops.REAL);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void deleteQuietly(Path dir, Ops ops) {
        try {
            deleteRecursively(dir, ops);
        } catch (IOException e) {
            ops.warn("cannot delete the temporary directory " + dir + " (" + e + "); the next run removes it");
        }
    }

    private static void deleteRecursively(Path dir, Ops ops) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                ops.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                ops.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
