#!/usr/bin/env bash
# Runs a command as on an app host, inside a private mount namespace (started with `unshare -m
# --propagation private`, so nothing here is visible outside it), chrooted into a root built on a tmpfs:
#   /usr, /etc and the /bin, /lib... links or folders: this machine's, bound read-only
#   /opt/opsstack, /data, /tmp: the scratch folder's host/opt-opsstack, host/data and host/tmp
#   /dev, /proc: this machine's; /run/opsstack-test: SCRATCH itself (the shims, HOME and the seed files)
# So the rendered scripts run byte for byte as rendered, with the hosts' absolute paths, and can write nowhere
# but the scratch folder. usage: hostroot.sh SCRATCH COMMAND [ARG...] (the environment is passed through).
set -euo pipefail
s=$1
shift
root="$s/root"
mkdir -p "$root" "$s/host/opt-opsstack" "$s/host/data" "$s/host/tmp"
chmod 1777 "$s/host/tmp"
mount -t tmpfs -o mode=0755 opsstack-host "$root"
for d in usr etc; do
  mkdir "$root/$d"
  mount --rbind "/$d" "$root/$d"
  mount -o remount,bind,ro "$root/$d"
done
for l in bin sbin lib lib32 lib64 libx32; do
  if [ -L "/$l" ]; then
    ln -s "$(readlink "/$l")" "$root/$l"
  elif [ -d "/$l" ]; then
    mkdir "$root/$l"
    mount --rbind "/$l" "$root/$l"
  fi
done
mkdir -p "$root/dev" "$root/proc" "$root/tmp" "$root/opt/opsstack" "$root/data" "$root/run/opsstack-test"
mount --rbind /dev "$root/dev"
mount --rbind /proc "$root/proc"
mount --bind "$s/host/tmp" "$root/tmp"
mount --bind "$s/host/opt-opsstack" "$root/opt/opsstack"
mount --bind "$s/host/data" "$root/data"
mount --bind "$s" "$root/run/opsstack-test"
cd /
exec chroot "$root" "$@"
