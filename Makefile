# agentmorph: every target creates and reuses .venv from the pinned versions in requirements.lock.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=
CONFORMANCE_ARGS ?=

.PHONY: demo test lint bench bench-instructions conformance fuzz clean vocabulary

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-input -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-input --no-deps --no-build-isolation -e .
	@# bytecode now, as a regular pip install makes it (where PYTHONDONTWRITEBYTECODE is set,
	@# Python would otherwise compile every module on every run)
	@$(PY) -m compileall -q converter formats >/dev/null
	@touch $(STAMP)

demo: $(STAMP)
	@$(PY) fixtures/demo.py

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check converter formats tests bench conformance fixtures/demo.py
	$(PY) -m ruff format --check converter formats tests bench conformance fixtures/demo.py
	$(PY) -m mypy

# converter/targets/vocabulary.json from vocabulary.toml (the file to edit)
vocabulary: $(STAMP)
	$(PY) -m pytest -q tests/test_vocabulary_json.py --update-goldens

bench: $(STAMP)
	$(PY) bench/run.py

# Instructions executed (valgrind's callgrind), which the machine's load does not move:
# 1,000 agents to Codex in one process against the floor script. Another commit:
# INSTRUCTIONS_ARGS="--targets codex,xml --checkout ../old" (a git worktree of it).
bench-instructions: $(STAMP)
	$(PY) bench/instructions.py $(INSTRUCTIONS_ARGS)

# Each tool's own loader (pinned in conformance/package-lock.json, installed once into
# $AGENTMORPH_TOOLS or ~/.cache/agentmorph-conformance; needs node and npm) judges our output
# for every target: writes docs/conformance.md. CONFORMANCE_ARGS=--no-corpus for fixtures only.
conformance: $(STAMP)
	$(PY) conformance/run.py $(CONFORMANCE_ARGS)

# A random search, where `make test` draws the same examples every run: 5,000 generated
# inputs per reader and property, 140,000 in all (about four minutes here). Every property
# test, at random (about an hour): make fuzz FUZZ_TESTS="$(grep -l @given tests/*.py)"
FUZZ_TESTS ?= tests/test_fuzz.py tests/test_settings_fuzz.py
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest $(FUZZ_TESTS) -q --hypothesis-show-statistics

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
