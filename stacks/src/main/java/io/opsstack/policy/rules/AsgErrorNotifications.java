package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

import java.util.List;

/** OPS-ASG-001: every Auto Scaling group notifies an SNS topic when a host fails to launch or to terminate. */
public final class AsgErrorNotifications extends ResourceRule {

    static final List<String> REQUIRED = List.of("autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
            "autoscaling:EC2_INSTANCE_TERMINATE_ERROR");

    public AsgErrorNotifications() {
        super("OPS-ASG-001", Severity.ERROR, "aws_autoscaling_group",
                "Every Auto Scaling group notifies the alerts topic when a host fails to launch or to terminate",
                "A group that cannot launch (capacity, a broken AMI, a quota) or terminate runs short or stuck, and"
                        + " no alarm on the service's metrics says why.",
                "Keep the alarms construct's aws_autoscaling_notification (EC2_INSTANCE_LAUNCH_ERROR and"
                        + " EC2_INSTANCE_TERMINATE_ERROR to the alerts topic).");
    }

    @Override
    protected boolean complies(JsonNode b, Resource asg, Synthesized s) {
        return s.resources("aws_autoscaling_notification").stream()
                .filter(n -> n.stack().equals(asg.stack()) && !n.body().path("topic_arn").asText().isEmpty())
                .filter(n -> n.body().path("group_names").toString().contains("\"" + asg.ref("name") + "\""))
                .anyMatch(n -> REQUIRED.stream().allMatch(t -> n.body().path("notifications").toString()
                        .contains("\"" + t + "\"")));
    }

    @Override
    protected String problem(Resource asg, Synthesized s) {
        return "Auto Scaling group " + asg.path() + " sends no launch-error and terminate-error notifications to an"
                + " SNS topic: a host that cannot start goes unreported";
    }

    @Override
    public String violation() {
        return "the Auto Scaling group sends no launch-error and terminate-error notifications";
    }
}
