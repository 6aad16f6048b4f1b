package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code opsstack rehearse}'s input checks: refused before any emulator or terraform starts (exit 2). */
class RehearseCommandTest {

    @Test
    void failsOnANonLoopbackEndpoint() {
        MainTest.Run r = MainTest.run("rehearse", "dev", "--endpoint", "http://10.1.2.3:4566", "--project-dir",
                MainTest.HOME.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("not a loopback address"), r.err());
    }

    @Test
    void failsOnTheLocalEnvironment() {
        MainTest.Run r = MainTest.run("rehearse", "local", "--project-dir", MainTest.HOME.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("runs on Docker, not AWS"), r.err());
    }

    @Test
    void failsOnAnUnknownFormat() {
        MainTest.Run r = MainTest.run("rehearse", "dev", "--format", "sarif", "--project-dir",
                MainTest.HOME.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--format sarif"), r.err());
    }

    @Test
    void failsOnAStepTimeoutUnderAMinute() {
        MainTest.Run r = MainTest.run("rehearse", "dev", "--step-timeout", "0", "--project-dir",
                MainTest.HOME.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--step-timeout 0: at least 1 (minutes)"), r.err());
    }
}
