package io.opsstack.bench;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor of any Java cdktf synth (bench/benchmark.py measures it): start the JVM, start jsii, load cdktf and
 * the AWS provider, synthesize one empty stack. Run with the stock provider tarball first on the class path for
 * the stock floor, or with opsstack's classes first for the lazy one.
 */
public final class Floor {

    private Floor() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createTempDirectory("opsstack-floor-");
        App app = new App(AppConfig.builder().outdir(out.toString()).build());
        TerraformStack stack = new TerraformStack(app, "floor");
        new AwsProvider(stack, "aws", AwsProviderConfig.builder().region("us-east-1").build());
        app.synth();
        io.opsstack.synth.OutputDirectory.deleteRecursively(out);
    }
}
