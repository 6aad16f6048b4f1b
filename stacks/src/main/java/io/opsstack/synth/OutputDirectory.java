package io.opsstack.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Atomic replacement of an output directory: everything is written into a temporary sibling, and only a complete
 * result is swapped in with two renames on one file system. A failed run deletes its temporary directory and
 * leaves the previous output exactly as it was.
 *
 * <p>Terraform keeps its working files inside each stack's directory ({@code .terraform/} with downloaded
 * providers, {@code .terraform.lock.hcl}). They are not ours to delete, so the swap moves them from the old
 * output into the new one.
 */
public final class OutputDirectory {

    static final List<String> TERRAFORM_WORKING_FILES = List.of(".terraform", ".terraform.lock.hcl");

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
     * the filler's result is returned.
     */
    public static <T> T replace(Path target, Filler<T> filler) throws Exception {
        Path out = target.toAbsolutePath().normalize();
        Path tmp;
        synchronized (LOCK) {
            tmp = temporarySibling(out);
            IN_PROGRESS.put(tmp, out);
        }
        try {
            T result = filler.fill(tmp);
            synchronized (LOCK) {
                swap(tmp, out);
                IN_PROGRESS.remove(tmp);
                WRITTEN.add(out);
            }
            return result;
        } finally {
            synchronized (LOCK) {
                IN_PROGRESS.remove(tmp);
                deleteRecursively(tmp);
            }
        }
    }

    /** Guards the swaps against an interrupt: {@link #abandon} waits for one that has begun. */
    private static final Object LOCK = new Object();
    private static final java.util.Map<Path, Path> IN_PROGRESS = new java.util.LinkedHashMap<>();
    private static final java.util.List<Path> WRITTEN = new ArrayList<>();

    /**
     * For an interrupt: deletes the temporary directories of replacements in progress (after any swap that has
     * begun completes) and says what became of the outputs; "" when there were none. Called from the signal
     * handler; the JVM halts right after.
     */
    static String abandon() {
        synchronized (LOCK) {
            List<String> kept = new ArrayList<>();
            IN_PROGRESS.forEach((tmp, out) -> {
                try {
                    deleteRecursively(tmp);
                } catch (UncheckedIOException e) {
                    // halting anyway; the next run's temporary directory has another name
                }
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

    /** A fresh, empty temporary directory beside {@code out} (same file system, so the swap is a rename). */
    public static Path temporarySibling(Path out) throws IOException {
        Path parent = out.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
    }

    /** Replaces {@code out} with {@code fresh}; {@code fresh} no longer exists afterwards. */
    public static void swap(Path fresh, Path out) throws IOException {
        List<Path[]> carried = new ArrayList<>();
        Path old = null;
        try {
            if (Files.exists(out)) {
                carryOverTerraformFiles(out, fresh, carried);
                old = Files.createTempDirectory(out.toAbsolutePath().getParent(), "." + out.getFileName() + ".old-");
                Files.delete(old);
                move(out, old);
            }
            move(fresh, out);
        } catch (IOException | RuntimeException e) {
            // Put back whatever moved, so the previous output is intact.
            if (old != null && Files.exists(old) && !Files.exists(out)) {
                move(old, out);
            }
            for (Path[] pair : carried) {
                if (Files.exists(pair[1]) && !Files.exists(pair[0])) {
                    move(pair[1], pair[0]);
                }
            }
            throw e;
        }
        if (old != null) {
            deleteRecursively(old);
        }
    }

    private static void carryOverTerraformFiles(Path out, Path fresh, List<Path[]> carried) throws IOException {
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
                    if (Files.exists(from) && !Files.exists(to)) {
                        move(from, to);
                        carried.add(new Path[] {from, to});
                    }
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
