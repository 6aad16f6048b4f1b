package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;

/** AWS-EC2-005: gp3 EBS volume size, IOPS and throughput. */
public final class EbsVolumeLimits extends AwsRule {

    public EbsVolumeLimits() {
        super("AWS-EC2-005", List.of("aws_ebs_volume", "aws_launch_template"), "A gp3 EBS volume is 1-16384 GiB"
                + " with 3000-16000 IOPS (at most 500 per GiB) and 125-1000 MiB/s",
                "InvalidParameterValue: Volume of <n>GiB is too large for volume type gp3; maximum is 16384GiB",
                "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html",
                "Fix the volume size (app.rootVolumeGb, database.volumeGb) or its IOPS and throughput.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        List<JsonNode> volumes = new ArrayList<>();
        if (r.type().equals("aws_ebs_volume")) {
            volumes.add(b);
        } else {
            b.path("block_device_mappings").forEach(m -> volumes.add(m.path("ebs")));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : volumes) {
            String type = r.type().equals("aws_ebs_volume") ? v.path("type").asText("gp2")
                    : v.path("volume_type").asText("");
            if (!type.equals("gp3")) {
                continue;
            }
            Integer size = number(v, r.type().equals("aws_ebs_volume") ? "size" : "volume_size");
            Integer iops = number(v, "iops");
            Integer throughput = number(v, "throughput");
            out.addAll(list(size != null && (size < 1 || size > 16384) ? "gp3 size " + size + " GiB is outside"
                            + " 1..16384" : null,
                    iops != null && (iops < 3000 || iops > 16000 || (size != null && iops > 500L * size))
                            ? "gp3 iops " + iops + " is outside 3000..16000 (or above 500 per GiB)" : null,
                    throughput != null && (throughput < 125 || throughput > 1000) ? "gp3 throughput " + throughput
                            + " is outside 125..1000" : null));
        }
        return out;
    }
}
