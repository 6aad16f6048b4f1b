#!/usr/bin/env python3
"""CPU profile of the Node.js side of one `opsstack synth` (docs/performance.md, "Profile").

Usage: python3 bench/node_profile.py [synth arguments...]     e.g. --project-dir /tmp/p16

jsii runs two Node.js processes: a relay (bin/jsii-runtime.js) that forwards the JVM's pipe to a child
(lib/program.js, the kernel that runs cdktf). `--cpu-prof` cannot go through NODE_OPTIONS, and giving it to the
relay (JSII_NODE) kills the child: the relay forwards every signal, including the profiler's SIGPROF. So this
script extracts jsii's runtime from its jar, writes a copy of the relay that starts only the child with
`--cpu-prof`, points jsii at it through JSII_RUNTIME (jsii's documented override), runs the synth, and
summarizes the child's profile: time per jsii request type and the hottest functions.
"""
import collections
import glob
import json
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIB = os.path.join(ROOT, "stacks", "target", "lib")


def main():
    jars = glob.glob(os.path.join(LIB, "jsii-runtime-*.jar"))
    if not jars:
        sys.exit("build first: ./mvnw -B -DskipTests -pl stacks package")
    work = tempfile.mkdtemp(prefix="opsstack-node-profile-")
    with zipfile.ZipFile(jars[0]) as jar:
        for name in jar.namelist():
            if name.startswith("software/amazon/jsii/") and name.endswith(".js"):
                jar.extract(name, work)
    base = os.path.join(work, "software", "amazon", "jsii")
    relay = open(os.path.join(base, "bin", "jsii-runtime.js")).read()
    spawn = '[...process.execArgv,"--preserve-symlinks"'
    if spawn not in relay:
        sys.exit("this jsii runtime spawns its child differently; update bench/node_profile.py")
    profiles = os.path.join(work, "profiles")
    relay = relay.replace(spawn, f'["--cpu-prof","--cpu-prof-dir={profiles}","--preserve-symlinks"')
    with open(os.path.join(base, "bin", "jsii-runtime-profiled.js"), "w") as f:
        f.write(relay)
    runtime = os.path.join(work, "runtime.sh")
    with open(runtime, "w") as f:
        f.write(f'#!/bin/sh\nexec node "{base}/bin/jsii-runtime-profiled.js" "$@"\n')
    os.chmod(runtime, 0o755)
    env = dict(os.environ, JSII_RUNTIME=runtime, OPSSTACK_TIMING="1")
    args = sys.argv[1:] or []
    out = os.path.join(work, "out")
    subprocess.run([os.path.join(ROOT, "opsstack"), "synth", "--out", out, *args], env=env, check=True)
    files = glob.glob(os.path.join(profiles, "*.cpuprofile"))
    if not files:
        sys.exit("no profile written")
    summarize(json.load(open(files[0])))
    print(f"\nprofile: {files[0]} (opens in Chrome DevTools, Performance tab)")


def summarize(profile):
    nodes = {n["id"]: n for n in profile["nodes"]}
    parent = {c: n["id"] for n in profile["nodes"] for c in n.get("children", [])}
    spent = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"]):
        spent[sample] += delta / 1000

    def name(node):
        frame = node["callFrame"]
        return f"{frame['functionName'] or '(anonymous)'} {os.path.basename(frame['url'])}"

    total = sum(spent.values())
    # jsii's kernel dispatches each request type to a method of the same name (create, get, invoke, ...).
    apis = ["create", "get", "set", "invoke", "sget", "sinvoke", "load"]
    by_api, self_time = collections.Counter(), collections.Counter()
    waiting = 0.0
    for node_id, ms in spent.items():
        self_time[name(nodes[node_id])] += ms
        seen, x = set(), node_id
        while x is not None:
            n = name(nodes[x])
            if n == "readSync node:fs":
                waiting += ms
            fn, _, url = n.partition(" ")
            if url == "program.js" and fn in apis and fn not in seen:
                by_api[fn] += ms
                seen.add(fn)
            x = parent.get(x)
    print(f"\nNode.js kernel process: {total:.0f} ms sampled, {waiting:.0f} ms of it waiting for the JVM")
    print("\n| jsii request | ms (inclusive) |\n|---|---:|")
    for api, ms in by_api.most_common():
        print(f"| {api} | {ms:.0f} |")
    print("\n| hottest functions (self) | ms |\n|---|---:|")
    for fn, ms in self_time.most_common(15):
        print(f"| {fn} | {ms:.0f} |")


if __name__ == "__main__":
    main()
