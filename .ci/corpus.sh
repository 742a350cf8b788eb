#!/usr/bin/env bash
# Generates every pattern from every real model export in the shared reference data
# ($PATROON_REFDATA/xmi), with the profile in tests/corpus/<file stem>.profile.yaml where
# there is one, into the folder given as $1. Prints one line per model; fails if any
# model cannot be generated. The LinkML file is not a model patroon reads and is skipped.
#
#   .ci/corpus.sh OUT_DIR
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
refdata="${PATROON_REFDATA:-$repo_dir/../shared/refdata}"
out="${1:?usage: .ci/corpus.sh OUT_DIR}"
patroon="${PATROON_BIN:-$repo_dir/target/debug/patroon}"

[ -x "$patroon" ] || { echo "corpus: $patroon not built (run cargo build first)" >&2; exit 1; }
[ -d "$refdata/xmi" ] || { echo "corpus: $refdata/xmi not found" >&2; exit 1; }

failed=0
for model in "$refdata"/xmi/*; do
    name="$(basename "$model")"
    case "$name" in
        *.md | *.linkml.yml) continue ;;
    esac
    stem="${name%%.*}"
    args=(generate -q --model "$model" --out "$out/$stem")
    profile="$repo_dir/tests/corpus/$stem.profile.yaml"
    [ -f "$profile" ] && args+=(--profile "$profile")
    if "$patroon" "${args[@]}"; then
        echo "corpus: $name: generated"
    else
        echo "corpus: $name: FAILED"
        failed=1
    fi
done
exit "$failed"
