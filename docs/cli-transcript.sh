#!/usr/bin/env bash
# Regenerates the transcript in docs/cli.md: runs each command below with the CLI from the sources (the same code
# as the installed `claimlens` bin) and replaces the text between the transcript markers with what it printed,
# stderr and stdout interleaved as a terminal shows them, and each command's exit code.
# Usage (from the repo root; needs jq): bash docs/cli-transcript.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
printf '#!/usr/bin/env bash\nexec node --import tsx "%s/src/cli/main.ts" "$@"\n' "$PWD" > "$work/bin/claimlens"
chmod +x "$work/bin/claimlens"
head -c 3000 /dev/urandom > "$work/random.bin"
export PATH="$work/bin:$PATH"

run() { # the command as shown, then its output and exit code
  printf '$ %s\n' "$1" | sed "s|$work/||g"
  set +e
  eval "$1" 2>&1 | sed "s|$work/||g"
  local code=${PIPESTATUS[0]}
  set -e
  printf '[exit %s]\n\n' "$code"
}

{
  echo '```console'
  run 'claimlens inspect fixtures/demo/claim.jpg fixtures/generated/provenance/gb45438-label-png-1-pos.png fixtures/generated/metadata/editor-pos.jpg fixtures/generated/jpeg/double-q60-q85.jpg'
  run "claimlens inspect fixtures/generated/metadata/editor-pos.jpg $work/random.bin --json -d metadata | jq -c '{file, risk, score, error}'"
  run "cat fixtures/demo/claim.jpg | claimlens inspect - --json --delivered-at 2026-11-04T10:00:00+08:00 --timezone +08:00 | jq -c '{file, risk, score, codes: [.signals[].code]}'"
  run 'claimlens inspect fixtures/generated/provenance/gb45438-label-png-1-neg.png fixtures/generated/provenance/gb45438-label-png-1-pos.png -d provenance --fail-on high'
  run "claimlens fingerprint fixtures/generated/catalog/catalog/rendered-0.jpg fixtures/demo/catalog.jpg -o $work/fingerprints.jsonl && wc -l < $work/fingerprints.jsonl"
  run "claimlens inspect fixtures/demo/claim.jpg --catalog $work/fingerprints.jsonl -d catalog -l zh-CN"
  run "printf '{\"kind\":\"claimlens/catalog-fingerprint\"\\n' >> $work/fingerprints.jsonl; claimlens inspect fixtures/demo/claim.jpg --catalog $work/fingerprints.jsonl"
  run 'claimlens inspect fixtures/demo/claim.jpg --detectors metadta'
  run 'claimlens'
  echo '```'
} > "$work/transcript.md"

node -e '
const fs = require("fs");
const [doc, part] = process.argv.slice(1);
const text = fs.readFileSync(doc, "utf8");
const start = "<!-- transcript:start -->\n", end = "<!-- transcript:end -->";
const a = text.indexOf(start), b = text.indexOf(end);
if (a < 0 || b < a) throw new Error(doc + ": transcript markers not found");
fs.writeFileSync(doc, text.slice(0, a + start.length) + fs.readFileSync(part, "utf8") + text.slice(b));
' docs/cli.md "$work/transcript.md"
echo "docs/cli.md: transcript regenerated"
