package io.opsstack.stacks;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;

/**
 * The AWS provider of every AWS stack, and the provider versions the stack accepts.
 *
 * <p>cdktf writes the exact version its bindings were generated from ({@code "5.23.1"} for cdktf-provider-aws
 * 18.0.3) into {@code terraform.required_providers}, which would lock users out of every later 5.x fix. The
 * bindings only use what 5.23.1 has, but the data stacks go beyond them through overrides: the master password is
 * the ephemeral resource {@code aws_secretsmanager_random_password}, written with the write-only arguments
 * {@code aws_db_instance.password_wo} and {@code aws_secretsmanager_secret_version.secret_string_wo} (see
 * MasterSecret). The floor is the provider this project validates and rehearses with, 5.100.0, which has all
 * three; the provider keeps its schema compatible within a major version, so any later 5.x is accepted. A team pins
 * the exact version with each stack's {@code .terraform.lock.hcl} (which synth carries over). Write-only arguments
 * and ephemeral resources need Terraform 1.11: {@code required_version} says so before an older one misreads the
 * stack.
 */
public final class AwsProviders {

    /** The provider versions every AWS stack accepts: from 5.100.0 (write-only arguments) up to the next major. */
    public static final String VERSION_CONSTRAINT = ">= 5.100.0, < 6.0.0";
    /** The Terraform versions: write-only arguments need 1.11. */
    public static final String TERRAFORM_CONSTRAINT = ">= 1.11.0";

    private AwsProviders() {
    }

    /** Adds the provider (construct id "aws", a contract) for {@code region} and sets the version constraints. */
    public static AwsProvider apply(TerraformStack stack, String region) {
        AwsProvider provider = new AwsProvider(stack, "aws", AwsProviderConfig.builder().region(region).build());
        stack.addOverride("terraform.required_providers.aws.version", VERSION_CONSTRAINT);
        stack.addOverride("terraform.required_version", TERRAFORM_CONSTRAINT);
        return provider;
    }
}
