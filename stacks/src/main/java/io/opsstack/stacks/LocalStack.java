package io.opsstack.stacks;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.Postcondition;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.docker.Container;
import com.hashicorp.cdktf.providers.docker.ContainerConfig;
import com.hashicorp.cdktf.providers.docker.ContainerHealthcheck;
import com.hashicorp.cdktf.providers.docker.ContainerNetworksAdvanced;
import com.hashicorp.cdktf.providers.docker.ContainerPorts;
import com.hashicorp.cdktf.providers.docker.ContainerUpload;
import com.hashicorp.cdktf.providers.docker.ContainerVolumes;
import com.hashicorp.cdktf.providers.docker.DockerProvider;
import com.hashicorp.cdktf.providers.docker.DockerProviderConfig;
import com.hashicorp.cdktf.providers.docker.Image;
import com.hashicorp.cdktf.providers.docker.ImageConfig;
import com.hashicorp.cdktf.providers.docker.Network;
import com.hashicorp.cdktf.providers.docker.NetworkConfig;
import com.hashicorp.cdktf.providers.docker.Volume;
import com.hashicorp.cdktf.providers.docker.VolumeConfig;
import io.opsstack.config.AppConfig;
import io.opsstack.config.DockerConfig;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.render.Images;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.constructs.Construct;

/**
 * {@code local}: the service on a workstation's Docker, with the same rendered configs as the cloud hosts
 * (uploaded into the containers; a changed file replaces the container that uses it) and PostgreSQL in a
 * container instead of RDS.
 *
 * <p>Passwords are local-only: {@code opsstack synth} generates them into git-ignored files beside the output
 * directory, and Terraform reads them with {@code file()} at apply time, so the synthesized JSON holds only the
 * reference.
 */
public final class LocalStack extends TerraformStack {

    /** Generated password files, relative to the directory that holds the output directory. */
    public static final String DB_PASSWORD_FILE = ".opsstack/local-db-password";
    public static final String GRAFANA_PASSWORD_FILE = ".opsstack/local-grafana-password";
    public static final String POSTGRES_IMAGE = "postgres:16.6-alpine";

    public LocalStack(Construct scope, String id, EnvironmentConfig env, Map<String, String> rendered,
                      String stateDirFromWorkingDir) {
        super(scope, id);
        DockerConfig docker = env.docker().orElseThrow();
        AppConfig app = env.app().orElseThrow();
        new DockerProvider(this, "docker", DockerProviderConfig.builder().host(docker.host()).build());
        Backends.apply(this, id, env, stateDirFromWorkingDir);
        String dbPassword = "${file(\"" + stateDirFromWorkingDir + "/" + DB_PASSWORD_FILE + "\")}";
        String grafanaPassword = "${file(\"" + stateDirFromWorkingDir + "/" + GRAFANA_PASSWORD_FILE + "\")}";
        String user = env.database().masterUsername();
        String database = env.database().databaseName();
        String databaseUrl = "DATABASE_URL=postgresql://" + user + ":" + dbPassword + "@db:5432/" + database;

        Network network = new Network(this, "app-network", NetworkConfig.builder().name("app-network").build());
        Volume pgData = env.database().sqlite() ? null : volume("postgres-data");
        Volume promData = volume("prometheus-data");
        Volume grafanaData = volume("grafana-data");

        boolean sqlite = env.database().sqlite();
        List<String> appEnv;
        List<ContainerVolumes> appVolumes;
        List<ITerraformDependable> before = new ArrayList<>();
        if (sqlite) {
            // SQLite: one file on a named volume shared by migrate and the (single) app container.
            Volume sqliteData = volume("sqlite-data");
            appEnv = List.of("DATABASE_URL=sqlite:////data/app.db");
            appVolumes = List.of(ContainerVolumes.builder().volumeName(sqliteData.getName()).containerPath("/data")
                    .build());
        } else {
            appEnv = List.of(databaseUrl);
            appVolumes = null;
        }
        if (!sqlite) {
            Container db = new Container(this, "db", ContainerConfig.builder()
                    .name("opsstack-db")
                    .image(image("postgres", POSTGRES_IMAGE))
                    .env(List.of("POSTGRES_USER=" + user, "POSTGRES_DB=" + database,
                            "POSTGRES_PASSWORD_FILE=/run/secrets/db_password"))
                    .upload(List.of(ContainerUpload.builder().file("/run/secrets/db_password").content(dbPassword).build()))
                    .volumes(List.of(ContainerVolumes.builder().volumeName(pgData.getName())
                            .containerPath("/var/lib/postgresql/data").build()))
                    .healthcheck(ContainerHealthcheck.builder()
                            .test(List.of("CMD-SHELL", "pg_isready -U " + user + " -d " + database))
                            .interval("5s").timeout("3s").retries(10).build())
                    .networksAdvanced(List.of(alias(network, "db")))
                    .restart("unless-stopped")
                    .build());
            before.add(db);
        }

        // Migrations run once, attached (the apply waits for them to exit), retrying while PostgreSQL starts;
        // the postcondition fails the apply on a non-zero exit, so no app container is created after a failed
        // migration. This provider version cannot wait for a healthcheck, hence the retry loop.
        String appImage = image("app", app.imageRef());
        Container migrate = new Container(this, "migrate", ContainerConfig.builder()
                .name("opsstack-migrate")
                .image(appImage)
                .command(List.of("sh", "-c", "for i in $(seq 30); do alembic upgrade head && exit 0; sleep 2; done;"
                        + " exit 1"))
                .env(appEnv)
                .volumes(appVolumes)
                .attach(true)
                .mustRun(false)
                .logs(true)
                .networksAdvanced(List.of(alias(network, "migrate")))
                .dependsOn(before.isEmpty() ? null : before)
                .lifecycle(TerraformResourceLifecycle.builder()
                        .postcondition(List.of(Postcondition.builder()
                                .condition("${self.exit_code == 0}")
                                .errorMessage("alembic upgrade head failed: docker logs opsstack-migrate")
                                .build()))
                        .build())
                .build());

        List<ITerraformDependable> apps = new ArrayList<>();
        for (int i = 1; i <= app.replicasPerHost(); i++) {
            apps.add(new Container(this, "app-" + i, ContainerConfig.builder()
                    .name("opsstack-app-" + i)
                    .image(appImage)
                    .env(java.util.stream.Stream.concat(appEnv.stream(), java.util.stream.Stream.of(
                            "ENVIRONMENT=" + env.name())).toList())
                    .volumes(appVolumes)
                    .memory(app.memoryMb())
                    .healthcheck(ContainerHealthcheck.builder()
                            .test(List.of("CMD", "python", "-c", "import sys, urllib.request; sys.exit(0 if"
                                    + " urllib.request.urlopen('http://localhost:8000/health', timeout=3).status == 200"
                                    + " else 1)"))
                            .interval("15s").timeout("5s").retries(3).startPeriod("30s").build())
                    // Every replica answers to "app" on the network: nginx and Prometheus find them all by name.
                    .networksAdvanced(List.of(alias(network, "app", "app-" + i)))
                    .restart("unless-stopped")
                    .dependsOn(List.of(migrate))
                    .build()));
        }

        List<ContainerVolumes> nginxVolumes = new ArrayList<>();
        if (env.frontend().isPresent()) {
            var f = env.frontend().get();
            String frontendImage = image("frontend", f.imageRef());
            if (f.server()) {
                for (int i = 1; i <= f.replicas(); i++) {
                    apps.add(new Container(this, "frontend-" + i, ContainerConfig.builder()
                            .name("opsstack-frontend-" + i)
                            .image(frontendImage)
                            .env(List.of("NEXT_PUBLIC_API_BASE_URL=" + f.apiBaseUrl(), "PORT=" + f.port()))
                            .networksAdvanced(List.of(alias(network, "frontend", "frontend-" + i)))
                            .restart("unless-stopped")
                            .build()));
                }
            } else {
                // The built files, copied once out of the image into a volume nginx serves.
                Volume files = volume("frontend-static");
                apps.add(new Container(this, "frontend-files", ContainerConfig.builder()
                        .name("opsstack-frontend-files")
                        .image(frontendImage)
                        .entrypoint(List.of("sh", "-c", "rm -rf /export/* && cp -r " + f.staticPath() + "/. /export/"))
                        .volumes(List.of(ContainerVolumes.builder().volumeName(files.getName()).containerPath("/export")
                                .build()))
                        .attach(true)
                        .mustRun(false)
                        .build()));
                nginxVolumes.add(ContainerVolumes.builder().volumeName(files.getName())
                        .containerPath(io.opsstack.render.RuntimeModels.STATIC_ROOT).readOnly(true).build());
            }
        }

        new Container(this, "nginx", ContainerConfig.builder()
                .name("opsstack-nginx")
                .image(image("nginx", Images.NGINX))
                .upload(List.of(upload("/etc/nginx/nginx.conf", rendered, "nginx/nginx.conf")))
                .volumes(nginxVolumes.isEmpty() ? null : nginxVolumes)
                .ports(List.of(port(80, docker.nginxPort(), docker.bindAddress())))
                .networksAdvanced(List.of(alias(network, "nginx")))
                .restart("unless-stopped")
                .dependsOn(apps)
                .build());

        new Container(this, "prometheus", ContainerConfig.builder()
                .name("opsstack-prometheus")
                .image(image("prometheus", Images.PROMETHEUS))
                .command(List.of("--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus",
                        "--storage.tsdb.retention.time=" + env.monitoring().prometheusRetention()))
                .upload(List.of(upload("/etc/prometheus/prometheus.yml", rendered, "prometheus/prometheus.yml"),
                        upload("/etc/prometheus/rules/alerts.yml", rendered, "prometheus/rules/alerts.yml")))
                .volumes(List.of(ContainerVolumes.builder().volumeName(promData.getName()).containerPath("/prometheus")
                        .build()))
                .ports(List.of(port(9090, docker.prometheusPort(), docker.bindAddress())))
                .networksAdvanced(List.of(alias(network, "prometheus")))
                .restart("unless-stopped")
                .build());

        new Container(this, "grafana", ContainerConfig.builder()
                .name("opsstack-grafana")
                .image(image("grafana", Images.GRAFANA))
                .env(List.of("GF_SECURITY_ADMIN_PASSWORD__FILE=/run/secrets/grafana_admin_password",
                        "GF_USERS_ALLOW_SIGN_UP=false", "GF_AUTH_ANONYMOUS_ENABLED=false"))
                .upload(List.of(
                        upload("/etc/grafana/provisioning/datasources/prometheus.yml", rendered,
                                "grafana/provisioning/datasources/prometheus.yml"),
                        upload("/etc/grafana/provisioning/dashboards/dashboards.yml", rendered,
                                "grafana/provisioning/dashboards/dashboards.yml"),
                        upload("/var/lib/grafana/dashboards/service.json", rendered, "grafana/dashboards/service.json"),
                        ContainerUpload.builder().file("/run/secrets/grafana_admin_password").content(grafanaPassword)
                                .build()))
                .volumes(List.of(ContainerVolumes.builder().volumeName(grafanaData.getName())
                        .containerPath("/var/lib/grafana").build()))
                .ports(List.of(port(3000, docker.grafanaPort(), docker.bindAddress())))
                .networksAdvanced(List.of(alias(network, "grafana")))
                .restart("unless-stopped")
                .build());

        new Container(this, "node-exporter", ContainerConfig.builder()
                .name("opsstack-node-exporter")
                .image(image("node-exporter", Images.NODE_EXPORTER))
                .command(List.of("--path.rootfs=/host"))
                .pidMode("host")
                .volumes(List.of(ContainerVolumes.builder().hostPath("/").containerPath("/host").readOnly(true).build()))
                .networksAdvanced(List.of(alias(network, "node-exporter")))
                .restart("unless-stopped")
                .build());

        new TerraformOutput(this, "app_url", TerraformOutputConfig.builder()
                .value("http://" + docker.bindAddress() + ":" + docker.nginxPort()).build());
        new TerraformOutput(this, "grafana_url", TerraformOutputConfig.builder()
                .value("http://" + docker.bindAddress() + ":" + docker.grafanaPort()).build());
        new TerraformOutput(this, "prometheus_url", TerraformOutputConfig.builder()
                .value("http://" + docker.bindAddress() + ":" + docker.prometheusPort()).build());
    }

    private String image(String id, String name) {
        // keep_locally: destroying the stack does not delete images other projects may use.
        return new Image(this, "image-" + id, ImageConfig.builder().name(name).keepLocally(true).build()).getLatest();
    }

    private Volume volume(String id) {
        return new Volume(this, id, VolumeConfig.builder().name("opsstack-" + id).build());
    }

    private static ContainerNetworksAdvanced alias(Network network, String... aliases) {
        return ContainerNetworksAdvanced.builder().name(network.getName()).aliases(List.of(aliases)).build();
    }

    private static ContainerPorts port(int internal, int external, String ip) {
        return ContainerPorts.builder().internal(internal).external(external).ip(ip).build();
    }

    private static ContainerUpload upload(String path, Map<String, String> rendered, String file) {
        String content = rendered.get(file);
        if (content == null) {
            throw new IllegalStateException("no rendered " + file);
        }
        return ContainerUpload.builder().file(path).content(content).build();
    }
}
