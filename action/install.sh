#!/usr/bin/env bash
# Step 1 of the claimcheck GitHub Action (action.yml): install claimcheck from the action's own
# checkout into a virtual environment of its own, so the docs repository's Python packages and
# claimcheck never share a site-packages (and a project named `claimcheck` on the package index
# can never answer instead). Puts the venv's bin folder on PATH for the next steps.
# Reads: ACTION_PATH (the action's checkout), RUNNER_TEMP, GITHUB_PATH (GitHub sets both).
set -euo pipefail
venv="${RUNNER_TEMP:?}/claimcheck-venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${ACTION_PATH:?}"
"$venv/bin/claimcheck" --version
echo "$venv/bin" >> "${GITHUB_PATH:?}"
