# iars: the two commands a fresh Debian machine needs are `make run` and `make test`.
# Both install GLPK (libglpk-dev) first when it is missing.

SWIFT ?= swift
SCENARIO ?= scenarios/albania-2001.yaml
BIN := .build/release/iars

.PHONY: run test build deps clean check-deps check-html

## Plan the default scenario (builds a release binary first).
run: deps
	$(SWIFT) build -c release --product iars
	$(BIN) plan $(SCENARIO)

## Run every test.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

build: deps
	$(SWIFT) build -c release --product iars

## Open the default scenario's HTML report in headless Chromium (apt-get install -y chromium)
## and check it renders its charts without errors; files in .build/report/.
check-html: build
	@scripts/install-browser.sh
	mkdir -p .build/report
	$(BIN) plan $(SCENARIO) --explain --html .build/report/plan.html > /dev/null
	scripts/check-html.sh .build/report/plan.html --out .build/report/check

## Install GLPK's headers and library (Debian: libglpk-dev) when missing.
deps:
	@scripts/install-deps.sh

clean:
	rm -rf .build
