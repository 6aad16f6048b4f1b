package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;

/** AWS-ASG-001: Auto Scaling group sizes. */
public final class AsgCapacity extends AwsRule {

    public AsgCapacity() {
        super("AWS-ASG-001", List.of("aws_autoscaling_group"), "An Auto Scaling group has min_size <= desired_capacity"
                + " <= max_size and a name of 1-255 characters",
                "ValidationError: Desired capacity:<n> must be between the specified min size:<min> and max"
                        + " size:<max>",
                "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html",
                "Fix app.minSize, app.desiredCapacity, app.maxSize (validate checks them).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        Integer min = number(b, "min_size");
        Integer max = number(b, "max_size");
        Integer desired = number(b, "desired_capacity");
        String n = literal(b, "name");
        List<String> out = new ArrayList<>();
        if (min != null && max != null && min > max) {
            out.add("min_size " + min + " is above max_size " + max);
        } else if (desired != null && ((min != null && desired < min) || (max != null && desired > max))) {
            out.add("desired_capacity " + desired + " is outside min_size " + min + " .. max_size " + max);
        }
        if (n != null && (n.isEmpty() || n.length() > 255)) {
            out.add("name is " + n.length() + " characters (1..255)");
        }
        return out;
    }
}
