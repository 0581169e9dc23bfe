#!/usr/bin/env bash
# Run pytest; exit code 5 ("no tests collected") is reported, not silently passed.
set -u
py="$1"; shift
"$py" -m pytest "$@"
rc=$?
if [[ $rc -eq 5 ]]; then
  echo "pytest collected no tests for: $*" >&2
fi
exit $rc
