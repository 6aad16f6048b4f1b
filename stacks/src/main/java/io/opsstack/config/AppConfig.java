package io.opsstack.config;

import java.util.List;
import java.util.Optional;

/**
 * The service and its hosts (the {@code app} section). The app tier's stack uses the host settings; the runtime
 * configs use image, tag, replicas and resources.
 *
 * @param image                     container image without tag, e.g. ghcr.io/acme/fastapi-app
 * @param tag                       image tag; rolling back = setting the previous tag and deploying
 * @param mode                      single (one host, no load balancer) or asg (hosts behind an ALB)
 * @param instanceType              EC2 instance type of the hosts
 * @param minSize                   Auto Scaling group minimum (asg)
 * @param maxSize                   Auto Scaling group maximum (asg)
 * @param desiredCapacity           Auto Scaling group desired count (asg)
 * @param replicasPerHost           app containers per host (compose deploy.replicas)
 * @param cpus                      CPU limit per app container, as a decimal string
 * @param memoryMb                  memory limit per app container
 * @param rootVolumeGb              root volume size of each host
 * @param certificateArn            ACM certificate for HTTPS on the load balancer
 * @param allowedCidrs              who may reach the load balancer (or the single host)
 * @param sshCidrs                  who may reach port 22; empty = none (shell access is SSM)
 * @param containersUseInstanceRole raise the IMDSv2 hop limit to 2 so containers can use the host's role
 * @param ami                       a fixed AMI id; empty = the latest Amazon Linux 2023 from AWS's public SSM
 *                                  parameter
 * @param logRetentionDays          retention of the containers' CloudWatch log group
 */
public record AppConfig(String image, String tag, Mode mode, String instanceType, int minSize, int maxSize,
                        int desiredCapacity, int replicasPerHost, String cpus, int memoryMb, int rootVolumeGb,
                        Optional<String> certificateArn, List<String> allowedCidrs, List<String> sshCidrs,
                        boolean containersUseInstanceRole, Optional<String> ami, int logRetentionDays) {

    public AppConfig {
        allowedCidrs = List.copyOf(allowedCidrs);
        sshCidrs = List.copyOf(sshCidrs);
    }

    /** How the hosts are run. */
    public enum Mode {
        SINGLE, ASG;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Graviton instance families (t4g, m7g, c6gn...) run arm64 images and AMIs. */
    public boolean arm64() {
        return instanceType.matches("[a-z]+[0-9]+[a-z]*g[a-z]*\\..*");
    }

    /** The same settings with other Auto Scaling sizes (the DR region's standby capacity). */
    public AppConfig withCapacity(int min, int max, int desired) {
        return new AppConfig(image, tag, mode, instanceType, min, max, desired, replicasPerHost, cpus, memoryMb,
                rootVolumeGb, certificateArn, allowedCidrs, sshCidrs, containersUseInstanceRole, ami, logRetentionDays);
    }

    /** The same settings with another load balancer certificate (the DR region's own). */
    public AppConfig withCertificate(Optional<String> certificate) {
        return new AppConfig(image, tag, mode, instanceType, minSize, maxSize, desiredCapacity, replicasPerHost, cpus,
                memoryMb, rootVolumeGb, certificate, allowedCidrs, sshCidrs, containersUseInstanceRole, ami,
                logRetentionDays);
    }

    /** image:tag. */
    public String imageRef() {
        return image + ":" + tag;
    }
}
