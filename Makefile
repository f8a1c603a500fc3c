.PHONY: check lint test test-fast

check: lint test

lint:
	.venv/bin/ruff check reader tests bench
	.venv/bin/ruff format --check reader tests bench
	.venv/bin/mypy reader
	.venv/bin/lint-imports

test:
	.venv/bin/pytest -q

# Everything but the pilot, tmux and score tiers, for the edit-test loop; `make test` is the CI gate.
# The score tier (`pytest -m score`, ~20 s of CPU) splits hundreds of rewritten and rendered pages to
# score the splitter's robustness; the dev-page bars stay in this tier.
# Two workers (pytest-xdist) that take tests from each other's queues when theirs run dry (the long
# splitter-score tests otherwise leave one worker busy at the end), and bytecode caches written even where PYTHONDONTWRITEBYTECODE is set:
# without them pytest rewrites every test module's asserts in each worker, and each of the tests'
# `python -m reader` subprocesses compiles the package from source again.
test-fast:
	env -u PYTHONDONTWRITEBYTECODE .venv/bin/pytest -q -n 2 --dist worksteal -m "not pilot and not tmux and not score"
