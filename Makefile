# Entry points. `make demo` and `make test` set up, build and run from a fresh Debian 12 machine.
PRESET ?= release
BUILD := build/$(PRESET)
JOBS ?= $(shell nproc)

.PHONY: all setup build demo test test-unit test-py test-golden asan-test tsan-test stm-test bench clean

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
	@echo "== conflict report"
	@tests/report/run --pystm $(BUILD)/pystm
	@echo "== CPython regression tests (tests/cpython/required.txt)"
	@tests/cpython/run --required --details --pystm $(BUILD)/pystm

asan-test:
	@$(MAKE) --no-print-directory PRESET=asan build
	@ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		PYSTM_SANITIZED=1 PYSTM_TEST_TIME_SCALE=6 scripts/run-tests build/asan

# The differential tests with parallel transactions, the STM engaged from the start (one thread
# included): every barrier reaches the STM runtime and the threaded tests really abort.
# Then the threaded tests with serial transactions (-X stm=serial), the mode without the STM.
# Then the whole suite with every dict and set striped. (With PYSTM_STM_CHAOS=50 added, forcing
# aborts, the suite passes too, but one run in several has shown a failure not yet traced.)
stm-test: build
	PYSTM_STM=engaged python3.11 tests/run_py_tests.py --pystm $(BUILD)/pystm
	PYSTM_STM=serial python3.11 tests/run_py_tests.py --pystm $(BUILD)/pystm threads thread_ transaction pystm/ subprocess
	PYSTM_STM=engaged PYSTM_DICT_STRIPES=1 python3.11 tests/run_py_tests.py --pystm $(BUILD)/pystm

# The STM unit tests (the runtime with real threads included) and the threaded differential
# tests under ThreadSanitizer. The differential tests run with serial transactions: with parallel
# ones, readers read objects in place while a writer may change them and validate afterwards
# (STM-5, docs/internals/stm.md), which TSan reports as races by design. (The list of
# sanitizer-only failures is about ASan's -O1 stack retention; it does not apply here.)
tsan-test: setup
	@test -f build/tsan/build.ninja || cmake --preset tsan > /dev/null
	cmake --build build/tsan -j $(JOBS) --target pystm unit_tests
	TSAN_OPTIONS=halt_on_error=1 build/tsan/unit_tests --gtest_brief=1 --gtest_filter='Stm*:*/Stm*'
	TSAN_OPTIONS=halt_on_error=1 PYSTM_TEST_TIME_SCALE=6 PYSTM_STM=serial \
		python3.11 tests/run_py_tests.py --pystm build/tsan/pystm threads thread_ transaction

bench: build
	bench/run --pystm $(BUILD)/pystm

clean:
	rm -rf build
