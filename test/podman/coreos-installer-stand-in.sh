#!/bin/sh
# STAND-IN for coreos-installer, NOT the real tool (no registry is reachable in CI, and
# coreos-installer cannot be built offline). It reports what the container received — working
# directory, arguments, the bytes at the mounted paths, whether the base is read-only — and
# writes an output file made of the base followed by the config, so the host can check both.
echo "stand-in-cwd: $(pwd)"
for arg in "$@"; do echo "stand-in-arg: $arg"; done
config=""; output=""; base=""
while [ $# -gt 0 ]; do
  case "$1" in
    -i|--ignition-file|--dest-ignition) config="$2"; shift 2 ;;
    -o|--output) output="$2"; shift 2 ;;
    --dest-device) shift 2 ;;
    -*) shift ;;
    *) base="$1"; shift ;;
  esac
done
[ -n "$config" ] && [ -n "$output" ] && [ -n "$base" ] || { echo "Error: stand-in needs -i/--dest-ignition, -o and an ISO" >&2; exit 1; }
[ -e "$output" ] && { echo "Error: $output exists" >&2; exit 1; }
echo "stand-in-config-sha256: $(sha256sum < "$config" | cut -d' ' -f1)"
echo "stand-in-base-sha256: $(sha256sum < "$base" | cut -d' ' -f1)"
if (: >> "$base") 2>/dev/null; then echo "stand-in-base-writable: yes"; else echo "stand-in-base-writable: no"; fi
cat "$base" "$config" > "$output"
