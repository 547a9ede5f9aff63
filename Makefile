# convene: `make run` serves the demo on SQLite, `make test` runs every test.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

export PATH := $(HOME)/.cargo/bin:$(PATH)

CARGO_LEPTOS_VERSION := 0.3.11
# The wasm-bindgen CLI must match the library version locked in Cargo.lock.
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3; exit }' Cargo.lock)

DATABASE_URL ?= sqlite://data/convene.db
CONVENE_ADDR ?= 127.0.0.1:3000
E2E_PORT ?= 3099
# A throw-away account the end-to-end tests sign in with.
E2E_PASSWORD := end2end-host-password

.PHONY: run build release load load-mixed weight tools apt-tools browser-tools feed-parsers test unit e2e fmt clippy clean

## Install what is missing: wasm target, cargo-leptos, the matching wasm-bindgen CLI.
tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if ! cargo leptos --version >/dev/null 2>&1; then \
	  echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (needs a nightly toolchain; about 25 minutes once)"; \
	  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal; \
	  cargo +nightly install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked; \
	fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -qF "$(WASM_BINDGEN_VERSION)"; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 10 minutes once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi

## Build the server and the browser bundle (debug).
build: tools
	cargo leptos build

## Serve the demo organisation on SQLite at http://$(CONVENE_ADDR).
run: build
	DATABASE_URL='$(DATABASE_URL)' CONVENE_ADDR='$(CONVENE_ADDR)' ./target/debug/convene serve --demo-if-empty

## Everything: unit and integration tests on SQLite and on a throw-away PostgreSQL
## (or the empty database CONVENE_TEST_DATABASE_URL names), then end2end tests in
## headless Chromium.
test: unit e2e

# The tests build with the flags and features of `cargo leptos build` (.cargo/config.toml,
# default feature `ssr`), so the server graph is compiled once for both.
unit: tools
	@command -v xmllint >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq libxml2-utils >/dev/null; }
	cargo test --workspace --no-run
	.ci/with-postgres cargo test --workspace --no-fail-fast

## Debian's Chromium and the Playwright test runner (no browser download).
browser-tools:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	@command -v pdftotext >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; }
	@cd end2end && { [ -d node_modules/@playwright/test ] && [ -d node_modules/ical.js ] || npm ci --no-audit --no-fund; }

## Independent readers the tests use: Python's icalendar for feeds, zxing-cpp for QR codes.
feed-parsers:
	@[ -x target/pyenv/bin/python ] || python3 -m venv target/pyenv
	@target/pyenv/bin/python -c 'import icalendar, zxingcpp, PIL' 2>/dev/null || \
	  target/pyenv/bin/pip install -q 'icalendar==6.1.3' 'zxing-cpp==3.1.1' 'pillow==13.0.0'

e2e: build browser-tools feed-parsers
	@rm -rf target/e2e && mkdir -p target/e2e
	@export DATABASE_URL=sqlite://target/e2e/convene.db; \
	  ./target/debug/convene demo >/dev/null && \
	  CONVENE_PASSWORD='$(E2E_PASSWORD)' ./target/debug/convene user create --email host@example.org \
	    --name 'Society host' --org families-association --role host >/dev/null && \
	  CONVENE_PASSWORD='$(E2E_PASSWORD)' ./target/debug/convene user create --email organiser@example.org \
	    --name 'Organiser' --org families-association --role organiser >/dev/null && \
	  CONVENE_PASSWORD='$(E2E_PASSWORD)' ./target/debug/convene user create --email owner@example.org \
	    --name 'Owner' --org families-association --role owner >/dev/null
	@DATABASE_URL=sqlite://target/e2e/convene.db CONVENE_ADDR=127.0.0.1:$(E2E_PORT) RUST_LOG=warn \
	  ./target/debug/convene serve > target/e2e/server.log 2>&1 & echo $$! > target/e2e/server.pid
	@for i in $$(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:$(E2E_PORT)/ && break; sleep 0.2; done
	@status=0; (cd end2end && BASE_URL=http://127.0.0.1:$(E2E_PORT) E2E_EMAIL=host@example.org E2E_PASSWORD='$(E2E_PASSWORD)' npx playwright test) || status=$$?; \
	  kill $$(cat target/e2e/server.pid) 2>/dev/null || true; \
	  if [ $$status -ne 0 ]; then echo "--- server log"; tail -n 50 target/e2e/server.log; fi; \
	  exit $$status

## Release build, for benchmarks.
release: tools
	@# cargo-leptos optimises the release wasm with wasm-opt; binaryen 116 from crates.io
	@# works (older Debian builds produce a wasm that fails to hydrate).
	@wasm-opt --version 2>/dev/null | grep -q 'version 11[6-9]\|version 1[2-9][0-9]' || cargo install wasm-opt --version 0.116.1
	cargo leptos build --release

## Load test (wrk on loopback) of a release build of the server: feeds (200 and 304)
## and public pages. Set DATABASE_URL to run it on PostgreSQL.
load: tools
	LEPTOS_OUTPUT_NAME=convene cargo build --release --bin convene
	benches/load.sh ./target/release/convene

## Mixed load (wrk on loopback, 60 s) of a release build: 500 feed subscribers polling
## with If-None-Match, 200 page readers and 20 organisers editing agendas at once.
## Set DATABASE_URL to run it on PostgreSQL (that database is emptied first).
load-mixed: tools
	LEPTOS_OUTPUT_NAME=convene cargo build --release --bin convene
	benches/mixed.sh ./target/release/convene

## Bytes a visitor's browser transfers for public pages (release build, compressed).
weight: release browser-tools
	@rm -rf target/weight && mkdir -p target/weight
	@DATABASE_URL=sqlite://target/weight/convene.db CONVENE_ADDR=127.0.0.1:3098 RUST_LOG=warn \
	  ./target/release/convene serve --demo-if-empty > target/weight/server.log 2>&1 & echo $$! > target/weight/server.pid
	@for i in $$(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:3098/ && break; sleep 0.2; done
	@status=0; (cd end2end && node weight.mjs http://127.0.0.1:3098) || status=$$?; \
	  kill $$(cat target/weight/server.pid) 2>/dev/null || true; exit $$status

fmt:
	cargo fmt --all

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results end2end/playwright-report
