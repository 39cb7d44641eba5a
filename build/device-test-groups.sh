#!/usr/bin/env bash
# Runs groups of GPU tests at the same time on the device machine, one JUnit console per group, from a folder that
# holds the `.device` that ../shared/gpu/pack lays out (copy this script there, or run it as build/device-test-groups.sh):
#
#   bash build/device-test-groups.sh "execgpu|200|--include-tag gpu --select-package dev.forge.executor.gpu" \
#     "corpus|200|--include-tag gpu --select-package dev.forge.engine.corpus"
#
# Each argument is "label|time limit in seconds|JUnit console options". Each group's log goes to
# $OUT/gpu-tests-<label>.log (OUT defaults to /tmp/out), and its found/successful/failed counts are printed at the end.
# The groups share the one GPU; one at a time, the corpus and this module's tests take 160 s and 100 s on an H100 host.
device=${DEVICE_DIR:-.device}
out=${OUT:-/tmp/out}
mkdir -p "$out"
bash "$device/run" java -version > /dev/null 2>&1 # unpacks the runtime and the jars once, before the groups race to
pids=()
for group in "$@"; do
  IFS='|' read -r label limit options <<< "$group"
  (
    read -r -a arguments <<< "$options"
    timeout "$limit" bash "$device/run" test "${arguments[@]}" > "$out/gpu-tests-$label.log" 2>&1
    echo "exit status $?" >> "$out/gpu-tests-$label.log"
  ) &
  pids+=($!)
done
wait "${pids[@]}"
for group in "$@"; do
  label=${group%%|*}
  log=$out/gpu-tests-$label.log
  echo "$label: $(grep -E 'tests (found|successful|failed)' "$log" | tr -s ' ' | tr '\n' ' ')$(tail -1 "$log")"
done
