package io.opsstack.rehearse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The child processes never see the user's AWS identity, and --endpoint is loopback only. */
class ChildEnvironmentTest {

    static final Path SCRATCH = Path.of("/scratch/prod");

    @Test
    void dropsEveryAwsVariableAndProfileOfTheUser() {
        Map<String, String> user = Map.of("PATH", "/usr/bin", "AWS_PROFILE", "prod-admin", "AWS_ACCESS_KEY_ID",
                "AKIAREALKEY", "AWS_SECRET_ACCESS_KEY", "real", "AWS_SESSION_TOKEN", "tok", "AWS_ROLE_ARN", "arn",
                "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token", "HOME", "/home/me", "TF_CLI_CONFIG_FILE", "/home/me/rc",
                "AWS_ENDPOINT_URL", "https://sts.amazonaws.com");
        Map<String, String> env = ChildEnvironment.of(user, SCRATCH, Map.of("TF_CLI_CONFIG_FILE", "/scratch/rc"));
        assertEquals("/usr/bin", env.get("PATH"));
        assertEquals(Overrides.FAKE_ACCESS_KEY, env.get("AWS_ACCESS_KEY_ID"));
        assertEquals(Overrides.FAKE_SECRET_KEY, env.get("AWS_SECRET_ACCESS_KEY"));
        assertFalse(env.containsKey("AWS_PROFILE"));
        assertFalse(env.containsKey("AWS_SESSION_TOKEN"));
        assertFalse(env.containsKey("AWS_ROLE_ARN"));
        assertFalse(env.containsKey("AWS_WEB_IDENTITY_TOKEN_FILE"));
        assertFalse(env.containsKey("AWS_ENDPOINT_URL"));
        assertEquals("/scratch/prod/home", env.get("HOME"), "no ~/.aws of the user's");
        assertTrue(env.get("AWS_CONFIG_FILE").startsWith("/scratch/prod/"));
        assertTrue(env.get("AWS_SHARED_CREDENTIALS_FILE").startsWith("/scratch/prod/"));
        assertEquals("/scratch/rc", env.get("TF_CLI_CONFIG_FILE"));
        assertFalse(env.values().stream().anyMatch(v -> v.contains("AKIAREALKEY") || v.contains("prod-admin")));
        for (String name : env.keySet()) {
            assertTrue(!name.startsWith("AWS_") || Map.of("AWS_ACCESS_KEY_ID", 1, "AWS_SECRET_ACCESS_KEY", 1,
                    "AWS_CONFIG_FILE", 1, "AWS_SHARED_CREDENTIALS_FILE", 1, "AWS_EC2_METADATA_DISABLED", 1)
                    .containsKey(name), name);
        }
    }

    @Test
    void failsWhenTheRehearsalItselfPassesAnAwsVariable() {
        assertThrows(IllegalArgumentException.class,
                () -> ChildEnvironment.of(Map.of(), SCRATCH, Map.of("AWS_PROFILE", "x")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:4566", "http://localhost:4566", "http://[::1]:5000", "http://127.0.0.2:80/"})
    void acceptsLoopbackEndpoints(String url) throws Exception {
        String checked = ChildEnvironment.loopbackEndpoint(url);
        assertTrue(checked.startsWith("http://"), checked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.5:4566", "https://sts.amazonaws.com", "http://8.8.8.8", "ftp://127.0.0.1",
            "http://127.0.0.1:4566/some/path", "http://user@127.0.0.1:4566", "not a url", "127.0.0.1:4566"})
    void failsOnAnythingButALoopbackHttpEndpoint(String url) {
        RehearsalException e = assertThrows(RehearsalException.class, () -> ChildEnvironment.loopbackEndpoint(url));
        assertTrue(e.getMessage().startsWith("--endpoint "), e.getMessage());
    }
}
