<#-- @ftlvariable name="" type="io.opsstack.render.Models.MountData" -->
#!/usr/bin/env bash
# Mounts the SQLite data volume at ${mountPoint} (formats it only if it has no file system: never twice).
# Rendered by opsstack.
set -euo pipefail
root=$(lsblk -ndo PKNAME "$(findmnt -no SOURCE /)")
for _ in $(seq 60); do
  device=$(lsblk -dnpo NAME,TYPE | awk '$2 == "disk" {print $1}' | grep -v "/dev/$root" | head -n 1 || true)
  [ -n "$device" ] && break
  sleep 5   # the volume is attached after the instance starts
done
[ -n "$device" ] || { echo "no data volume attached" >&2; exit 1; }
blkid "$device" >/dev/null 2>&1 || mkfs.xfs "$device"
mkdir -p ${mountPoint}
uuid=$(blkid -s UUID -o value "$device")
grep -q "$uuid" /etc/fstab || echo "UUID=$uuid ${mountPoint} xfs defaults,nofail 0 2" >> /etc/fstab
mountpoint -q ${mountPoint} || mount ${mountPoint}
