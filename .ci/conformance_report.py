# Helper for .ci/conformance.sh: checks what must hold before the tools run on a spec, and
# turns the validator's and Spectral's results for one spec into its verdict line + details.
#
#   conformance_report.py precheck SPEC
#       prints the validator schema to check SPEC against ("3.0" or "3.1"), from its
#       `openapi` field. Exits 1 with a message if that field is missing or unsupported,
#       disagrees with a version in the file name (openapi-3.1.yaml must say 3.1.x), or if
#       the spec has a $ref to a URL: both tools would try to fetch it, and CI has no network.
#   conformance_report.py verdict SPEC RULESET_NAME VALIDATOR_RC VALIDATOR_LOG \
#                                 SPECTRAL_RC SPECTRAL_JSON SPECTRAL_LOG
#       prints "SPEC: valid; adr-2.2: 0 errors, 12 warnings", then the details of any
#       failure; exits 0 if the spec passes, 1 if it fails. SPECTRAL_RC "-" = not run.
#
# Runs with the CI venv's python, which has PyYAML (a dependency of the validator).

import collections
import json
import re
import sys

import yaml

SUPPORTED = {"3.0": "3.0", "3.1": "3.1"}  # declared major.minor -> validator schema
SPECTRAL_ERROR, SPECTRAL_WARN = 0, 1  # Spectral's JSON severities
SPECTRAL_FOUND_NOTHING, SPECTRAL_FOUND_ERRORS = 0, 1  # its exit codes; anything else is a crash
URL_REF = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # a $ref that starts with a URI scheme
SHOWN_REFS = 5


def url_refs(node):
    """Every $ref value in the document that points at a URL (http:, https:, file:, ...)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and URL_REF.match(value):
                yield value
            else:
                yield from url_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from url_refs(item)


def precheck(spec_path):
    """Return the validator schema for the spec, or exit 1 saying why the tools can't run."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(spec_path, encoding="utf-8") as f:
            doc = yaml.load(f, Loader=loader)
    except (OSError, yaml.YAMLError) as e:
        sys.exit(f"{spec_path}: cannot read as YAML: {e}")
    declared = doc.get("openapi") if isinstance(doc, dict) else None
    if not isinstance(declared, str):
        sys.exit(f"{spec_path}: no string `openapi` field at the top level")
    match = re.fullmatch(r"(\d+\.\d+)\.\d+", declared)
    if not match or match.group(1) not in SUPPORTED:
        sys.exit(f"{spec_path}: unsupported openapi version {declared!r} (expected 3.0.x or 3.1.x)")
    major_minor = match.group(1)
    named = re.search(r"openapi-(\d+\.\d+)\.ya?ml$", spec_path)
    if named and named.group(1) != major_minor:
        sys.exit(f"{spec_path}: file name says {named.group(1)} but the spec declares {declared}")
    refs = sorted(set(url_refs(doc)))
    if refs:
        shown = "\n".join(f"  {ref}" for ref in refs[:SHOWN_REFS])
        more = f"\n  ... and {len(refs) - SHOWN_REFS} more" if len(refs) > SHOWN_REFS else ""
        sys.exit(f"{spec_path}: {len(refs)} distinct $ref(s) to a URL; specs must be self-contained "
                 f"(the tools would fetch them), so neither tool was run:\n{shown}{more}")
    return SUPPORTED[major_minor]


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read().strip()


def indent(text, prefix="    "):
    return "\n".join(prefix + line for line in text.splitlines())


def spectral_results(rc, json_path):
    """Spectral's findings as a list, or None when Spectral crashed instead of linting."""
    if rc not in (SPECTRAL_FOUND_NOTHING, SPECTRAL_FOUND_ERRORS):
        return None
    try:
        with open(json_path, encoding="utf-8") as f:
            results = json.load(f)
    except (OSError, ValueError):
        return None
    return results if isinstance(results, list) else None


def describe(result):
    """One line for one Spectral finding: rule, place in the spec, message."""
    where = ".".join(str(p) for p in result.get("path", [])) or "document root"
    line = result.get("range", {}).get("start", {}).get("line")
    at = f"line {line + 1}, " if isinstance(line, int) else ""
    return f"{result.get('code', '?')} ({at}{where}): {result.get('message', '').strip()}"


def plural(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def verdict(spec, ruleset_name, validator_rc, validator_log, spectral_rc, spectral_json, spectral_log):
    validator_ok = validator_rc == 0
    results = spectral_results(spectral_rc, spectral_json)

    if spectral_rc == "-":
        lint = f"{ruleset_name}: not run"
        errors, warnings = [], []
    elif results is None:
        lint = f"{ruleset_name}: spectral crashed (exit {spectral_rc})"
        errors, warnings = [], []
    else:
        errors = [r for r in results if r.get("severity") == SPECTRAL_ERROR]
        warnings = [r for r in results if r.get("severity") == SPECTRAL_WARN]
        lint = f"{ruleset_name}: {plural(len(errors), 'error')}, {plural(len(warnings), 'warning')}"
        if spectral_rc == SPECTRAL_FOUND_ERRORS and not errors:
            # Spectral said it failed but reported no error: don't trust either.
            lint += f" (but spectral exited {spectral_rc})"
            results = None

    print(f"{spec}: {'valid' if validator_ok else 'INVALID'}; {lint}")

    if not validator_ok:
        print("  validation:")
        print(indent(read_text(validator_log) or "(no output)"))
    if results is None and spectral_rc != "-":
        print("  spectral output:")
        print(indent(read_text(spectral_log) or "(no output)"))
    for r in errors:
        print(f"  error {describe(r)}")
    if warnings:
        by_rule = collections.Counter(r.get("code", "?") for r in warnings)
        listed = ", ".join(f"{code} x{n}" for code, n in sorted(by_rule.items()))
        print(f"  warnings by rule: {listed}")

    return 0 if validator_ok and results is not None and not errors else 1


def main(argv):
    if len(argv) == 3 and argv[1] == "precheck":
        print(precheck(argv[2]))
        return 0
    if len(argv) == 9 and argv[1] == "verdict":
        spec, name, v_rc, v_log, s_rc, s_json, s_log = argv[2:]
        return verdict(spec, name, int(v_rc), v_log, s_rc if s_rc == "-" else int(s_rc), s_json, s_log)
    sys.exit("usage: conformance_report.py precheck SPEC | verdict SPEC ... (see the top of this file)")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
