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
# The tests' folders go on tmpfs where there is one (FAST_TMPDIR, empty for the usual TMPDIR): a store
# on disk costs fsyncs (~10 ms each time one is made or closed), about half the time of the store and
# import tests, and no test here is about surviving a power cut. A passing test's folder is removed at
# once (it is memory there); a failing one's is kept.
FAST_TMPDIR ?= $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm)
test-fast:
	env -u PYTHONDONTWRITEBYTECODE $(if $(FAST_TMPDIR),TMPDIR=$(FAST_TMPDIR)) .venv/bin/pytest -q -n 2 \
		--dist worksteal -m "not pilot and not tmux and not score" \
		$(if $(FAST_TMPDIR),-o tmp_path_retention_policy=failed)
