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
test-fast:
	.venv/bin/pytest -q -m "not pilot and not tmux"
