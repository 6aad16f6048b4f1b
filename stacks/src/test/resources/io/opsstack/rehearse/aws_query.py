"""StateLockTest's eyes on the emulator: runs a batch of boto3 calls (JSON on stdin: [{service, region, op,
params}]) against ENDPOINT in one process (one AWS CLI start per read-back costs seconds) and prints
[{ok, result} | {ok: false, code, status}] as JSON. Keys come from the environment (the test's fake ones)."""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main():
    endpoint = sys.argv[1]
    session = boto3.session.Session()
    out = []
    for r in json.load(sys.stdin):
        client = session.client(r["service"], region_name=r["region"], endpoint_url=endpoint,
                                config=Config(s3={"addressing_style": "path"}))
        try:
            result = getattr(client, r["op"])(**r.get("params", {}))
            if "Body" in result:
                result["Body"] = result["Body"].read().decode("utf-8")
            result.pop("ResponseMetadata", None)
            out.append({"ok": True, "result": result})
        except ClientError as e:
            out.append({"ok": False, "code": e.response["Error"].get("Code", ""),
                        "status": e.response["ResponseMetadata"]["HTTPStatusCode"]})
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main()
