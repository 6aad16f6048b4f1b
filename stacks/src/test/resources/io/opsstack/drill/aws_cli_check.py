"""Would the AWS CLI accept these commands? Reads a JSON list of argument lists (after `aws`) on stdin and prints a
JSON list with one entry per command: null when accepted, else the problem. Checked against botocore's own service models, the ones the AWS CLI
parses its arguments from: the service and operation (or waiter) exist, every --option is a member of the
operation's input (kebab-case, `--no-x` for a boolean), or a global or paging option, and every required member is
given. Runs nothing, reaches nothing."""
import json
import sys

import botocore.session
from botocore import xform_name

GLOBAL = {"--region", "--query", "--output", "--endpoint-url", "--profile", "--no-cli-pager", "--no-paginate",
          "--debug", "--no-verify-ssl", "--cli-input-json", "--generate-cli-skeleton", "--color", "--no-sign-request"}
PAGING = {"--max-items", "--starting-token", "--page-size"}
FLAGS = {"--no-cli-pager", "--no-paginate", "--debug", "--no-verify-ssl", "--no-sign-request"}
# High-level commands the CLI adds on top of the models (customizations): name -> accepted options.
CUSTOM = {("ssm", "start-session"): {"--target", "--document-name", "--parameters", "--reason"},
          ("s3", "cp"): None, ("s3", "ls"): None, ("s3", "sync"): None, ("s3", "rm"): None}


def check(session, args):
    if len(args) < 2:
        return "too short: aws " + " ".join(args)
    service, op = args[0], args[1]
    rest = args[2:]
    if (service, op) in CUSTOM:
        allowed = CUSTOM[(service, op)]
        if allowed is None:
            return None
        for a in rest:
            if a.startswith("--") and a not in allowed | GLOBAL:
                return f"aws {service} {op}: unknown option {a}"
        return None
    try:
        model = session.get_service_model(service)
    except Exception:
        return f"aws {service}: no such service"
    ops = {xform_name(name, "-"): name for name in model.operation_names}
    paging = set()
    if op == "wait":
        if not rest:
            return f"aws {service} wait: a waiter name is needed"
        waiters = session.get_waiter_model(service)
        names = {xform_name(n, "-"): n for n in waiters.waiter_names}
        if rest[0] not in names:
            return f"aws {service} wait {rest[0]}: no such waiter"
        operation = model.operation_model(waiters.get_waiter(names[rest[0]]).operation)
        rest = rest[1:]
        label = f"aws {service} wait"
    else:
        if op not in ops:
            return f"aws {service} {op}: no such operation"
        operation = model.operation_model(ops[op])
        paging = PAGING
        label = f"aws {service} {op}"
    members = operation.input_shape.members if operation.input_shape else {}
    options = {}
    for name, shape in members.items():
        options["--" + xform_name(name, "-")] = (name, shape)
    given = set()
    i = 0
    while i < len(rest):
        a = rest[i]
        if not a.startswith("--"):
            return f"{label}: unexpected argument {a!r}"
        if a in GLOBAL or a in paging:
            i += 1 if a in FLAGS else 2
            continue
        negated = a.startswith("--no-") and ("--" + a[5:]) in options
        key = "--" + a[5:] if negated else a
        if key not in options:
            return f"{label}: unknown option {a}"
        name, shape = options[key]
        given.add(name)
        if shape.type_name == "boolean":
            i += 1
            continue
        if negated:
            return f"{label}: {a} is not a boolean option"
        if i + 1 >= len(rest) or rest[i + 1].startswith("--"):
            return f"{label}: {a} needs a value"
        i += 2
        while shape.type_name == "list" and i < len(rest) and not rest[i].startswith("--"):
            i += 1
    required = set(operation.input_shape.required_members) if operation.input_shape else set()
    missing = sorted(required - given)
    if missing:
        return f"{label}: missing " + ", ".join("--" + xform_name(m, "-") for m in missing)
    return None


def main():
    session = botocore.session.get_session()
    # One answer per command, in order: null when accepted.
    print(json.dumps([check(session, args) for args in json.load(sys.stdin)]))


if __name__ == "__main__":
    main()
