# iars: the two commands a fresh Debian machine needs are `make run` and `make test`.
# Both install GLPK (libglpk-dev) first when it is missing.

SWIFT ?= swift
SCENARIO ?= scenarios/albania-2001.yaml
BIN := .build/release/iars
# The Swift runtime and Foundation linked in: a process starts in about 21 ms instead of
# 27 ms (the S benchmark plan), which is most of a small plan's time (docs/performance.md).
RELEASE := -c release --product iars --static-swift-stdlib

.PHONY: run test test-fast build bench bench-family deps clean check-deps check-html check-slurm fuzz check-asan format check-format

## Plan the default scenario (builds a release binary first).
run: deps
	$(SWIFT) build $(RELEASE)
	$(BIN) plan $(SCENARIO)

## Run every test.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Run every test but those tagged .slow (over about a second) or .timing (wall-clock checks):
## under a minute once built. Swift 6.3's `swift test` cannot skip by tag (`--skip tag:slow`
## comes later), so scripts/tagged-tests.py lists the tagged tests from the event stream.
test-fast: deps
	$(SWIFT) build --build-tests
	@skip="$$(SWIFT=$(SWIFT) scripts/tagged-tests.py slow timing)" && \
		echo "$(SWIFT) test --skip-build --skip <the tests tagged slow or timing>" && \
		$(SWIFT) test --skip-build --skip "$$skip"

## Fuzz the scenario, schedule and caseload readers (libFuzzer + ASan), FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

## Run every test under the address sanitizer and leak checker (own scratch folder .build-asan).
check-asan: deps
	scripts/check-asan.sh

build: deps
	$(SWIFT) build $(RELEASE)

## Benchmarks: plans S/M/L/XL (integer and LP) and schedules; table in Benchmarks/results/latest.md.
## TIME_LIMIT=60 SIZES="S M" MODES=integer ... narrow it (see Benchmarks/bench.py).
bench: build
	@command -v glpsol >/dev/null || { echo "bench: installing glpk-utils (glpsol) to compare with"; \
		apt-get install -y glpk-utils >/dev/null 2>&1 || sudo apt-get install -y glpk-utils >/dev/null 2>&1 || \
		echo "bench: cannot install glpk-utils; the glpsol columns stay empty"; }
	python3 Benchmarks/bench.py

## Programme-sized plans with a binding budget (Benchmarks/scenarios/family): iars against the
## HiGHS reference on each; table in Benchmarks/results/family.md (see Benchmarks/family.py).
bench-family: build
	python3 Benchmarks/family.py

## Open the HTML reports (plan, compare, sweep) in headless Chromium (apt-get install -y chromium)
## and check it renders its charts without errors; files in .build/report/.
check-html: build
	@scripts/install-browser.sh
	mkdir -p .build/report
	$(BIN) plan $(SCENARIO) --explain --html .build/report/plan.html > /dev/null
	scripts/check-html.sh .build/report/plan.html --out .build/report/check
	$(BIN) compare scenarios/albania-2001.yaml --html .build/report/compare.html > /dev/null
	scripts/check-html.sh .build/report/compare.html --out .build/report/check-compare
	$(BIN) sweep scenarios/albania-2001.yaml --vary budget.total=18000:24000:1000 --vary 'groups.*.arrivals*=0.8:1.2:0.1' --html .build/report/sweep.html > /dev/null
	scripts/check-html.sh .build/report/sweep.html --out .build/report/check-sweep
	@# a one-parameter sweep: budget used beside mean bed use
	$(BIN) sweep scenarios/albania-2001.yaml --vary budget.total=18000:24000:1000 --html .build/report/sweep1.html > /dev/null
	scripts/check-html.sh .build/report/sweep1.html --out .build/report/check-sweep1
	@# the run history: two labelled batches of the default scenario
	rm -rf .build/report/history && mkdir -p .build/report/history/in
	cp $(SCENARIO) .build/report/history/in/
	$(BIN) batch .build/report/history/in --out .build/report/history/out --db .build/report/history/h.sqlite --label 2001-W01 > /dev/null
	$(BIN) batch .build/report/history/in --out .build/report/history/out --db .build/report/history/h.sqlite --label 2001-W02 --force > /dev/null
	$(BIN) history list --db .build/report/history/h.sqlite --html .build/report/history.html > /dev/null
	scripts/check-html.sh .build/report/history.html --out .build/report/check-history
	@# the risk page: fan chart, unmet distribution, capacities full (docs/risk.md)
	$(BIN) risk $(SCENARIO) --futures 60 --buy tirana-annex=1 --html .build/report/risk.html > /dev/null
	scripts/check-html.sh .build/report/risk.html --out .build/report/check-risk

## The Slurm array job of `iars risk` (docs/examples/slurm/iars-risk.sbatch) run for real on a
## one-node Slurm started here (Debian's slurm-wlm, as root), merged, and compared byte for byte
## with one unsharded run (docs/risk.md). Says NOT RUN and fails where Slurm cannot be started.
check-slurm: build
	scripts/check-slurm.sh $(BIN)

## swift-format with .swift-format (4 spaces, 120 columns): rewrite the Swift files in place,
## or fail when that would change something (or a lint rule is broken), naming file and line;
## check-format also fails on a function outside the tests over 80 lines (scripts/function-lengths.py).
FORMAT_PATHS := Package.swift Sources Tests Fuzz
format:
	$(SWIFT) format --in-place --recursive --parallel $(FORMAT_PATHS)

check-format:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMAT_PATHS)
	python3 scripts/function-lengths.py --limit 80 Sources

## Install GLPK's headers and library (Debian: libglpk-dev) when missing.
deps:
	@scripts/install-deps.sh

clean:
	rm -rf .build .build-asan .build-fuzz Fuzz/.build
