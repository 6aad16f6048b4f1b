package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-ELB-005: a listener certificate is in the load balancer region. */
public final class ListenerCertificateRegion extends AwsRule {

    public ListenerCertificateRegion() {
        super("AWS-ELB-005", List.of("aws_lb_listener"), "An HTTPS listener certificate is an ACM certificate in the"
                + " load balancer region",
                "CertificateNotFound: Certificate <arn> not found",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html",
                "Request or import the certificate in the region of the load balancer (app.certificateArn,"
                        + " dr.certificateArn).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String arn = literal(b, "certificate_arn");
        String region = Refs.region(s, r);
        if (arn == null || region == null || !arn.startsWith("arn:")) {
            return List.of();
        }
        String[] parts = arn.split(":");
        return parts.length > 3 && !parts[3].equals(region) ? List.of("certificate " + arn + " is in " + parts[3]
                + ", the load balancer in " + region) : List.of();
    }
}
