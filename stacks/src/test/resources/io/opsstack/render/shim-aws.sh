#!/usr/bin/env bash
# `aws` on the host scripts' PATH: the real AWS CLI v2 (Debian's awscli, /usr/bin/aws), with the emulator's
# endpoint added as the global option --endpoint-url. Debian's CLI is 2.9.19, older than 2.13.0, the first
# version that reads AWS_ENDPOINT_URL: it would go to amazonaws.com (the scripts' environment also points
# HTTP(S)_PROXY at a closed loopback port, so such a request fails instead of leaving the machine).
set -euo pipefail
exec /usr/bin/aws --endpoint-url "$OPSSTACK_TEST_ENDPOINT" "$@"
