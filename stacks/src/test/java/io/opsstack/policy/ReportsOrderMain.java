package io.opsstack.policy;

import java.util.List;

/** Prints `check --format json` and `--format sarif` of a fixed report: ReportsTest runs it in fresh JVMs. */
public final class ReportsOrderMain {

    private ReportsOrderMain() {
    }

    static Policy.Report report() {
        return new Policy.Report(List.of(
                new Finding(Policy.rule("OPS-RDS-004"), "prod-data/database/instance", "deletion protection off",
                        null),
                new Finding(Policy.rule("OPS-ALB-002"), "staging-app/load-balancer", "no HTTPS listener",
                        "internal test endpoint (PLAT-7)")));
    }

    public static void main(String[] args) throws Exception {
        System.out.println(Reports.json(report()));
        System.out.println(Reports.sarif(report()));
    }
}
