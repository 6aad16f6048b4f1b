package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-ALB-002: where a load balancer has HTTPS, its HTTP listener redirects to it. */
public final class HttpsWhenCertificate extends ResourceRule {

    public HttpsWhenCertificate() {
        super("OPS-ALB-002", Severity.ERROR, "aws_lb_listener",
                "Where a load balancer has an HTTPS listener, HTTP only redirects to it",
                "Serving the same app on HTTP beside HTTPS invites clients to stay on the clear-text one.",
                "Set app.certificateArn (opsstack then redirects HTTP), or suppress for a plain-HTTP endpoint.");
    }

    @Override
    protected boolean applies(Resource r) {
        return r.body().path("port").asInt() == 80;
    }

    @Override
    protected boolean complies(JsonNode b, Resource http, Synthesized s) {
        boolean https = s.resources("aws_lb_listener").stream().anyMatch(l -> l.stack().equals(http.stack())
                && l.body().path("protocol").asText().equals("HTTPS")
                && l.body().path("load_balancer_arn").asText().equals(b.path("load_balancer_arn").asText()));
        return !https || b.at("/default_action/0/type").asText().equals("redirect");
    }

    @Override
    public String violation() {
        return "an HTTP listener serves traffic beside HTTPS instead of redirecting to it";
    }
}
