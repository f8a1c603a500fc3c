.PHONY: check lint test

check: lint test

lint:
	.venv/bin/ruff check reader tests bench
	.venv/bin/ruff format --check reader tests bench
	.venv/bin/mypy reader
	.venv/bin/lint-imports

test:
	.venv/bin/pytest -q
