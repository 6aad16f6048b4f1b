package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-010: what a read replica may not set. */
public final class RdsReplicaArguments extends AwsRule {
    private static final List<String> SOURCE_ONLY = List.of("username", "password", "db_name",
            "manage_master_user_password", "master_user_secret_kms_key_id", "snapshot_identifier",
            "restore_to_point_in_time");

    public RdsReplicaArguments() {
        super("AWS-RDS-010", List.of("aws_db_instance"), "A read replica (replicate_source_db) sets none of the"
                + " source's own settings: master username and password, managed master password, database name,"
                + " snapshot or point-in-time restore",
                "InvalidParameterCombination: a read replica inherits these from its source (CreateDBInstanceReadReplica"
                        + " takes no MasterUsername, MasterUserPassword, DBName or ManageMasterUserPassword)",
                "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html",
                "Drop the argument from the replica in constructs.Database (it comes from the source).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        if (b.path("replicate_source_db").isMissingNode()) {
            return List.of();
        }
        return SOURCE_ONLY.stream().filter(f -> !b.path(f).isMissingNode() && !b.path(f).isNull())
                .map(f -> "the read replica sets " + f).toList();
    }
}
