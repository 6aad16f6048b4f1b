package io.opsstack.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsstack.config.AppConfig;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.constructs.Database;
import io.opsstack.constructs.UserData;
import io.opsstack.synth.SynthFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DrillContext over a small model of AWS that answers the calls the drills make, as AWS would (a protected
 * instance is not deleted, a snapshot name is not taken twice, a replica whose source is deleted is promoted), and
 * records every call. A deploy applies the scratch environment file's settings to the stacks it names; the plan is
 * empty when every stack was deployed with the file's current settings. Knobs make the API answer wrongly.
 */
final class FakeDrillContext implements DrillContext {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "123456789012";

    final String env;
    final Path project;
    EnvironmentConfig config;
    final List<String> calls = new ArrayList<>();
    final List<String> records = new ArrayList<>();

    // knobs: wrong answers
    boolean groupDoesNotReplaceLostHosts;
    boolean userDataKeepsFirstTag;
    boolean groupIgnoresCapacity;
    boolean secretKeepsVersion;

    // the model
    int ltVersion = 1;
    String firstUserData;
    String userData;
    int desired;
    int max;
    final List<String> instances = new ArrayList<>();
    final java.util.Set<String> terminated = new java.util.HashSet<>();
    String refresh;
    int nextId = 1;
    final Map<String, Map<String, Object>> dbs = new LinkedHashMap<>(); // "region/id" -> attributes
    final Map<String, String> snapshots = new LinkedHashMap<>(); // id -> source instance
    final Map<String, String> snapshotTypes = new HashMap<>();
    String secretVersion = "v1";
    String lastSsm = "";
    final Map<String, String> deployed = new HashMap<>(); // stack -> signature at its last deploy

    FakeDrillContext(String env) throws Exception {
        this.env = env;
        this.project = Files.createTempDirectory("drill-fake-");
        Files.createDirectories(project.resolve("environments"));
        Files.copy(SynthFixture.HOME.resolve("environments/" + env + ".yaml"),
                project.resolve("environments/" + env + ".yaml"));
        this.config = load();
        // The environment as the rehearsal deployed it.
        config.app().ifPresent(a -> {
            desired = a.mode() == AppConfig.Mode.ASG ? a.desiredCapacity() : 1;
            max = a.maxSize();
            userData = userData(a);
            firstUserData = userData;
            for (int i = 0; i < desired; i++) {
                instances.add(newInstance());
            }
        });
        if (!config.database().sqlite()) {
            dbs.put(config.region() + "/" + env + "-postgres", db(config.database().deletionProtection(), null, null));
            if (standby()) {
                dbs.put(config.dr().get().region() + "/" + env + "-dr-postgres", db(config.database().deletionProtection(),
                        "arn:aws:rds:" + config.region() + ":" + ACCOUNT + ":db:" + env + "-postgres", null));
            }
        }
        for (String s : stacks()) {
            deployed.put(s, signature(s));
        }
    }

    boolean standby() {
        return config.dr().map(d -> d.mode() == io.opsstack.config.DrConfig.Mode.WARM_STANDBY).orElse(false);
    }

    EnvironmentConfig load() throws Exception {
        return new ConfigLoader(project).load(List.of(env)).get(0);
    }

    List<String> stacks() {
        return io.opsstack.stacks.StackPlan.of(config).stream().map(io.opsstack.stacks.StackPlan.PlannedStack::id)
                .toList();
    }

    Map<String, Object> db(boolean protection, String replicaSource, String fromSnapshot) {
        Map<String, Object> m = new HashMap<>();
        m.put("dbi", "db-" + (nextId++));
        m.put("protection", protection);
        m.put("source", replicaSource);
        m.put("from", fromSnapshot);
        return m;
    }

    String newInstance() {
        return "i-" + String.format("%04d", nextId++);
    }

    static String userData(AppConfig a) {
        return UserData.gzipBase64("services:\n  app:\n    image: " + a.image() + ":" + a.tag() + "\n    deploy:\n"
                + "      replicas: " + a.replicasPerHost() + "\n  migrate:\n    image: " + a.image() + ":" + a.tag() + "\n");
    }

    /** What a stack's plan compares: the settings of the file it was deployed with. */
    String signature(String stack) {
        EnvironmentConfig c = config;
        if (stack.endsWith("-dr-app") || stack.endsWith("-app")) {
            return c.app().map(a -> a.tag() + "/" + a.replicasPerHost() + (stack.endsWith("-dr-app") ? ""
                    : "/" + a.desiredCapacity() + "/" + a.maxSize())).orElse("") + "/" + (stack.endsWith("-dr-app") ? ""
                    : String.valueOf(config.app().isPresent() && config.app().get().mode() == AppConfig.Mode.SINGLE
                    && instances.isEmpty()));
        }
        if (stack.endsWith("-dr-data")) {
            return c.database().deletionProtection() + "/" + dbs.containsKey(c.dr().get().region() + "/" + env
                    + "-dr-postgres");
        }
        if (stack.endsWith("-data")) {
            return c.database().deletionProtection() + "/" + c.database().restoreFromSnapshot().orElse("");
        }
        return "";
    }

    @Override
    public String environment() {
        return env;
    }

    @Override
    public EnvironmentConfig config() {
        return config;
    }

    @Override
    public Path project() {
        return project;
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:1";
    }

    @Override
    public List<String> synth(String label) throws Exception {
        calls.add("synth");
        config = load();
        return List.of();
    }

    @Override
    public void cdktf(String label, List<String> args) throws Exception {
        calls.add("cdktf " + String.join(" ", args));
        if (!args.get(0).equals("deploy")) {
            throw new IllegalArgumentException(args.toString());
        }
        for (String a : args.subList(1, args.size())) {
            if (a.startsWith("-") || a.matches("[0-9]+")) {
                continue;
            }
            deploy(a);
            deployed.put(a, signature(a));
        }
    }

    private void deploy(String stack) throws Exception {
        String region = config.region();
        if (stack.equals(env + "-app")) {
            AppConfig a = config.app().orElseThrow();
            String ud = userData(a);
            boolean newVersion = !ud.equals(userData);
            if (newVersion) {
                ltVersion++;
                userData = userDataKeepsFirstTag ? firstUserData : ud;
            }
            if (a.mode() == AppConfig.Mode.ASG) {
                if (!groupIgnoresCapacity) {
                    desired = a.desiredCapacity();
                    max = a.maxSize();
                }
                if (newVersion) {
                    refresh = "Successful";
                    terminated.addAll(instances);
                    instances.clear();
                }
                while (instances.size() < desired) {
                    instances.add(newInstance());
                }
                while (instances.size() > desired) {
                    terminated.add(instances.remove(0));
                }
            } else if (newVersion || instances.isEmpty()) {
                terminated.addAll(instances);
                instances.clear();
                instances.add(newInstance());
            }
        } else if (stack.equals(env + "-data")) {
            String key = region + "/" + env + "-postgres";
            Map<String, Object> db = dbs.get(key);
            String want = config.database().restoreFromSnapshot().orElse(null);
            if (!Objects.equals(want, db.get("from"))) {
                if ((Boolean) db.get("protection")) {
                    throw new Exception("InvalidParameterCombination: Cannot delete protected DB Instance, please"
                            + " disable deletion protection and try again.");
                }
                String fin = Database.finalSnapshotName(env + "-postgres", (String) db.get("from"));
                if (snapshots.containsKey(fin)) {
                    throw new Exception("DBSnapshotAlreadyExists: Cannot create the snapshot because a snapshot with"
                            + " the identifier " + fin + " already exists.");
                }
                if (want != null && !snapshots.containsKey(want)) {
                    throw new Exception("DBSnapshotNotFound: " + want);
                }
                snapshots.put(fin, env + "-postgres");
                snapshotTypes.put(fin, "manual");
                // AWS promotes a cross-region replica whose source is deleted.
                dbs.values().stream().filter(d -> d.get("source") != null).forEach(d -> d.put("source", null));
                dbs.put(key, db(config.database().deletionProtection(), null, want));
                if (!secretKeepsVersion) {
                    secretVersion = "v" + (nextId++);
                }
            }
            dbs.get(key).put("protection", config.database().deletionProtection());
        } else if (stack.equals(env + "-dr-data") && standby()) {
            String key = config.dr().get().region() + "/" + env + "-dr-postgres";
            Map<String, Object> dr = dbs.get(key);
            if (dr == null) {
                dbs.put(key, db(config.database().deletionProtection(), "arn:aws:rds:" + region + ":" + ACCOUNT + ":db:"
                        + env + "-postgres", null));
            } else if (dr.get("source") == null) {
                throw new Exception("Error: cannot elect new source database for replication");
            } else {
                dr.put("protection", config.database().deletionProtection());
            }
        }
    }

    static String opt(List<String> args, String name) {
        int i = args.indexOf(name);
        return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
    }

    @Override
    public String aws(String label, List<String> args) throws Exception {
        calls.add("aws " + String.join(" ", args));
        String op = args.get(0) + " " + args.get(1);
        String region = Objects.requireNonNullElse(opt(args, "--region"), config.region());
        String query = Objects.requireNonNullElse(opt(args, "--query"), "");
        switch (op) {
            case "ec2 describe-launch-templates":
                return String.valueOf(ltVersion);
            case "ec2 describe-launch-template-versions":
                return JSON.writeValueAsString(userData);
            case "autoscaling describe-instance-refreshes":
                return refresh == null ? "null" : JSON.writeValueAsString(refresh);
            case "autoscaling describe-auto-scaling-groups": {
                ObjectNode g = JSON.createObjectNode().put("desired", desired).put("max", max);
                ArrayNode ids = g.putArray("instances");
                instances.forEach(ids::add);
                return g.toString();
            }
            case "ec2 describe-instances": {
                String id = opt(args, "--instance-ids");
                if (id != null) {
                    return JSON.writeValueAsString(terminated.contains(id) ? "terminated" : "running");
                }
                return JSON.writeValueAsString(instances);
            }
            case "ec2 terminate-instances": {
                String id = opt(args, "--instance-ids");
                if (!instances.remove(id)) {
                    throw new Exception("InvalidInstanceID.NotFound: " + id);
                }
                terminated.add(id);
                if (config.app().get().mode() == AppConfig.Mode.ASG && !groupDoesNotReplaceLostHosts) {
                    instances.add(newInstance());
                }
                return "{}";
            }
            case "rds create-db-snapshot": {
                String id = opt(args, "--db-snapshot-identifier");
                if (snapshots.containsKey(id)) {
                    throw new Exception("DBSnapshotAlreadyExists: " + id);
                }
                snapshots.put(id, opt(args, "--db-instance-identifier"));
                snapshotTypes.put(id, "manual");
                return "{}";
            }
            case "rds wait":
                return "";
            case "rds describe-db-snapshots": {
                String id = opt(args, "--db-snapshot-identifier");
                if (id != null) {
                    if (!snapshots.containsKey(id)) {
                        throw new Exception("DBSnapshotNotFound: " + id);
                    }
                    ArrayNode a = JSON.createArrayNode().add("available").add(snapshots.get(id));
                    if (query.contains("SnapshotType")) {
                        a.add(snapshotTypes.get(id));
                    }
                    return a.toString();
                }
                String of = opt(args, "--db-instance-identifier");
                List<String> ids = snapshots.entrySet().stream().filter(e -> e.getValue().equals(of))
                        .map(Map.Entry::getKey).toList();
                return "table".equals(opt(args, "--output")) ? String.join("\n", ids) : JSON.writeValueAsString(ids);
            }
            case "rds describe-db-instances": {
                String id = opt(args, "--db-instance-identifier");
                if (id == null) {
                    return JSON.writeValueAsString(dbs.keySet().stream().filter(k -> k.startsWith(region + "/"))
                            .map(k -> k.substring(region.length() + 1)).toList());
                }
                Map<String, Object> db = dbs.get(region + "/" + id);
                if (db == null) {
                    throw new Exception("DBInstanceNotFound: " + id);
                }
                if (query.contains("LatestRestorableTime")) {
                    return "\"2026-12-04T21:00:00+00:00\"";
                }
                ObjectNode o = JSON.createObjectNode().put("DbiResourceId", (String) db.get("dbi"))
                        .put("DBInstanceStatus", "available").put("DeletionProtection", (Boolean) db.get("protection"));
                o.putObject("Endpoint").put("Address", id + ".abc." + region + ".rds.amazonaws.com");
                if (db.get("source") != null) {
                    o.put("ReadReplicaSourceDBInstanceIdentifier", (String) db.get("source"));
                }
                return o.toString();
            }
            case "rds delete-db-instance": {
                String key = region + "/" + opt(args, "--db-instance-identifier");
                Map<String, Object> db = dbs.get(key);
                if (db == null) {
                    throw new Exception("DBInstanceNotFound");
                }
                if ((Boolean) db.get("protection")) {
                    throw new Exception("InvalidParameterCombination: Cannot delete protected DB Instance, please"
                            + " disable deletion protection and try again.");
                }
                dbs.remove(key);
                return "{}";
            }
            case "rds restore-db-instance-to-point-in-time": {
                String target = opt(args, "--target-db-instance-identifier");
                dbs.put(region + "/" + target, db(!args.contains("--no-deletion-protection"), null, null));
                calls.add("restore-time " + opt(args, "--restore-time"));
                return "{}";
            }
            case "secretsmanager describe-secret": {
                ObjectNode o = JSON.createObjectNode().put("ARN", arn());
                o.putObject("VersionIdsToStages").putArray(secretVersion).add("AWSCURRENT");
                return o.toString();
            }
            case "iam get-role-policy":
                return "{\"Statement\": [{\"Resource\": \"" + arn() + "\"}]}";
            case "ssm send-command":
                lastSsm = opt(args, "--parameters");
                return "{}";
            case "ssm list-commands":
                return JSON.writeValueAsString(lastSsm.replaceAll("^commands=\\[\"|\"\\]$", ""));
            default:
                throw new Exception("fake AWS does not know " + op);
        }
    }

    String arn() {
        return "arn:aws:secretsmanager:" + config.region() + ":" + ACCOUNT + ":secret:opsstack/" + env
                + "/database/master-AbCdEf";
    }

    @Override
    public boolean converged(String label) {
        calls.add("converged");
        for (String s : stacks()) {
            if (!Objects.equals(deployed.get(s), signature(s))) {
                records.add("not converged: " + s + " " + deployed.get(s) + " != " + signature(s));
                return false;
            }
        }
        return true;
    }

    @Override
    public JsonNode stateResources(String stackId) {
        ArrayNode out = JSON.createArrayNode();
        if (stackId.equals(env + "-app")) {
            out.addObject().put("mode", "managed").put("type", "aws_launch_template").putObject("values")
                    .put("name", env + "-app");
            if (config.app().get().mode() == AppConfig.Mode.ASG) {
                out.addObject().put("mode", "managed").put("type", "aws_autoscaling_group").putObject("values")
                        .put("name", env + "-app");
            }
            out.addObject().put("mode", "managed").put("type", "aws_iam_role_policy").putObject("values")
                    .put("role", env + "-app-host").put("name", env + "-app-host");
        }
        if (stackId.equals(env + "-data")) {
            Object from = dbs.get(config.region() + "/" + env + "-postgres").get("from");
            ObjectNode v = out.addObject().put("mode", "managed").put("type", "aws_db_instance").putObject("values");
            if (from != null) {
                v.put("snapshot_identifier", (String) from);
            }
        }
        return out;
    }

    @Override
    public void record(String stack, String step, long startNanos, boolean ok, String detail) {
        records.add((ok ? "ok " : "FAILED ") + step + ": " + detail);
    }

    /** The cdktf calls, as the fake received them. */
    List<String> cdktfCalls() {
        return calls.stream().filter(c -> c.startsWith("cdktf ")).toList();
    }
}
