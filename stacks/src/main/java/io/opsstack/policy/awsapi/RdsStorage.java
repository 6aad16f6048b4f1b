package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-008: allocated storage and the autoscaling ceiling. */
public final class RdsStorage extends AwsRule {

    public RdsStorage() {
        super("AWS-RDS-008", List.of("aws_db_instance"), "gp3/gp2 storage for PostgreSQL is 20-65536 GiB, and"
                + " max_allocated_storage, when set, is at least 10 percent above allocated_storage",
                "InvalidParameterCombination: The maximum allocated storage must be increased by at least 10 percent.",
                "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html",
                "Set database.maxAllocatedStorageGb at least 10 % above allocatedStorageGb (validate checks it).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        Integer allocated = number(b, "allocated_storage");
        Integer max = number(b, "max_allocated_storage");
        String type = b.path("storage_type").asText("gp2");
        boolean ssd = type.equals("gp2") || type.equals("gp3");
        return list(allocated != null && ssd && (allocated < 20 || allocated > 65536) ? "allocated_storage "
                        + allocated + " GiB is outside 20..65536 for " + type : null,
                allocated != null && max != null && max != 0 && max * 10L < allocated * 11L ? "max_allocated_storage "
                        + max + " is less than 10 percent above allocated_storage " + allocated : null);
    }
}
