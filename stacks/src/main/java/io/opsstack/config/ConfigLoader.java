package io.opsstack.config;

import io.opsstack.net.Ipv4Cidr;
import io.opsstack.net.NatMode;
import io.opsstack.net.SubnetLayout;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The one way environment files become {@link EnvironmentConfig}s: YAML through snakeyaml's SafeConstructor
 * settings (composed to nodes so every value keeps its line and column), bound, then checked; every problem of
 * every file is collected and thrown together as one {@link ConfigException}.
 */
public final class ConfigLoader {

    public static final String ENVIRONMENTS_DIR = "environments";
    public static final String EXTENSION = ".yaml";


    /** Bounds on what is read and composed, checked before binding: no input can run the JVM out of memory. */
    static final long MAX_FILE_BYTES = 1 << 20;
    static final int MAX_COLLECTION_ITEMS = 200;
    static final int MAX_NESTING = 20;

    /** CloudWatch Logs' allowed retention values (0 = never expire is refused: logs must age out). */
    static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    /** The one environment that runs on Docker, and the sections it does not take. */
    public static final String LOCAL = "local";
    static final List<String> NOT_LOCAL = List.of("region", "state", "network", "backups", "alerts", "dns", "dr",
            "suppressions");
    private static final Pattern ENV_NAME = Pattern.compile("[a-z]([a-z0-9-]{0,14}[a-z0-9])?");
    static final Pattern IMAGE = Pattern.compile(
            "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)+|[a-z0-9]+([._-]{1,2}[a-z0-9]+)*");
    static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern PROMETHEUS_DURATION = Pattern.compile("[1-9][0-9]{0,4}[hdwy]");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-zA-Z]{2,}");
    private static final Pattern ZONE_ID = Pattern.compile("Z[0-9A-Z]{1,31}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

    private final Path home;
    private final Set<String> knownPaths = new TreeSet<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    /** @param home the project root; {@code environments/} is read from it and files are shown relative to it */
    public ConfigLoader(Path home) {
        this.home = home;
    }

    /** Every key path the loader has bound so far, list indexes as [] (the docs test reads it). */
    public Set<String> knownPaths() {
        return java.util.Collections.unmodifiableSet(knownPaths);
    }

    /**
     * What the last {@link #load} found worth saying but not wrong (e.g. two environments sharing a VPC block), in
     * file order, formatted as problems; the CLI prints them as warnings.
     */
    public List<ConfigProblem> warnings() {
        return warnings.stream().sorted(ConfigProblem.ORDER).toList();
    }

    /** Names of the environment files in {@code environments/}, sorted. */
    public List<String> environmentNames() throws ConfigException {
        Path dir = home.resolve(ENVIRONMENTS_DIR);
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(List.of(new ConfigProblem(ENVIRONMENTS_DIR, 0, 0, "",
                    "no such directory; create it with one <name>.yaml per environment")));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (file.endsWith(EXTENSION)) {
                    names.add(file.substring(0, file.length() - EXTENSION.length()));
                } else if (file.endsWith(".yml")) {
                    problems.add(new ConfigProblem(display(f), 0, 0, "", "environment files end in .yaml; rename it to "
                            + file.substring(0, file.length() - 4) + EXTENSION));
                }
            }
        } catch (IOException e) {
            problems.add(new ConfigProblem(ENVIRONMENTS_DIR, 0, 0, "", "cannot list: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return names;
    }

    /** Loads the named environments (all of them when {@code names} is empty), reporting every problem at once. */
    public List<EnvironmentConfig> load(List<String> names) throws ConfigException {
        List<String> available = environmentNames();
        List<String> wanted = names.isEmpty() ? available : names.stream().distinct().toList();
        List<ConfigProblem> problems = new ArrayList<>();
        List<EnvironmentConfig> configs = new ArrayList<>();
        VpcBlocks blocks = new VpcBlocks();
        warnings.clear();
        if (wanted.isEmpty()) {
            problems.add(new ConfigProblem(ENVIRONMENTS_DIR, 0, 0, "",
                    "no environment files; add e.g. environments/dev.yaml"));
        }
        for (String name : wanted) {
            Path file = home.resolve(ENVIRONMENTS_DIR).resolve(name + EXTENSION);
            if (!available.contains(name)) {
                // Shown as typed when it looks like a file name (staging.yaml), not as environments/staging.yaml.yaml.
                boolean fileLike = name.contains("/") || name.matches(".*\\.ya?ml");
                problems.add(new ConfigProblem(fileLike ? name : display(file), 0, 0, "", "no such environment"
                        + suggestEnvironment(name, available) + "; known: " + String.join(", ", available)));
                continue;
            }
            readText(file, problems).flatMap(text -> parse(display(file), name, text, problems, blocks))
                    .ifPresent(configs::add);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        // The other environments' blocks count too (synth staging must still say it shares prod's block); a file
        // that does not load is not this run's problem, so it is left out quietly.
        for (String other : available) {
            if (!wanted.contains(other)) {
                Path file = home.resolve(ENVIRONMENTS_DIR).resolve(other + EXTENSION);
                readText(file, new ArrayList<>()).ifPresent(text ->
                        parse(display(file), other, text, new ArrayList<>(), blocks.others()));
            }
        }
        warnings.addAll(blocks.overlaps());
        return configs;
    }

    /**
     * An environment file's text, or a problem: sizes are bounded before anything is read into memory, and bytes
     * that are not UTF-8 are located (file:line:column), not reported as a decoder's "Input length = 1".
     */
    private Optional<String> readText(Path file, List<ConfigProblem> problems) {
        String shown = display(file);
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                problems.add(new ConfigProblem(shown, 0, 0, "", "the file is " + size + " bytes; environment files are"
                        + " at most " + MAX_FILE_BYTES + " (1 MiB; the shipped ones are about 4 KB): is it the right"
                        + " file?"));
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            Optional<String> text = Utf8.decode(bytes, shown, problems);
            // A UTF-8 byte order mark is allowed (some Windows editors write one) and is not content.
            return text.map(t -> t.startsWith("\uFEFF") ? t.substring(1) : t);
        } catch (IOException e) {
            problems.add(new ConfigProblem(shown, 0, 0, "", "cannot read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())));
            return Optional.empty();
        }
    }

    /** "did you mean": a file name or path (staging.yaml, environments/staging.yaml) names its environment. */
    private static String suggestEnvironment(String name, List<String> available) {
        String base = name.substring(name.lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "");
        if (!base.equals(name) && available.contains(base)) {
            return " (did you mean " + base + "? commands take environment names, not files)";
        }
        return Suggest.didYouMean(name, available);
    }

    /** Loads one environment from text (tests use this to point at exact lines). */
    public EnvironmentConfig parse(String displayFile, String expectedName, String text) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<EnvironmentConfig> config = parse(displayFile, expectedName, text, problems, new VpcBlocks());
        if (!problems.isEmpty() || config.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config.get();
    }

    private String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = home.toAbsolutePath().normalize();
        return (absolute.startsWith(root) ? root.relativize(absolute) : absolute).toString();
    }

    private Optional<EnvironmentConfig> parse(String file, String expectedName, String text,
                                              List<ConfigProblem> problems, VpcBlocks blocks) {
        int before = problems.size();
        YamlMap.Source source = new YamlMap.Source(file, problems, knownPaths);
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = yaml().compose(reader);
        } catch (MarkedYAMLException e) {
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            if (e.getContextMark() != null && e.getContext() != null && e.getContext().contains("quoted scalar")) {
                // An unclosed quote is found where the scanner gives up, often lines later (or at the end of the
                // file): point at the quote that opened it, which is where the fix goes.
                Mark found = e.getProblemMark();
                source.report(e.getContextMark(), "", "YAML syntax error: the quoted value that starts here is not"
                        + " closed (" + e.getProblem() + (found == null ? "" : " at line " + (found.getLine() + 1)
                        + ", column " + (found.getColumn() + 1)) + "); close the quote on this line");
                return Optional.empty();
            }
            source.report(e.getProblemMark(), "", "YAML syntax error: " + e.getProblem() + context);
            return Optional.empty();
        } catch (ReaderException e) {
            // A character YAML does not allow (a control character, say): locate it.
            int index = text.offsetByCodePoints(0, Math.min(e.getPosition(), text.codePointCount(0, text.length())));
            source.report(Utf8.markAt(text, index), "", String.format("character U+%04X is not allowed in YAML"
                    + " (a control or non-printable character); remove it", e.getCodePoint()));
            return Optional.empty();
        } catch (YAMLException | IOException e) {
            source.report(null, "", "YAML error: " + e.getMessage());
            return Optional.empty();
        }
        if (root == null) {
            source.report(null, "", "the file is empty; it needs at least `name: " + expectedName
                    + "` and `region:`");
            return Optional.empty();
        }
        checkTags(root, "", source);
        if (!withinBounds(root, "", source, 0)) {
            return Optional.empty();
        }
        if (!(root instanceof MappingNode rootMapping)) {
            source.report(root.getStartMark(), "", "expected a mapping of keys at the top level, found "
                    + YamlMap.describe(root));
            return Optional.empty();
        }
        YamlMap top = new YamlMap(source, "", rootMapping);

        String name = top.requiredString("name", expectedName).orElse(expectedName);
        if (top.value("name").isPresent()) {
            if (!ENV_NAME.matcher(name).matches()) {
                top.report("name", "\"" + name + "\" is not a valid environment name (lowercase letters, digits"
                        + " and hyphens, starting with a letter, at most 16 characters)");
            } else if (!name.equals(expectedName)) {
                top.report("name", "\"" + name + "\" does not match the file name; set `name: " + expectedName
                        + "` or rename the file to " + name + EXTENSION);
            }
        }

        boolean local = expectedName.equals(LOCAL);
        String region;
        if (local) {
            for (String key : NOT_LOCAL) {
                if (top.value(key).isPresent()) {
                    top.report(key, "the local environment runs on your Docker, so it takes no `" + key + "` section;"
                            + " remove it (it takes: name, tags, app, monitoring, docker, frontend, database.engine)");
                }
            }
            region = LOCAL;
        } else {
            region = top.requiredString("region", "us-east-1").orElse("us-east-1");
            if (top.value("region").isPresent()) {
                checkRegion(top, "region", region);
            }
        }

        var tags = Tags.bind(top);
        Optional<StateConfig> state = top.map("state").map(s -> StateConfig.bind(s, region));
        NetworkConfig network = top.map("network").map(n -> bindNetwork(n, region))
                .orElseGet(() -> defaultNetwork(top));
        // Rules follow the file name: it is the environment's identity (stack ids), even when `name` disagrees.
        List<Suppression> suppressions = Suppression.bind(top, expectedName);
        DatabaseConfig database = DatabaseConfig.bind(top, expectedName, suppressions);
        BackupsConfig backups = bindBackups(top);
        Optional<AppConfig> app = AppConfig.bind(top, expectedName, suppressions);
        MonitoringConfig monitoring = bindMonitoring(top);
        AlertsConfig alerts = bindAlerts(top);
        Optional<DnsConfig> dns = bindDns(top);
        Optional<DrConfig> dr = local ? Optional.empty() : bindDr(top, region, network, database, state, app);
        Optional<DockerConfig> docker = bindDocker(top, local);
        Optional<FrontendConfig> frontend = bindFrontend(top, app.isPresent());
        if (database.sqlite() && app.isPresent() && app.get().mode() == AppConfig.Mode.ASG) {
            top.report("database", "engine sqlite needs app.mode: single: SQLite is one file on one host's volume and"
                    + " cannot be shared by hosts behind a load balancer (use postgres for asg)");
        }
        if (database.sqlite() && app.isPresent() && app.get().replicasPerHost() > 1) {
            top.report("database", "engine sqlite needs app.replicasPerHost: 1: SQLite has one writer at a time");
        }
        if (dr.isPresent() && app.isPresent() && app.get().mode() != AppConfig.Mode.ASG) {
            top.report("dr", "the region swap needs app.mode: asg (a load balancer per region for DNS failover)");
        }
        top.finish();

        EnvironmentConfig config = new EnvironmentConfig(name, region, tags, state, network, database, backups, app,
                monitoring, alerts, dns, dr, suppressions, file, false, docker, frontend);
        if (!local) {
            Suppression.checkStacks(top, config);
        }
        AwsLimits.check(top, config);
        if (problems.size() > before) {
            return Optional.empty();
        }
        blocks.add(config, rootMapping);
        return Optional.of(config);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        // Belt and braces behind the file-size check: snakeyaml stops reading, and stops nesting, here too.
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        options.setNestingDepthLimit(MAX_NESTING * 5);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options);
    }

    /**
     * Sizes bounded before binding: a list or mapping with more items than any section needs, or deeper nesting,
     * is reported once, at its place, and nothing of the file is bound.
     */
    private static boolean withinBounds(Node node, String path, YamlMap.Source source, int depth) {
        if (depth > MAX_NESTING) {
            source.report(node.getStartMark(), path, "nested more than " + MAX_NESTING + " levels deep; environment"
                    + " files are a few levels of sections");
            return false;
        }
        List<Node> children = new ArrayList<>();
        if (node instanceof MappingNode m) {
            m.getValue().forEach(t -> children.add(t.getValueNode()));
        } else if (node instanceof SequenceNode q) {
            children.addAll(q.getValue());
        }
        if (children.size() > MAX_COLLECTION_ITEMS) {
            source.report(node.getStartMark(), path, "has " + children.size() + " items; at most "
                    + MAX_COLLECTION_ITEMS + " in any list or mapping of an environment file");
            return false;
        }
        boolean ok = true;
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k ? k.getValue() : "?";
                ok &= withinBounds(t.getValueNode(), path.isEmpty() ? key : path + "." + key, source, depth + 1);
            }
        } else if (node instanceof SequenceNode q) {
            for (int i = 0; i < q.getValue().size(); i++) {
                ok &= withinBounds(q.getValue().get(i), path + "[" + i + "]", source, depth + 1);
            }
        }
        return ok;
    }

    /** Refuses explicit tags such as !!java.lang.Runtime or !custom: environment files hold plain data only. */
    private static void checkTags(Node node, String path, YamlMap.Source source) {
        if (!PLAIN_TAGS.contains(node.getTag())) {
            source.report(node.getStartMark(), path, "explicit YAML tag " + node.getTag().getValue()
                    + " is not allowed; environment files hold plain values, mappings and lists");
            return;
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                checkTags(t.getKeyNode(), path, source);
                checkTags(t.getValueNode(), path, source);
            }
        } else if (node instanceof SequenceNode s) {
            s.getValue().forEach(item -> checkTags(item, path, source));
        }
    }

    static void checkRegion(YamlMap map, String key, String region) {
        if (!AwsRegions.isKnown(region)) {
            map.report(key, "\"" + region + "\" is not an AWS region" + Suggest.didYouMean(region, AwsRegions.all())
                    + "; expected a region name like us-east-1");
        }
    }

    private NetworkConfig defaultNetwork(YamlMap top) {
        // Record the section's key paths even when the file omits it, so the docs test sees them all.
        for (String key : List.of("cidr", "azCount", "nat", "availabilityZones", "flowLogs",
                "flowLogs.retentionDays")) {
            knownPaths.add("network." + key);
        }
        return new NetworkConfig(Ipv4Cidr.parse(Defaults.NETWORK_CIDR).orElseThrow(), Defaults.NETWORK_AZ_COUNT,
                Defaults.NETWORK_NAT, Defaults.NETWORK_AVAILABILITY_ZONES,
                new NetworkConfig.FlowLogsConfig(Defaults.FLOW_LOGS_RETENTION_DAYS));
    }

    private static NetworkConfig bindNetwork(YamlMap n, String region) {
        Ipv4Cidr cidr = n.string("cidr").map(text -> checkVpcCidr(n, "cidr", text)).orElseGet(
                () -> Ipv4Cidr.parse(Defaults.NETWORK_CIDR).orElseThrow());

        int azCount = n.integer("azCount", Defaults.NETWORK_AZ_COUNT);
        if (azCount < 2 || azCount > 3) {
            n.report("azCount", azCount + " is outside 2..3 (2 survives one AZ outage; 3 for production)");
            azCount = Defaults.NETWORK_AZ_COUNT;
        }

        NatMode nat = Defaults.NETWORK_NAT;
        Optional<String> natText = n.string("nat");
        if (natText.isPresent()) {
            List<String> modes = Arrays.stream(NatMode.values()).map(NatMode::yamlName).toList();
            Optional<NatMode> parsed = NatMode.fromYaml(natText.get());
            if (parsed.isEmpty()) {
                n.report("nat", "\"" + natText.get() + "\" is not a NAT mode" + Suggest.didYouMean(natText.get(), modes)
                        + "; one of " + String.join(", ", modes));
            } else {
                nat = parsed.get();
            }
        }

        Set<String> seen = new HashSet<>();
        int before = n.problemCount();
        List<String> zones = n.stringList("availabilityZones", Defaults.NETWORK_AVAILABILITY_ZONES, zone -> {
            if (!zone.matches(Pattern.quote(region) + "[a-z]")) {
                return "\"" + zone + "\" is not a zone of " + region + " (expected like " + region + "a)";
            }
            return seen.add(zone) ? null : "\"" + zone + "\" is listed twice";
        });
        if (n.problemCount() == before && !n.hasProblem("azCount") && !zones.isEmpty() && zones.size() != azCount) {
            n.report("availabilityZones", "lists " + zones.size() + (zones.size() == 1 ? " zone" : " zones")
                    + " but azCount is " + azCount
                    + "; list exactly azCount zones, or remove the key to use the region's first available ones");
        }

        int retention = Defaults.FLOW_LOGS_RETENTION_DAYS;
        Optional<YamlMap> flowLogs = n.map("flowLogs");
        if (flowLogs.isPresent()) {
            YamlMap f = flowLogs.get();
            retention = f.integer("retentionDays", Defaults.FLOW_LOGS_RETENTION_DAYS);
            checkRetention(f, "retentionDays", retention);
            f.finish();
        }
        n.finish();
        return new NetworkConfig(cidr, azCount, nat, zones, new NetworkConfig.FlowLogsConfig(retention));
    }

    private static BackupsConfig bindBackups(YamlMap top) {
        Optional<YamlMap> section = top.map("backups");
        YamlMap b = section.orElseGet(() -> top.emptyChild("backups"));
        int glacier = b.integer("glacierAfterDays", Defaults.BACKUPS_GLACIER_AFTER_DAYS);
        if (glacier < 1 || glacier > 3650) {
            b.report("glacierAfterDays", glacier + " is outside 1..3650");
        }
        int expire = b.integer("expireNoncurrentAfterDays", Defaults.BACKUPS_EXPIRE_NONCURRENT_AFTER_DAYS);
        if (expire < 1 || expire > 3650) {
            b.report("expireNoncurrentAfterDays", expire + " is outside 1..3650");
        }
        if (section.isPresent()) {
            b.finish();
        }
        return new BackupsConfig(glacier, expire);
    }

    /** Absent section: every monitoring default. */
    private static MonitoringConfig bindMonitoring(YamlMap top) {
        Optional<YamlMap> section = top.map("monitoring");
        YamlMap m = section.orElseGet(() -> top.emptyChild("monitoring"));
        List<String> admin = m.stringList("adminCidrs", Defaults.MONITORING_ADMIN_CIDRS, ConfigLoader::checkCidr);
        for (String cidr : admin) {
            if (cidr.equals("0.0.0.0/0")) {
                m.report("adminCidrs", "Prometheus and Grafana must not be open to the world; list your office or VPN"
                        + " CIDRs, or leave it empty and use SSM port forwarding");
            }
        }
        String retention = m.matching("prometheusRetention", Defaults.MONITORING_PROMETHEUS_RETENTION,
                PROMETHEUS_DURATION, "a Prometheus retention such as 15d, 12h, 8w or 1y");
        int scrape = m.integer("scrapeIntervalSeconds", Defaults.MONITORING_SCRAPE_INTERVAL_SECONDS);
        if (scrape < 5 || scrape > 300) {
            m.report("scrapeIntervalSeconds", scrape + " is outside 5..300");
        }
        int evaluation = m.integer("evaluationIntervalSeconds", scrape);
        if (evaluation < 5 || evaluation > 300) {
            m.report("evaluationIntervalSeconds", evaluation + " is outside 5..300");
        }
        Optional<YamlMap> sloSection = m.map("slo");
        YamlMap s = sloSection.orElseGet(() -> m.emptyChild("slo"));
        java.math.BigDecimal latency = s.decimal("latencyP95Seconds", Defaults.SLO_LATENCY_P95_SECONDS);
        if (latency.signum() <= 0 || latency.compareTo(java.math.BigDecimal.TEN) > 0) {
            s.report("latencyP95Seconds", latency + " is outside (0, 10] seconds");
        }
        java.math.BigDecimal errorRate = s.decimal("errorRatePercent", Defaults.SLO_ERROR_RATE_PERCENT);
        if (errorRate.signum() <= 0 || errorRate.compareTo(new java.math.BigDecimal(5)) >= 0) {
            s.report("errorRatePercent", errorRate + " is outside (0, 5): 5 % is where the P0 error alert fires");
        }
        int memory = percent(s, "memoryPercent", Defaults.SLO_MEMORY_PERCENT);
        int cpu = percent(s, "cpuPercent", Defaults.SLO_CPU_PERCENT);
        int disk = percent(s, "diskPercent", Defaults.SLO_DISK_PERCENT);
        if (sloSection.isPresent()) {
            s.finish();
        }
        if (section.isPresent()) {
            m.finish();
        }
        return new MonitoringConfig(admin, retention, scrape, evaluation,
                new MonitoringConfig.Slo(latency, errorRate, memory, cpu, disk));
    }

    private static AlertsConfig bindAlerts(YamlMap top) {
        Optional<YamlMap> section = top.map("alerts");
        YamlMap a = section.orElseGet(() -> top.emptyChild("alerts"));
        List<String> emails = a.stringList("emails", Defaults.ALERTS_EMAILS,
                e -> EMAIL.matcher(e).matches() ? null : "\"" + e + "\" is not an email address");
        int connections = a.integer("dbConnections", Defaults.ALERTS_DB_CONNECTIONS);
        if (connections < 1 || connections > 100000) {
            a.report("dbConnections", connections + " is outside 1..100000");
        }
        if (section.isPresent()) {
            a.finish();
        }
        return new AlertsConfig(emails, connections);
    }

    private static Optional<DnsConfig> bindDns(YamlMap top) {
        Optional<YamlMap> section = top.map("dns");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMap d = section.get();
        String zone = d.requiredString("zoneId", "Z0123456789ABCDEF").isPresent()
                ? d.matching("zoneId", "", ZONE_ID, "a Route 53 hosted zone id (Z0123456789ABCDEF)") : "";
        String name = d.requiredString("name", "app.example.com").isPresent()
                ? d.matching("name", "", DNS_NAME, "a lowercase DNS name (app.example.com)") : "";
        d.finish();
        return Optional.of(new DnsConfig(zone, name));
    }

    private static Optional<DrConfig> bindDr(YamlMap top, String region, NetworkConfig network,
                                             DatabaseConfig database, Optional<StateConfig> primaryState,
                                             Optional<AppConfig> app) {
        Optional<YamlMap> section = top.map("dr");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMap d = section.get();
        String drRegion = d.requiredString("region", "us-west-2").orElse(region);
        if (d.has("region")) {
            checkRegion(d, "region", drRegion);
            if (drRegion.equals(region)) {
                d.report("region", "\"" + drRegion + "\" is the primary region; disaster recovery needs another one");
            }
        }
        Ipv4Cidr cidr = network.cidr();
        Optional<String> cidrText = d.requiredString("vpcCidr", "10.20.0.0/16");
        if (cidrText.isPresent()) {
            int before = d.problemCount();
            Ipv4Cidr parsed = checkVpcCidr(d, "vpcCidr", cidrText.get());
            if (d.problemCount() == before) {
                if (parsed.overlaps(network.cidr())) {
                    d.report("vpcCidr", "\"" + parsed + "\" overlaps network.cidr " + network.cidr()
                            + "; give the DR VPC its own block (the two may need peering during a swap)");
                }
                cidr = parsed;
            }
        }
        String modeText = d.string("mode", "warm-standby");
        DrConfig.Mode mode = DrConfig.Mode.WARM_STANDBY;
        List<String> modes = Arrays.stream(DrConfig.Mode.values()).map(DrConfig.Mode::yamlName).toList();
        if (modes.contains(modeText)) {
            mode = DrConfig.Mode.valueOf(modeText.toUpperCase(Locale.ROOT).replace('-', '_'));
        } else {
            d.report("mode", "\"" + modeText + "\" is not a DR mode" + Suggest.didYouMean(modeText, modes) + "; one of "
                    + String.join(", ", modes));
        }
        int standby = d.integer("standbyCapacity", 1);
        if (standby < 0 || standby > 100) {
            d.report("standbyCapacity", standby + " is outside 0..100");
        } else if (mode == DrConfig.Mode.WARM_STANDBY && standby < 1) {
            d.report("standbyCapacity", "warm standby keeps at least one host running (0 is pilot light)");
        }
        String activeText = d.string("activeRegion", "primary");
        DrConfig.Active active = DrConfig.Active.PRIMARY;
        if (activeText.equals("dr")) {
            active = DrConfig.Active.DR;
        } else if (!activeText.equals("primary")) {
            d.report("activeRegion", "\"" + activeText + "\" is not primary or dr (opsstack failover/failback set it)");
        }
        Optional<StateConfig> drState = d.map("state").map(st -> StateConfig.bind(st, drRegion));
        Optional<StateConfig> effective = drState.or(() -> primaryState);
        if (effective.isPresent() && effective.get().region().equals(region)) {
            d.report(drState.isPresent() ? "state" : "region", "the DR stacks' state would live in " + region
                    + ", the region they must survive; add dr.state with a bucket in another region"
                    + " (e.g. " + drRegion + ")");
        }
        if (mode == DrConfig.Mode.WARM_STANDBY && database.backupRetentionDays() == 0) {
            d.report("mode", "warm standby needs automated backups on the primary (a read replica requires them):"
                    + " set database.backupRetentionDays above 0");
        }
        // ACM certificates are regional: the DR load balancer needs a certificate of its own region.
        Optional<String> certificate = Optional.ofNullable(d.matching("certificateArn", null, AppConfig.CERTIFICATE_ARN,
                "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)"));
        boolean https = app.flatMap(AppConfig::certificateArn).isPresent();
        boolean wellFormed = certificate.isPresent() && AppConfig.CERTIFICATE_ARN.matcher(certificate.get()).matches();
        if (wellFormed && !certificate.get().split(":")[3].equals(drRegion)) {
            d.report("certificateArn", "the certificate is in " + certificate.get().split(":")[3] + "; the DR load"
                    + " balancer can only use an ACM certificate of " + drRegion + " (request or import one there)");
        } else if (certificate.isEmpty() && https) {
            d.report("certificateArn", "app.certificateArn is set, so the DR load balancer needs HTTPS too: add"
                    + " dr.certificateArn, an ACM certificate for the same names in " + drRegion
                    + " (ACM certificates are regional; the primary's cannot be used there)");
        } else if (certificate.isPresent() && !https) {
            d.report("certificateArn", "set only with app.certificateArn (HTTPS on the primary load balancer)");
        }
        d.finish();
        return Optional.of(new DrConfig(drRegion, cidr, mode, standby, active, drState, certificate));
    }

    private static Optional<FrontendConfig> bindFrontend(YamlMap top, boolean hasApp) {
        Optional<YamlMap> section = top.map("frontend");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlMap f = section.get();
        if (!hasApp) {
            top.report("frontend", "a frontend needs an app section: nginx, which serves it, runs on the app hosts");
        }
        String kindText = f.requiredString("kind", "server").orElse("server");
        FrontendConfig.Kind kind = FrontendConfig.Kind.SERVER;
        if (kindText.equals("static")) {
            kind = FrontendConfig.Kind.STATIC;
        } else if (!kindText.equals("server")) {
            f.report("kind", "\"" + kindText + "\" is not a frontend kind" + Suggest.didYouMean(kindText,
                    List.of("server", "static")) + "; server (a container nginx proxies to, e.g. Next.js) or static"
                    + " (built files nginx serves)");
        }
        String image = f.requiredString("image", "ghcr.io/acme/web").isPresent()
                ? f.matching("image", "", IMAGE, "a container image name without tag") : "";
        String tag = f.requiredString("tag", "\"2.0.1\"").isPresent()
                ? f.matching("tag", "", IMAGE_TAG, "a valid image tag") : "";
        if (tag.equals("latest")) {
            f.report("tag", "\"latest\" is not allowed: rolling back means setting the previous tag");
        }
        int port = port(f, "port", 3000);
        if (port == 80 || port == 8000 || port == 9090 || port == 9100) {
            f.report("port", port + " is taken on the hosts (nginx 80, app 8000, Prometheus 9090, node-exporter 9100);"
                    + " pick another, e.g. 3000");
        }
        int replicas = f.integer("replicas", 1);
        if (replicas < 1 || replicas > 32) {
            f.report("replicas", replicas + " is outside 1..32");
        }
        String health = f.matching("healthPath", "/", Pattern.compile("/[A-Za-z0-9/_.-]*"), "a path such as /");
        String apiBase = f.string("apiBaseUrl", "/api");
        String staticPath = f.matching("staticPath", "/usr/share/nginx/html", Pattern.compile("/[A-Za-z0-9/_.-]*"),
                "an absolute path in the image");
        f.finish();
        return Optional.of(new FrontendConfig(kind, image, tag, port, replicas, health, apiBase, staticPath));
    }

    /** Only the local environment takes docker: Docker-only mechanisms (local passwords) stay out of AWS. */
    private static Optional<DockerConfig> bindDocker(YamlMap top, boolean local) {
        Optional<YamlMap> section = top.map("docker");
        if (!local) {
            if (section.isPresent()) {
                top.report("docker", "only the environment named local runs on Docker; remove this section (AWS"
                        + " environments get their credentials from Secrets Manager)");
            }
            return Optional.empty();
        }
        YamlMap d = section.orElseGet(() -> top.emptyChild("docker"));
        String host = d.matching("host", Defaults.DOCKER_HOST, Pattern.compile("(unix|tcp|ssh|npipe)://\\S+"),
                "a Docker host such as unix:///var/run/docker.sock or tcp://127.0.0.1:2375");
        String bind = d.matching("bindAddress", Defaults.DOCKER_BIND_ADDRESS,
                Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"), "an IPv4 address (127.0.0.1)");
        int nginx = port(d, "nginxPort", Defaults.DOCKER_NGINX_PORT);
        int prometheus = port(d, "prometheusPort", Defaults.DOCKER_PROMETHEUS_PORT);
        int grafana = port(d, "grafanaPort", Defaults.DOCKER_GRAFANA_PORT);
        if (new HashSet<>(List.of(nginx, prometheus, grafana)).size() < 3) {
            d.report("nginxPort", "nginxPort, prometheusPort and grafanaPort must differ: one host port per service");
        }
        if (section.isPresent()) {
            d.finish();
        }
        return Optional.of(new DockerConfig(host, bind, nginx, prometheus, grafana));
    }

    private static int port(YamlMap map, String key, int defaultValue) {
        int v = map.integer(key, defaultValue);
        if (v < 1 || v > 65535) {
            map.report(key, v + " is outside 1..65535");
        }
        return v;
    }

    private static int percent(YamlMap map, String key, int defaultValue) {
        int v = map.integer(key, defaultValue);
        if (v < 1 || v > 99) {
            map.report(key, v + " is outside 1..99 (a percentage that can be exceeded)");
        }
        return v;
    }

    static String checkCidr(String text) {
        Optional<Ipv4Cidr> c = Ipv4Cidr.parseClearingHostBits(text);
        if (c.isEmpty()) {
            return "\"" + text + "\" is not an IPv4 CIDR (expected like 203.0.113.0/24)";
        }
        return c.get().toString().equals(text) ? null : "\"" + text + "\" has host bits set (did you mean "
                + c.get() + "?)";
    }

    static void checkRetention(YamlMap map, String key, int days) {
        if (!LOG_RETENTION_DAYS.contains(days)) {
            int nearest = LOG_RETENTION_DAYS.stream()
                    .min((a, b) -> Integer.compare(Math.abs(a - days), Math.abs(b - days))).orElseThrow();
            map.report(key, days + " is not a CloudWatch Logs retention value (nearest: " + nearest
                    + "; allowed: " + LOG_RETENTION_DAYS.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ")");
        }
    }

    private static Ipv4Cidr checkVpcCidr(YamlMap n, String key, String text) {
        Ipv4Cidr fallback = Ipv4Cidr.parse(Defaults.NETWORK_CIDR).orElseThrow();
        Optional<Ipv4Cidr> lenient = Ipv4Cidr.parseClearingHostBits(text);
        if (lenient.isEmpty()) {
            n.report(key, "\"" + text + "\" is not an IPv4 CIDR (expected like 10.10.0.0/16)");
            return fallback;
        }
        Ipv4Cidr cidr = lenient.get();
        if (!cidr.toString().equals(text)) {
            n.report(key, "\"" + text + "\" has host bits set (did you mean " + cidr + "?)");
            return fallback;
        }
        if (cidr.prefix() < SubnetLayout.MIN_VPC_PREFIX) {
            n.report(key, "\"" + text + "\" is larger than AWS allows for a VPC (/" + SubnetLayout.MIN_VPC_PREFIX
                    + " at most; e.g. " + new Ipv4Cidr(cidr.network(), SubnetLayout.MIN_VPC_PREFIX) + ")");
            return fallback;
        }
        if (cidr.prefix() > SubnetLayout.MAX_VPC_PREFIX) {
            n.report(key, "\"" + text + "\" is too small: opsstack cuts 16 equal blocks from it (3 tiers x 4 AZ"
                    + " slots, plus spare) and AWS subnets are /28 at the smallest; use a /"
                    + SubnetLayout.MAX_VPC_PREFIX + " or larger (e.g. "
                    + new Ipv4Cidr(cidr.network() & ~((1L << (32 - SubnetLayout.MAX_VPC_PREFIX)) - 1),
                            SubnetLayout.MAX_VPC_PREFIX) + ")");
            return fallback;
        }
        return cidr;
    }
}
