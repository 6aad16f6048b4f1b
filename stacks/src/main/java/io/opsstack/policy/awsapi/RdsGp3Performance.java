package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-009: gp3 IOPS and throughput. */
public final class RdsGp3Performance extends AwsRule {

    public RdsGp3Performance() {
        super("AWS-RDS-009", List.of("aws_db_instance"), "gp3 below 400 GiB (PostgreSQL) takes no iops or"
                + " storage_throughput (its baseline is 3000 IOPS, 125 MiB/s); from 400 GiB, iops is 12000-64000 and"
                + " throughput 500-4000 MiB/s; iops is set only for gp3, io1 or io2",
                "InvalidParameterCombination: You can't specify IOPS or storage throughput for engine postgres and a"
                        + " storage size less than 400.",
                "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage",
                "Remove iops/storage_throughput below 400 GiB, or allocate at least 400 GiB.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String type = b.path("storage_type").asText("gp2");
        Integer size = number(b, "allocated_storage");
        Integer iops = number(b, "iops");
        Integer throughput = number(b, "storage_throughput");
        if (!type.equals("gp3")) {
            return list(iops != null && !type.startsWith("io") ? "iops is set for storage_type " + type : null,
                    throughput != null ? "storage_throughput is set for storage_type " + type : null);
        }
        if (size == null || (iops == null && throughput == null)) {
            return List.of();
        }
        if (size < 400) {
            return List.of("iops/storage_throughput are set on " + size + " GiB of gp3 (below 400 GiB)");
        }
        return list(iops != null && (iops < 12000 || iops > 64000) ? "iops " + iops + " is outside 12000..64000"
                        : null, throughput != null && (throughput < 500 || throughput > 4000) ? "storage_throughput "
                        + throughput + " is outside 500..4000" : null);
    }
}
