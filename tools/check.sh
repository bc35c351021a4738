#!/usr/bin/env bash
# Every check in one command: lint, format, types, tests.
# Run from the repository root inside the project's virtual environment
# (pip install -e '.[test,spacy,lint]').
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ruff check";  python -m ruff check reader tests tools
echo "== ruff format"; python -m ruff format --check reader tests tools
echo "== mypy";        python -m mypy
echo "== imports";     lint-imports
echo "== pytest";      python -m pytest -q
