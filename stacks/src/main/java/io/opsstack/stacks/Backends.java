package io.opsstack.stacks;

import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.TerraformStack;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.config.StateConfig;

/**
 * The state backend of every stack. With {@code state} configured: S3, encrypted, key
 * {@code <keyPrefix>/<env>/<stack>.tfstate}, locked by an S3 lock file ({@code use_lockfile}), a DynamoDB table, or
 * both (while a team moves from the table to the lock file). Without: a local backend whose path is relative to
 * the stack's working directory and points at the project root ({@code terraform.<stack>.tfstate}). cdktf's default local
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
            S3Backend backend = new S3Backend(stack, S3BackendConfig.builder()
                    .bucket(state.bucket())
                    .key(state.keyFor(env.name(), stackId))
                    .region(state.region())
                    .encrypt(true)
                    .dynamodbTable(state.lockTable().orElse(null))
                    .build());
            if (state.lockfile()) {
                // cdktf 0.19's S3BackendConfig predates Terraform 1.10's use_lockfile: set it as a raw override.
                // Only the backend takes it; the terraform_remote_state readers of other stacks never lock.
                backend.addOverride("use_lockfile", true);
            }
        } else {
            new LocalBackend(stack, LocalBackendConfig.builder()
                    .path(stateDirFromWorkingDir + "/terraform." + stackId + ".tfstate")
                    .build());
        }
    }
}
