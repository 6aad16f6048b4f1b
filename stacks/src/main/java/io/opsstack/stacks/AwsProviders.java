package io.opsstack.stacks;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;

/**
 * The AWS provider of every AWS stack, and the provider versions the stack accepts.
 *
 * <p>cdktf writes the exact version its bindings were generated from ({@code "5.23.1"} for cdktf-provider-aws
 * 18.0.3) into {@code terraform.required_providers}, which would lock users out of every later 5.x fix. The
 * bindings only use what 5.23.1 has, and the provider keeps its schema compatible within a major version, so any
 * 5.x from 5.23.1 on is accepted; a team pins the exact version with each stack's {@code .terraform.lock.hcl}
 * (which synth carries over).
 */
public final class AwsProviders {

    /** The versions every AWS stack accepts: from the bindings' 5.23.1 up to the next major. */
    public static final String VERSION_CONSTRAINT = ">= 5.23.1, < 6.0.0";

    private AwsProviders() {
    }

    /** Adds the provider (construct id "aws", a contract) for {@code region} and widens the version constraint. */
    public static AwsProvider apply(TerraformStack stack, String region) {
        AwsProvider provider = new AwsProvider(stack, "aws", AwsProviderConfig.builder().region(region).build());
        stack.addOverride("terraform.required_providers.aws.version", VERSION_CONSTRAINT);
        return provider;
    }
}
