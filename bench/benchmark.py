#!/usr/bin/env python3
"""opsstack synthesis benchmark (docs/performance.md explains it).

Usage: python3 bench/benchmark.py [--runs N] [--scaling 1,4,16,64] [--cold]

Builds nothing: run `./mvnw -B -DskipTests -pl stacks package` first. Measures whole processes: wall time,
user+sys CPU (the process and every descendant it waited for: the JVM and both Node.js processes), and the peak
of the summed RSS of the whole process tree, sampled from /proc every 20 ms. Prints a Markdown table, median of
--runs runs, and the budget ratios of issue 10 against the stock floor measured in the same run.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "stacks", "target")
JAR = os.path.join(TARGET, "opsstack.jar")
LAUNCHER = os.path.join(ROOT, "opsstack")
LIB = os.path.join(TARGET, "lib")
PROVIDER_JAR = os.path.join(LIB, "cdktf-provider-aws-18.0.3.jar")
JSII_CACHE = os.path.expanduser("~/.cache/aws/jsii/package-cache")


def classpath(stock_first):
    libs = sorted(os.path.join(LIB, f) for f in os.listdir(LIB))
    if stock_first:
        return os.pathsep.join([PROVIDER_JAR, JAR] + [l for l in libs if l != PROVIDER_JAR])
    return os.pathsep.join([JAR] + libs)


def tree_rss_kb(pid):
    """Sum of VmRSS of pid and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        except (OSError, ValueError, IndexError):
            pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def measure(cmd, env):
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while True:
        finished, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if finished:
            break
        peak = max(peak, tree_rss_kb(proc.pid))
        time.sleep(0.02)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, peak / 1024


def run(name, cmd, runs, env, results, cold=False):
    samples = []
    for _ in range(runs):
        if cold:
            shutil.rmtree(JSII_CACHE, ignore_errors=True)
        samples.append(measure(cmd, env))
    med = tuple(statistics.median(s[i] for s in samples) for i in range(3))
    results.append((name, *med))
    print(f"  {name}: {med[0]:.2f} s wall, {med[1]:.2f} s cpu, {med[2]:.0f} MiB", file=sys.stderr)
    return med


def scaled_project(copies):
    """A project with `copies` copies of prod under distinct names (production rules apply to each)."""
    home = tempfile.mkdtemp(prefix="opsstack-bench-")
    shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(home, "templates"))
    os.makedirs(os.path.join(home, "environments"))
    with open(os.path.join(ROOT, "environments", "prod.yaml")) as f:
        prod = f.read()
    for i in range(copies):
        name = f"prod-c{i}"
        with open(os.path.join(home, "environments", name + ".yaml"), "w") as f:
            f.write(prod.replace("name: prod\n", f"name: {name}\n", 1))
    return home


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scaling", default="1,4,16,64")
    parser.add_argument("--cold", action="store_true", help="also measure with the jsii package cache emptied")
    args = parser.parse_args()
    if not os.path.exists(JAR):
        sys.exit("build first: ./mvnw -B -DskipTests -pl stacks package")
    env = dict(os.environ, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20")
    env.pop("CDKTF_OUTDIR", None)
    # The launcher's JVM options (./opsstack), so the figures are what users get.
    jvm = os.environ.get("OPSSTACK_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m").split()
    java = ["java", *jvm, f"-Dopsstack.home={ROOT}"]
    out = tempfile.mkdtemp(prefix="opsstack-bench-out-")
    results = []

    stock = run("stock floor (1 empty stack, eager provider)", java + ["-cp", classpath(True),
                "io.opsstack.bench.Floor"], args.runs, env, results)[0]
    run("lazy floor (1 empty stack, lazy provider)", java + ["-cp", classpath(False), "io.opsstack.bench.Floor"],
        args.runs, env, results)
    # opsstack itself through its launcher, as users run it: the launcher's JVM options and its class-data archive.
    # One unmeasured synth first, so the archive is recorded (the first synth after a build does that).
    subprocess.run([LAUNCHER, "synth", "--out", os.path.join(out, "synth")], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    full = run("opsstack synth, every shipped environment", [LAUNCHER, "synth", "--out", os.path.join(out, "synth")],
               args.runs, env, results)
    run("opsstack synth, every shipped environment, without the class-data archive",
        [LAUNCHER, "synth", "--out", os.path.join(out, "synth")], args.runs, dict(env, OPSSTACK_CDS="0"), results)
    render = run("opsstack render, every environment", [LAUNCHER, "render", "--out", os.path.join(out, "render")],
                 args.runs, env, results)[0]
    validate = run("opsstack validate, every environment", [LAUNCHER, "validate"], args.runs, env, results)[0]
    scale = {}
    for n in [int(x) for x in args.scaling.split(",") if x]:
        home = scaled_project(n)
        scale[n] = run(f"synth {n} copies of prod ({6 * n} stacks)", [LAUNCHER, "synth", "--project-dir", home,
                       "--out", os.path.join(home, "out")], args.runs, env, results)[0]
        shutil.rmtree(home, ignore_errors=True)
    if args.cold:
        run("stock floor, cold jsii cache", java + ["-cp", classpath(True), "io.opsstack.bench.Floor"], args.runs, env,
            results, cold=True)
        run("lazy floor, cold jsii cache", java + ["-cp", classpath(False), "io.opsstack.bench.Floor"], args.runs, env,
            results, cold=True)
        run("opsstack synth, cold jsii cache", [LAUNCHER, "synth", "--out", os.path.join(out, "synth")], args.runs,
            env, results, cold=True)
    shutil.rmtree(out, ignore_errors=True)

    print(f"Median of {args.runs} runs; {os.cpu_count()} cores; RSS = peak sum over the process tree.\n")
    print("| what | wall (s) | user+sys CPU (s) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|")
    for name, wall, cpu, rss in results:
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {rss:.0f} |")
    print("\n| budget (ratio to the stock floor of this run) | measured | limit |")
    print("|---|---:|---:|")
    print(f"| full synth of every shipped environment | {full[0] / stock:.2f} | 0.60 |")
    if len(scale) >= 2:
        ns = sorted(scale)
        per_env = (scale[ns[-1]] - scale[ns[0]]) / (ns[-1] - ns[0])
        print(f"| each added environment (slope {ns[0]}..{ns[-1]} copies) | {per_env / stock:.3f} | 0.050 |")
    print(f"| render of every environment | {render / stock:.2f} | 0.25 |")
    print(f"| validate of every environment | {validate / stock:.2f} | 0.25 |")
    print(f"| peak RSS of the full synth (MiB) | {full[2]:.0f} | 400 |")


if __name__ == "__main__":
    main()
