.PHONY: check lint test test-fast

check: lint test

lint:
	.venv/bin/ruff check reader tests bench
	.venv/bin/ruff format --check reader tests bench
	.venv/bin/mypy reader
	.venv/bin/lint-imports

test:
	.venv/bin/pytest -q

# Everything but the pilot and tmux tiers, for the edit-test loop; `make test` is the CI gate.
# Two workers (pytest-xdist) that take tests from each other's queues when theirs run dry (the long
# splitter-score tests otherwise leave one worker busy at the end), and bytecode caches written even where PYTHONDONTWRITEBYTECODE is set:
# without them pytest rewrites every test module's asserts in each worker, and each of the tests'
# `python -m reader` subprocesses compiles the package from source again.
test-fast:
	env -u PYTHONDONTWRITEBYTECODE .venv/bin/pytest -q -n 2 --dist worksteal -m "not pilot and not tmux"
