package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-S3-001: bucket names. */
public final class S3BucketName extends AwsRule {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    public S3BucketName() {
        super("AWS-S3-001", List.of("aws_s3_bucket"), "A bucket name is 3-63 lowercase letters, digits, dots and"
                + " hyphens, starts and ends with a letter or digit, has no two adjacent dots, is not an IP address"
                + " and has no reserved prefix (xn--, sthree-) or suffix (-s3alias, --ol-s3)",
                "InvalidBucketName: The specified bucket is not valid.",
                "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
                "Shorten the environment name (validate checks the length of every bucket name opsstack gives).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String n = literal(b, "bucket");
        if (n == null) {
            return List.of();
        }
        String bad = n.length() < 3 || n.length() > 63 ? "is " + n.length() + " characters (3..63)"
                : !NAME.matcher(n).matches() ? "has characters other than lowercase letters, digits, dots and hyphens"
                + " or does not start and end with a letter or digit"
                : n.contains("..") ? "has two adjacent dots"
                : IP.matcher(n).matches() ? "is an IP address"
                : n.startsWith("xn--") || n.startsWith("sthree-") ? "has a reserved prefix"
                : n.endsWith("-s3alias") || n.endsWith("--ol-s3") ? "has a reserved suffix" : null;
        return bad == null ? List.of() : List.of("bucket name \"" + n + "\" " + bad);
    }
}
