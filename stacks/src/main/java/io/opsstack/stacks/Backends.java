package io.opsstack.stacks;

import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.TerraformStack;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.config.StateConfig;

/**
 * The state backend of every stack. With {@code state} configured: S3, encrypted, locked with DynamoDB, key
 * {@code <keyPrefix>/<env>/<stack>.tfstate}. Without: a local backend whose path is relative to the stack's
 * working directory and points at the project root ({@code terraform.<stack>.tfstate}). cdktf's default local
 * backend would write this machine's absolute path into the JSON; a state file inside cdktf.out would be lost
 * on the next synth, which replaces that directory.
 */
public final class Backends {

    private Backends() {
    }

    /**
     * @param stateDirFromWorkingDir the project root as seen from {@code cdktf.out/stacks/<id>/}, e.g. "../../.."
     */
    public static void apply(TerraformStack stack, String stackId, EnvironmentConfig env,
                             String stateDirFromWorkingDir) {
        if (env.state().isPresent()) {
            StateConfig state = env.state().get();
            new S3Backend(stack, S3BackendConfig.builder()
                    .bucket(state.bucket())
                    .key(state.keyFor(env.name(), stackId))
                    .region(state.region())
                    .encrypt(true)
                    .dynamodbTable(state.lockTable())
                    .build());
        } else {
            new LocalBackend(stack, LocalBackendConfig.builder()
                    .path(stateDirFromWorkingDir + "/terraform." + stackId + ".tfstate")
                    .build());
        }
    }
}
