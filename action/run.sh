#!/usr/bin/env bash
# Step 2 of the claimcheck GitHub Action (action.yml): check the drafts, print one annotation per
# finding (capped at what GitHub shows, the rest as path:line:col log lines) and append a Markdown
# summary to the step summary. Exits with claimcheck's code: 0 passed, 1 findings at the fail
# level, 2 a usage, input or reference error (for example a reference folder that is empty).
# Reads: INPUT_PATHS, INPUT_REFS, INPUT_ARGS (space-separated; quotes are not parsed),
# GITHUB_STEP_SUMMARY, GITHUB_OUTPUT (GitHub sets both; either may be unset when run by hand).
set -uo pipefail
read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
refs=()
for ref in ${INPUT_REFS:-}; do
  refs+=(--refs "$ref")
done
summary=()
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  summary=(--summary "$GITHUB_STEP_SUMMARY")
fi
claimcheck check "${paths[@]}" "${refs[@]}" --format github "${summary[@]}" "${extra[@]}"
code=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
fi
exit "$code"
