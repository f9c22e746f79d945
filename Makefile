# Entry points. `make demo` and `make test` set up, build and run from a fresh Debian 12 machine.
PRESET ?= release
BUILD := build/$(PRESET)
JOBS ?= $(shell nproc)

.PHONY: all setup build demo test test-unit test-py test-golden asan-test bench clean

all: build

setup:
	@scripts/setup

$(BUILD)/build.ninja:
	cmake --preset $(PRESET) > /dev/null

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(BUILD)/pystm examples/demo.py

test: build
	@scripts/run-tests $(BUILD)

asan-test:
	@$(MAKE) --no-print-directory PRESET=asan build
	@ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		PYSTM_SANITIZED=1 PYSTM_TEST_TIME_SCALE=6 scripts/run-tests build/asan

bench: build
	bench/run --pystm $(BUILD)/pystm

clean:
	rm -rf build
