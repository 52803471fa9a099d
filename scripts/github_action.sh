#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml at the repository root), kept in a script so that
# tests/test_action.py runs them with the variables GitHub sets:
#   github_action.sh install   GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_PATH
#   github_action.sh check     INPUT_PATHS, INPUT_ARGS, INPUT_SARIF, INPUT_SUMMARY,
#                              GITHUB_STEP_SUMMARY, GITHUB_OUTPUT
set -euo pipefail

install() {
    # campaignlint is not on a package index: install the action's own checkout, in a virtual
    # environment of its own so the job's Python packages stay as they were.
    local venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/campaignlint-venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${GITHUB_ACTION_PATH:?}"
    echo "$venv/bin" >> "${GITHUB_PATH:?}"
}

check() {
    local paths=() extra=() formats=(--format github) review="" code=0
    # Paths and extra arguments are separated by spaces or newlines; nothing is glob-expanded.
    read -r -d '' -a paths <<< "${INPUT_PATHS:-.}" || true
    read -r -d '' -a extra <<< "${INPUT_ARGS:-}" || true
    if [ "${#paths[@]}" -eq 0 ]; then
        paths=(.)
    fi
    if [ -n "${INPUT_SARIF:-}" ]; then
        formats+=(--format "sarif:$INPUT_SARIF")
    fi
    if [ "${INPUT_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        review="$(mktemp)"
        formats+=(--format "markdown:$review")
    fi
    campaignlint check "${formats[@]}" ${extra[@]+"${extra[@]}"} -- "${paths[@]}" || code=$?
    if [ -n "$review" ]; then
        if [ -s "$review" ]; then
            cat "$review" >> "$GITHUB_STEP_SUMMARY"
        fi
        rm -f "$review"
    fi
    if [ -n "${GITHUB_OUTPUT:-}" ]; then
        echo "exit-code=$code" >> "$GITHUB_OUTPUT"
    fi
    return "$code"
}

case "${1:-}" in
    install) install ;;
    check) check ;;
    *)
        echo "usage: github_action.sh install|check" >&2
        exit 2
        ;;
esac
