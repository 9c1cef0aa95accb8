#!/usr/bin/env bash
# A sweep as a Slurm job array: 8 tasks, each runs one slice (--shard 8 takes the index from
# SLURM_ARRAY_TASK_ID), then one dependent job merges the slices into sweep.csv and sweep-summary.csv.
# Submit from a checkout on a shared file system (after `npm install`):   bash docs/cluster/slurm-sweep.sh
set -euo pipefail
MODEL=${MODEL:-presets/startup-monolith-knee.archsim.json}
OUT=${OUT:-results/sweep}
SHARDS=${SHARDS:-8}
mkdir -p "$OUT"
array=$(sbatch --parsable --array=0-$((SHARDS - 1)) --cpus-per-task=2 -o "$OUT/slurm-%A_%a.out" --wrap \
  "npx archsim sweep '$MODEL' --vary nodes.db.params.concurrency=2:16:2 --seeds 4 --workers 2 --shard $SHARDS --out '$OUT'")
sbatch --parsable --dependency=afterok:"$array" -o "$OUT/slurm-merge.out" --wrap "npx archsim merge '$OUT'"
