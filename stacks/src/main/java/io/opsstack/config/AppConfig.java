package io.opsstack.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * @param deletionProtection        the API refuses to delete the load balancer (asg)
 * @param allowedCidrs              who may reach the load balancer (or the single host)
 * @param sshCidrs                  who may reach port 22; empty = none (shell access is SSM)
 * @param containersUseInstanceRole raise the IMDSv2 hop limit to 2 so containers can use the host's role
 * @param ami                       a fixed AMI id; empty = the latest Amazon Linux 2023 from AWS's public SSM
 *                                  parameter
 * @param logRetentionDays          retention of the containers' CloudWatch log group
 */
public record AppConfig(String image, String tag, Mode mode, String instanceType, int minSize, int maxSize,
                        int desiredCapacity, int replicasPerHost, String cpus, int memoryMb, int rootVolumeGb,
                        Optional<String> certificateArn, boolean deletionProtection, List<String> allowedCidrs,
                        List<String> sshCidrs, boolean containersUseInstanceRole, Optional<String> ami,
                        int logRetentionDays) {

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
                rootVolumeGb, certificateArn, deletionProtection, allowedCidrs, sshCidrs, containersUseInstanceRole, ami,
                logRetentionDays);
    }

    /** The same settings with another load balancer certificate (the DR region's own). */
    public AppConfig withCertificate(Optional<String> certificate) {
        return new AppConfig(image, tag, mode, instanceType, minSize, maxSize, desiredCapacity, replicasPerHost, cpus,
                memoryMb, rootVolumeGb, certificate, deletionProtection, allowedCidrs, sshCidrs,
                containersUseInstanceRole, ami, logRetentionDays);
    }

    /** image:tag. */
    public String imageRef() {
        return image + ":" + tag;
    }

    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    static final Pattern CERTIFICATE_ARN = Pattern.compile(
            "arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+");
    private static final Pattern CPUS = Pattern.compile("(0\\.[0-9]{1,2}|[1-9][0-9]?(\\.[0-9]{1,2})?)");
    private static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");

    /** The {@code app} section: binding and checks; empty when the file has none. */
    static Optional<AppConfig> bind(YamlMap top, String env, List<Suppression> suppressions) {
        Optional<YamlMap> section = top.map("app");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMap a = section.get();
        String image = a.requiredString("image", "ghcr.io/acme/fastapi-app").isPresent()
                ? a.matching("image", "", ConfigLoader.IMAGE, "a container image name without tag (e.g. ghcr.io/acme/fastapi-app)")
                : "";
        String tag = a.requiredString("tag", "\"1.4.2\"").isPresent()
                ? a.matching("tag", "", ConfigLoader.IMAGE_TAG, "a valid image tag") : "";
        if (tag.equals("latest")) {
            a.report("tag", "\"latest\" is not allowed: rolling back means setting the previous tag, so tags must name"
                    + " one build (e.g. \"1.4.2\" or a commit SHA)");
        }
        String modeText = a.string("mode", Defaults.APP_MODE);
        AppConfig.Mode mode = AppConfig.Mode.SINGLE;
        List<String> modes = Arrays.stream(AppConfig.Mode.values()).map(AppConfig.Mode::yamlName).toList();
        if (modes.contains(modeText)) {
            mode = AppConfig.Mode.valueOf(modeText.toUpperCase(Locale.ROOT));
        } else {
            a.report("mode", "\"" + modeText + "\" is not an app mode" + Suggest.didYouMean(modeText, modes)
                    + "; one of single (one host, no load balancer), asg (hosts behind a load balancer)");
        }
        String instanceType = a.matching("instanceType", Defaults.APP_INSTANCE_TYPE, INSTANCE_TYPE,
                "an EC2 instance type (e.g. t3.medium)");
        int min = a.integer("minSize", Defaults.APP_MIN_SIZE);
        int max = a.integer("maxSize", Defaults.APP_MAX_SIZE);
        int desired = a.integer("desiredCapacity", Defaults.APP_DESIRED_CAPACITY);
        if (min < 0 || max < 1 || max > 100) {
            a.report(min < 0 ? "minSize" : "maxSize", "sizes must satisfy 0 <= minSize and 1 <= maxSize <= 100");
        } else if (min > max) {
            a.report("minSize", "minSize " + min + " is greater than maxSize " + max);
        } else if (desired < min || desired > max) {
            a.report("desiredCapacity", "desiredCapacity " + desired + " is outside [minSize, maxSize] = [" + min
                    + ", " + max + "]");
        }
        int replicas = a.integer("replicasPerHost", Defaults.APP_REPLICAS_PER_HOST);
        if (replicas < 1 || replicas > 32) {
            a.report("replicasPerHost", replicas + " is outside 1..32");
        }
        String cpus = Defaults.APP_CPUS;
        int memoryMb = Defaults.APP_MEMORY_MB;
        Optional<YamlMap> resources = a.map("resources");
        if (resources.isPresent()) {
            YamlMap r = resources.get();
            cpus = r.matching("cpus", Defaults.APP_CPUS, CPUS, "a CPU limit (a decimal string such as \"0.5\" or"
                    + " \"1.0\")");
            memoryMb = r.integer("memoryMb", Defaults.APP_MEMORY_MB);
            if (memoryMb < 64 || memoryMb > 262144) {
                r.report("memoryMb", memoryMb + " is outside 64..262144");
            }
            r.finish();
        } else {
            a.emptyChild("resources").integer("memoryMb", memoryMb);
            a.emptyChild("resources").string("cpus", cpus);
        }
        int rootVolumeGb = a.integer("rootVolumeGb", Defaults.APP_ROOT_VOLUME_GB);
        if (rootVolumeGb < 8 || rootVolumeGb > 16384) {
            a.report("rootVolumeGb", rootVolumeGb + " is outside 8..16384");
        }
        Optional<String> certificate = Optional.ofNullable(a.matching("certificateArn", null, CERTIFICATE_ARN,
                "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)"));
        // AWS-ELB-005: ACM certificates are regional; a load balancer can only use one of its own region (AWS answers
        // CertificateNotFound at apply time, moto does not check).
        Optional<String> region = top.string("region");
        if (certificate.isPresent() && CERTIFICATE_ARN.matcher(certificate.get()).matches() && region.isPresent()
                && !certificate.get().split(":")[3].equals(region.get())) {
            a.report("certificateArn", "the certificate is in " + certificate.get().split(":")[3] + "; the load"
                    + " balancer in " + region.get() + " can only use an ACM certificate of " + region.get()
                    + " (request or import one there)");
        }
        // Production requires it through the synth gate (OPS-ALB-003), which also covers the DR region's copy.
        boolean deletionProtection = a.bool("deletionProtection", Defaults.APP_DELETION_PROTECTION);
        List<String> allowed = a.stringList("allowedCidrs", Defaults.APP_ALLOWED_CIDRS, ConfigLoader::checkCidr);
        List<String> ssh = a.stringList("sshCidrs", Defaults.APP_SSH_CIDRS, ConfigLoader::checkCidr);
        // OPS-SG-002 holds in every environment: refuse here what synth's policy check would refuse anyway.
        if (ssh.contains("0.0.0.0/0") && suppressions.stream().noneMatch(s -> s.rule().equals("OPS-SG-002"))) {
            a.report("sshCidrs", "SSH open to the world (0.0.0.0/0) is not allowed" + (Guardrails.isProduction(env)
                    ? " in production" : "") + " (OPS-SG-002); use SSM Session Manager (aws ssm start-session) or"
                    + " list your bastion's CIDR");
        }
        boolean containersUseRole = a.bool("containersUseInstanceRole", Defaults.APP_CONTAINERS_USE_INSTANCE_ROLE);
        Optional<String> ami = Optional.ofNullable(a.matching("ami", null, AMI, "an AMI id (ami-0123456789abcdef0)"));
        int logRetention = a.integer("logRetentionDays", Defaults.APP_LOG_RETENTION_DAYS);
        ConfigLoader.checkRetention(a, "logRetentionDays", logRetention);
        a.finish();
        return Optional.of(new AppConfig(image, tag, mode, instanceType, min, max, desired, replicas, cpus, memoryMb,
                rootVolumeGb, certificate, deletionProtection, allowed, ssh, containersUseRole, ami, logRetention));
    }
}
