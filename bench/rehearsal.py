#!/usr/bin/env python3
"""Deploy rehearsal benchmark: runs `./opsstack rehearse --format json` (every shipped AWS environment unless named)
once and prints wall time per environment and per step kind, for docs/performance.md ("Deploy rehearsal").

    python3 bench/rehearsal.py [--jobs N] [--parallelism N] [--plugin-mirror DIR] [ENV...]

Also reads a saved result instead of running: python3 bench/rehearsal.py --from result.json
A figure here is a measurement of this machine at this moment (the CPU may be shared); nothing asserts on it."""
import argparse
import collections
import json
import os
import subprocess
import sys
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
p = argparse.ArgumentParser()
p.add_argument("--jobs", default="4")
p.add_argument("--parallelism", default="20")
p.add_argument("--plugin-mirror", default="/opt/tf-plugins")
p.add_argument("--provider-version")
p.add_argument("--from", dest="saved")
p.add_argument("envs", nargs="*")
a = p.parse_args()

if a.saved:
    result = json.load(open(a.saved))
    wall = result["seconds"]
else:
    cmd = [os.path.join(root, "opsstack"), "rehearse", "--format", "json", "--jobs", a.jobs,
           "--parallelism", a.parallelism, "--plugin-mirror", a.plugin_mirror]
    if a.provider_version:
        cmd += ["--provider-version", a.provider_version]
    start = time.monotonic()
    run = subprocess.run(cmd + a.envs, stdout=subprocess.PIPE, cwd=root)
    wall = time.monotonic() - start
    result = json.loads(run.stdout)

print(f"{'environment':12} {'result':7} {'wall s':>8} {'apply s':>8} {'plan s':>8} {'destroy s':>9} {'other s':>8}"
      f" {'resources':>9}")
for env in result["environments"]:
    kinds = collections.Counter()
    resources = 0
    for s in env["steps"]:
        kind = ("apply" if s["step"].startswith("apply") or s["step"] in ("failover", "failback") and s["stack"] != "-"
                else "plan" if s["step"].startswith("plan")
                else "destroy" if s["step"] == "destroy" else "other")
        kinds[kind] += s["seconds"]
        if s["step"] == "apply":
            resources += max(0, s["resources"])
    print(f"{env['environment']:12} {'passed' if env['ok'] else 'FAILED':7} {env['seconds']:8.1f}"
          f" {kinds['apply']:8.1f} {kinds['plan']:8.1f} {kinds['destroy']:9.1f} {kinds['other']:8.1f} {resources:9d}")
jobs = "" if a.saved else ", --jobs " + a.jobs
print(f"total wall (all environments{jobs}): {wall:.1f} s; load average now: "
      f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
sys.exit(0 if result["ok"] else 1)
