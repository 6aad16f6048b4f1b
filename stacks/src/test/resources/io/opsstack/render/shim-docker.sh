#!/usr/bin/env bash
# `docker` on the host scripts' PATH: `docker run [--rm] [--network host] [-v P:P]... IMAGE COMMAND ARG...` runs
# COMMAND natively, from this machine's PostgreSQL client (/usr/lib/postgresql/<newest>/bin). Anything else is
# refused, so a script that starts using docker differently fails here instead of being half emulated.
# --network host: the container would share the host's network, as the native command does. -v P:P: the same
# path inside and out, as natively; another mapping is refused. The image is logged to $OPSSTACK_TEST_DOCKER_LOG.
# PGHOSTADDR: the database's endpoint name (moto's <id>.aaaaaaaaaa.<region>.rds.amazonaws.com) resolves to
# nothing here; in the VPC it resolves to the instance. libpq connects to PGHOSTADDR when the URL names a host
# but no hostaddr, so the URL is used unchanged (user, password, port, database, sslmode=require).
set -euo pipefail
[ "${1:-}" = run ] || { echo "docker shim: only 'docker run' is emulated, got: $*" >&2; exit 125; }
shift
while [ $# -gt 0 ]; do
  case "$1" in
    --rm) shift ;;
    --network) [ "${2:-}" = host ] || { echo "docker shim: only --network host, got: ${2:-}" >&2; exit 125; }; shift 2 ;;
    -v) src=${2%%:*}; dst=${2#*:}
        [ "$src" = "$dst" ] || { echo "docker shim: only identity volumes (-v P:P), got: $2" >&2; exit 125; }
        shift 2 ;;
    -*) echo "docker shim: option not emulated: $1" >&2; exit 125 ;;
    *) break ;;
  esac
done
image=$1
shift
command=$1
shift
echo "$image $command" >> "$OPSSTACK_TEST_DOCKER_LOG"
bin=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path "*/bin/$command" | sort -V | tail -1)
[ -n "$bin" ] || { echo "docker shim: no native $command for $image" >&2; exit 127; }
PGHOSTADDR="$OPSSTACK_TEST_PGHOSTADDR" exec "$bin" "$@"
