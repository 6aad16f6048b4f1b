package io.opsstack.constructs;

import io.opsstack.config.AppConfig;

import java.util.List;
import java.util.Objects;

/**
 * Inputs of {@link AppHosts}.
 *
 * @param namePrefix        e.g. "prod"
 * @param region            the stack's region
 * @param partition         aws, aws-us-gov, aws-cn
 * @param settings          the app section (mode, sizes, instance type, volume, hop limit)
 * @param subnetIds         where hosts run: private-app subnets (asg, or single with NAT) or public (single, no NAT)
 * @param publicHost        single mode in a public subnet: a public IP at launch, then an Elastic IP
 * @param securityGroupId   the app hosts' group
 * @param targetGroupArns   load balancer target groups (asg)
 * @param cloudInit         the rendered cloud-init document (user data)
 * @param dbIdentifier      the RDS instance hosts look up at boot
 * @param dbSecretArn       the master secret they read
 * @param backupsBucketArn  where backups go
 * @param dataKeyArn        decrypts the secret and the bucket's objects
 * @param tagging           tags
 */
public record AppHostsProps(String namePrefix, String region, String partition, AppConfig settings,
                            List<String> subnetIds, boolean publicHost, String securityGroupId,
                            List<String> targetGroupArns, String cloudInit, String dbIdentifier, String dbSecretArn,
                            String backupsBucketArn, String dataKeyArn, Tagging tagging) {

    public AppHostsProps {
        Objects.requireNonNull(namePrefix);
        Objects.requireNonNull(settings);
        Objects.requireNonNull(cloudInit);
        subnetIds = List.copyOf(subnetIds);
        targetGroupArns = List.copyOf(targetGroupArns);
    }
}
