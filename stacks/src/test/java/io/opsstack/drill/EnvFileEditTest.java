package io.opsstack.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.synth.SynthFixture;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/** Environment-file edits as the docs' yaml blocks show them, on the shipped prod.yaml. */
class EnvFileEditTest {

    static final String PROTECTION_OFF = "database:\n  deletionProtection: false\nsuppressions:\n"
            + "  - rule: OPS-RDS-004\n    resource: prod-data/database\n    reason: \"restore drill: back on after\"\n";

    static String prod() throws Exception {
        return Files.readString(SynthFixture.HOME.resolve("environments/prod.yaml"));
    }

    static EnvironmentConfig load(String text) throws Exception {
        return new ConfigLoader(SynthFixture.HOME).parse("environments/prod.yaml", "prod", text);
    }

    @Test
    void setsKeysInPlaceAddsTheSuppressionAndTakesItOutAgain() throws Exception {
        String before = prod();
        String off = EnvFileEdit.apply(before, PROTECTION_OFF, "environments/prod.yaml", "prod", "t");
        EnvironmentConfig c = load(off);
        assertFalse(c.database().deletionProtection());
        assertEquals(1, c.suppressions().size());
        assertEquals("OPS-RDS-004", c.suppressions().get(0).rule());
        // Only the value changed on its line: the comment stays.
        assertTrue(off.contains("  deletionProtection: false\n") || off.contains("  deletionProtection: false "), off);
        assertTrue(off.contains("# runbook \"restore\": set a snapshot id here and deploy prod-data"), off);
        String restored = EnvFileEdit.apply(off, "database:\n  restoreFromSnapshot: snap-1\n",
                "environments/prod.yaml", "prod", "t");
        assertEquals("snap-1", load(restored).database().restoreFromSnapshot().orElseThrow());
        String on = EnvFileEdit.apply(restored, "database:\n  deletionProtection: true\n", "environments/prod.yaml",
                "prod", "t");
        String clean = EnvFileEdit.remove(on, PROTECTION_OFF, "environments/prod.yaml", "prod", "t");
        EnvironmentConfig end = load(clean);
        assertTrue(end.database().deletionProtection());
        assertEquals(0, end.suppressions().size());
        // Apart from the restore, the file is what it was.
        assertEquals(before.replace("restoreFromSnapshot: null", "restoreFromSnapshot: snap-1") + "suppressions: []\n",
                clean);
    }

    @Test
    void addsAKeyTheFileDoesNotHave() throws Exception {
        String edited = EnvFileEdit.apply(prod(), "database:\n  skipFinalSnapshot: false\n", "environments/prod.yaml",
                "prod", "t");
        assertTrue(edited.contains("\n  skipFinalSnapshot: false\n"), edited);
        load(edited);
    }

    @Test
    void failsAnEditTheLoaderRejects() {
        // prod without deletion protection and without the suppression: OPS-RDS-004.
        DrillException e = assertThrows(DrillException.class, () -> EnvFileEdit.apply(prod(),
                "database:\n  deletionProtection: false\n", "environments/prod.yaml", "prod", "docs/x.md:3"));
        assertTrue(e.getMessage().startsWith("docs/x.md:3: after this edit the environment file does not load:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("OPS-RDS-004"), e.getMessage());
    }

    @Test
    void failsAnUnknownKey() {
        DrillException e = assertThrows(DrillException.class, () -> EnvFileEdit.apply(prod(),
                "database:\n  deletionProtect: false\n", "environments/prod.yaml", "prod", "docs/x.md:3"));
        assertTrue(e.getMessage().contains("deletionProtect"), e.getMessage());
    }
}
