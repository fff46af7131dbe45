#!/usr/bin/env bash
# POSIX message queues are listed through the mqueue filesystem; containers often lack it.
# Mounts it at /dev/mqueue when it is missing and we are allowed to; says so either way.
if grep -qs ' /dev/mqueue mqueue ' /proc/mounts; then
    exit 0
fi
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null && sudo_cmd=(sudo -n)
if "${sudo_cmd[@]}" mkdir -p /dev/mqueue 2>/dev/null && "${sudo_cmd[@]}" mount -t mqueue none /dev/mqueue 2>/dev/null; then
    echo "ipcscope: mounted the mqueue filesystem at /dev/mqueue" >&2
else
    echo "ipcscope: /dev/mqueue is not mounted and I cannot mount it; POSIX queue listings will say so" >&2
fi
exit 0
