# iars: the two commands a fresh Debian machine needs are `make run` and `make test`.
# Both install GLPK (libglpk-dev) first when it is missing.

SWIFT ?= swift
SCENARIO ?= scenarios/albania-2001.yaml
BIN := .build/release/iars

.PHONY: run test build deps clean check-deps fuzz check-asan

## Plan the default scenario (builds a release binary first).
run: deps
	$(SWIFT) build -c release --product iars
	$(BIN) plan $(SCENARIO)

## Run every test.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Fuzz the scenario, schedule and caseload readers (libFuzzer + ASan), FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

## Run every test under the address sanitizer and leak checker (own scratch folder .build-asan).
check-asan: deps
	scripts/check-asan.sh

build: deps
	$(SWIFT) build -c release --product iars

## Install GLPK's headers and library (Debian: libglpk-dev) when missing.
deps:
	@scripts/install-deps.sh

clean:
	rm -rf .build .build-asan .build-fuzz Fuzz/.build
