package io.opsstack.config;

import java.util.List;
import java.util.Optional;

/**
 * AWS region names opsstack accepts, and the partition each belongs to (it goes into every ARN we build).
 * A region AWS opens later is added here in one line; until then the loader refuses it rather than letting a
 * typo such as "us-east1" reach Terraform.
 */
public final class AwsRegions {

    public static final List<String> COMMERCIAL = List.of(
            "af-south-1",
            "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
            "eu-west-1", "eu-west-2", "eu-west-3",
            "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
            "us-east-1", "us-east-2", "us-west-1", "us-west-2");
    public static final List<String> GOV_CLOUD = List.of("us-gov-east-1", "us-gov-west-1");
    public static final List<String> CHINA = List.of("cn-north-1", "cn-northwest-1");

    private AwsRegions() {
    }

    public static List<String> all() {
        return java.util.stream.Stream.of(COMMERCIAL, GOV_CLOUD, CHINA).flatMap(List::stream).sorted().toList();
    }

    public static boolean isKnown(String region) {
        return partitionOf(region).isPresent();
    }

    /** "aws", "aws-us-gov" or "aws-cn"; empty for an unknown region. */
    public static Optional<String> partitionOf(String region) {
        if (COMMERCIAL.contains(region)) {
            return Optional.of("aws");
        }
        if (GOV_CLOUD.contains(region)) {
            return Optional.of("aws-us-gov");
        }
        if (CHINA.contains(region)) {
            return Optional.of("aws-cn");
        }
        return Optional.empty();
    }
}
