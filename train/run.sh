#!/usr/bin/env bash
# One command rebuilds the edits model from scratch: `npm run train:edits` (docs/edits.md, "Rebuild").
# Data goes to $EDITS_DATA (default /work/data/edits, outside git); the weights to src/detectors/edits/weights.ts;
# the evaluation set to fixtures/out/edits/. Python: Debian's /usr/bin/python3 (torch, numpy, OpenCV), never the
# python3 first on PATH. Every step is seeded; the whole run is niced, for a shared machine.
#   --eval-set     only the evaluation set (npm run fixtures:edits)
#   --from STEP    resume at a step (after an interruption); earlier steps' outputs must exist
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
export EDITS_DATA=${EDITS_DATA:-/work/data/edits}
mkdir -p "$EDITS_DATA"
LOG="$EDITS_DATA/run.log"
MODE=full
FROM=
case "${1:-}" in
  --eval-set) MODE=eval ;;
  --from) FROM=${2:?--from needs a step name} ;;
  "") ;;
  *) echo "usage: train/run.sh [--eval-set | --from STEP]" >&2; exit 2 ;;
esac
[ -z "$FROM" ] && : > "$LOG"
step() {
  local name=$1; shift
  if [ -n "$FROM" ]; then
    [ "$name" = "$FROM" ] || { echo "== $name: skipped (resuming at $FROM)" | tee -a "$LOG"; return 0; }
    FROM=
  fi
  local t0=$SECONDS
  echo "== $name" | tee -a "$LOG"
  nice -n 10 "$@" 2>&1 | tee -a "$LOG"
  echo "== $name: $((SECONDS - t0)) s" | tee -a "$LOG"
}
T0=$SECONDS
if [ "$MODE" = eval ]; then
  rm -rf "$EDITS_DATA/gen/test"
  step sources $PY train/sources.py
  [ -f "$EDITS_DATA/ae-a.pt" ] && [ -f "$EDITS_DATA/ae-b.pt" ] || step autoencoders $PY train/autoencoder.py
  step generate-test $PY train/generate.py test
  step launder-test npx tsx train/launder.ts test
  step evaluation-set npx tsx train/manifest.ts
  echo "== total: $((SECONDS - T0)) s" | tee -a "$LOG"
  exit 0
fi
[ -z "$FROM" ] && rm -rf "$EDITS_DATA/gen" "$EDITS_DATA/feats" "$EDITS_DATA/sim"
step sources $PY train/sources.py
step camera-simulation $PY train/camera_sim.py
step autoencoders $PY train/autoencoder.py
# The splits are independent: two at a time on two cores.
step generate-train-val bash -c "rm -rf '$EDITS_DATA/gen/train' '$EDITS_DATA/gen/val'; $PY train/generate.py train > '$EDITS_DATA/gen-train.log' 2>&1 & $PY train/generate.py val > '$EDITS_DATA/gen-val.log' 2>&1; wait"
step generate-test bash -c "rm -rf '$EDITS_DATA/gen/test'; $PY train/generate.py test"
for s in train val test; do step "launder-$s" npx tsx train/launder.ts $s; done
for s in train val; do step "features-$s" npx tsx train/features.ts $s; done
step train-model $PY train/train_model.py
step export npx tsx train/export.ts "$EDITS_DATA/model.json" --version "edits-v1-seed14"
step evaluation-set npx tsx train/manifest.ts
echo "== total: $((SECONDS - T0)) s" | tee -a "$LOG"
