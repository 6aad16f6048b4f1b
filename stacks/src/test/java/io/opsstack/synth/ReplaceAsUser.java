package io.opsstack.synth;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java ReplaceAsUser TARGET TEXT}: replaces TARGET with a directory holding new.txt = TEXT, through
 * {@link OutputDirectory#replace}. OutputDirectoryTest runs it as another user (setpriv), because root ignores the
 * file modes the real failure depends on. Prints "ok" or the exception; exit 0 or 1.
 */
public final class ReplaceAsUser {

    private ReplaceAsUser() {
    }

    public static void main(String[] args) {
        try {
            OutputDirectory.replace(Path.of(args[0]), fresh -> Files.writeString(fresh.resolve("new.txt"), args[1]));
            System.out.println("ok");
            System.exit(0);
        } catch (Exception e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
