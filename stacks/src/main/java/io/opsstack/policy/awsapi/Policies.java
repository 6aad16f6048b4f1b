package io.opsstack.policy.awsapi;

/** IAM counts policy size without whitespace; a reference counts as what it stands for, roughly an ARN. */
final class Policies {

    private Policies() {
    }

    static long size(String document) {
        String text = document.replaceAll("\\$\\{data\\.aws_caller_identity\\.[^}]+\\.account_id}", AwsRule.ACCOUNT)
                .replaceAll("\\$\\{data\\.aws_partition\\.[^}]+\\.partition}", "aws");
        return text.chars().filter(c -> !Character.isWhitespace(c)).count();
    }
}
