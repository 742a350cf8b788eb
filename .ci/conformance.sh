#!/usr/bin/env bash
# Conformance check for OpenAPI specs: openapi-spec-validator (against the schema of the
# version each spec declares, 3.0 or 3.1) and Spectral with the ADR 2.2 ruleset from
# ../shared/refdata. Installs both tools, pinned, into a reusable cache folder first.
# A spec with a $ref to a URL fails without either tool running (they would fetch it).
#
#   .ci/conformance.sh SPEC...
#
# Prints one line per spec and ends with "N passed, M failed"; exits 1 if any spec fails.
# Environment: PATROON_CI_CACHE (tool cache, default ~/.cache/patroon-ci), PATROON_REFDATA
# (default ../shared/refdata beside the clone), PATROON_ADR_RULESET (default: ADR 2.2 in it).
set -euo pipefail

ci_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$ci_dir")"
refdata="${PATROON_REFDATA:-$repo_dir/../shared/refdata}"
ruleset="${PATROON_ADR_RULESET:-$refdata/conventions/adr/adr-2.2.spectral.yaml}"
ruleset_name="$(basename "$ruleset" .spectral.yaml)"
cache="${PATROON_CI_CACHE:-$HOME/.cache/patroon-ci}"
report="$ci_dir/conformance_report.py"

die() { echo "conformance: $*" >&2; exit 1; }
now() { echo "$EPOCHREALTIME"; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# A short key that changes whenever the given text changes (inputs of an install).
cache_key() { sha256sum | cut -c1-16; }

# Remove the other versions of a cached install, keeping the current one.
prune_siblings() {
    local keep="$1"
    find "$(dirname "$keep")" -mindepth 1 -maxdepth 1 -name "$(basename "${keep%-*}")-*" \
        ! -name "$(basename "$keep")" -exec rm -rf {} +
}

# openapi-spec-validator and its dependencies, exactly as .ci/requirements.txt pins them.
install_validator() {
    local key
    key="$( { cat "$ci_dir/requirements.txt"; python3 -c 'import sys; print(sys.version)'; } | cache_key)"
    venv="$cache/validator-$key"
    if [ -f "$venv/.installed" ]; then
        echo "openapi-spec-validator: reusing $venv"
        return
    fi
    echo "openapi-spec-validator: installing into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv" || die "python3 -m venv failed"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$ci_dir/requirements.txt" ||
        die "pip install -r .ci/requirements.txt failed"
    "$venv/bin/pip" check >/dev/null || die "pip check failed in $venv"
    touch "$venv/.installed"
    prune_siblings "$venv"
}

# Spectral CLI, exactly as .ci/spectral/package-lock.json pins it. --ignore-scripts: no
# package needs its install script to lint (the only one is a telemetry ping).
install_spectral() {
    local key
    key="$( { cat "$ci_dir/spectral/package.json" "$ci_dir/spectral/package-lock.json"; node --version; } | cache_key)"
    spectral_dir="$cache/spectral-$key"
    spectral="$spectral_dir/node_modules/.bin/spectral"
    if [ -f "$spectral_dir/.installed" ]; then
        echo "spectral: reusing $spectral_dir"
        return
    fi
    echo "spectral: installing into $spectral_dir"
    rm -rf "$spectral_dir"
    mkdir -p "$spectral_dir"
    cp "$ci_dir/spectral/package.json" "$ci_dir/spectral/package-lock.json" "$spectral_dir/"
    npm ci --prefix "$spectral_dir" --ignore-scripts --no-audit --no-fund --loglevel=error ||
        die "npm ci for .ci/spectral failed"
    touch "$spectral_dir/.installed"
    prune_siblings "$spectral_dir"
}

# --- preconditions -----------------------------------------------------------------------
[ $# -gt 0 ] || die "usage: $0 SPEC..."
for spec in "$@"; do
    [ -f "$spec" ] || die "no such spec file: $spec"
done
[ -d "$refdata" ] || die "reference data not found at $refdata: CI needs ../shared/refdata beside the clone"
[ -f "$ruleset" ] || die "Spectral ruleset not found at $ruleset"
for tool in python3 node npm; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done

# --- install (pinned, cached) ------------------------------------------------------------
install_start="$(now)"
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9 # one CI run at a time may install into or read from the cache
install_validator
install_spectral
py="$venv/bin/python"
validator_version="$("$venv/bin/openapi-spec-validator" --version | awk '{ print $NF }')"
spectral_version="$("$spectral" --version)"
pinned_spectral="$(node -p 'require(process.argv[1]).dependencies["@stoplight/spectral-cli"]' \
    "$ci_dir/spectral/package.json")"
[ "$spectral_version" = "$pinned_spectral" ] ||
    die "spectral reports version $spectral_version, expected $pinned_spectral"
echo "tools: openapi-spec-validator $validator_version, spectral $spectral_version, ruleset $ruleset_name"
echo "[time] install tools: $(seconds_since "$install_start")s"

# --- check each spec ---------------------------------------------------------------------
# Two specs at a time (the machines have two cores); each writes its verdict to its own
# file, and the verdicts are printed in the order of the arguments.
check_start="$(now)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

check_one() {
    local idx="$1" spec="$2" dir="$work/$1"
    mkdir -p "$dir"
    local validator_rc=0 spectral_rc=0 schema

    # The precheck names the schema of the declared version (never 3.0 rules for a 3.1 spec)
    # and refuses specs whose $refs would make the tools fetch URLs: those get no tool run.
    if schema="$("$py" "$report" precheck "$spec" 2>"$dir/validator.log")"; then
        "$venv/bin/openapi-spec-validator" --schema "$schema" "$spec" >"$dir/validator.log" 2>&1 ||
            validator_rc=$?
        # Spectral exits 0 (no errors) or 1 (errors found) after linting; else it crashed.
        "$spectral" lint --quiet --ruleset "$ruleset" --format json --fail-severity error \
            --output "$dir/spectral.json" "$spec" >"$dir/spectral.log" 2>&1 || spectral_rc=$?
    else
        validator_rc=1
        spectral_rc=-
    fi

    local verdict_rc=0
    "$py" "$report" verdict "$spec" "$ruleset_name" \
        "$validator_rc" "$dir/validator.log" "$spectral_rc" "$dir/spectral.json" "$dir/spectral.log" \
        >"$dir/verdict.txt" 2>&1 || verdict_rc=$?
    echo "$verdict_rc" >"$dir/verdict.rc"
}
export -f check_one
export work py report venv spectral ruleset ruleset_name

for idx in $(seq 1 $#); do printf '%s\0%s\0' "$idx" "${!idx}"; done |
    xargs -0 -n 2 -P 2 bash -c 'check_one "$1" "$2"' _

passed=0
failed=0
for idx in $(seq 1 $#); do
    cat "$work/$idx/verdict.txt"
    if [ "$(cat "$work/$idx/verdict.rc" 2>/dev/null)" = "0" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
check_seconds="$(seconds_since "$check_start")"
echo "[time] check $# spec(s): ${check_seconds}s ($(awk -v t="$check_seconds" -v n="$#" 'BEGIN { printf "%.1f", t / n }')s per spec)"
if [ -n "${PATROON_CI_START:-}" ]; then
    echo "[time] CI total: $(seconds_since "$PATROON_CI_START")s"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
