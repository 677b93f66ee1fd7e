# Thin wrapper over CMake. `make demo` and `make test` do all set-up on a fresh Debian 12 machine.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEPS_STAMP := $(BUILD_DIR)/.deps-installed

.PHONY: all deps build demo test sanitize tsan update-goldens format clean

all: build

$(DEPS_STAMP): scripts/install-deps
	bash scripts/install-deps
	@mkdir -p $(BUILD_DIR) && touch $@

deps: $(DEPS_STAMP)

$(BUILD_DIR)/CMakeCache.txt: $(DEPS_STAMP) CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	bash scripts/demo $(BUILD_DIR)/formpdf

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Every test under AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer (Debug, build-asan/).
sanitize: $(DEPS_STAMP)
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFORMPDF_BUILD_BENCH=OFF -DFORMPDF_MIMALLOC=OFF \
	    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -O1"
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ctest --output-on-failure -j $(JOBS)

# The batch's tests under ThreadSanitizer (Debug, build-tsan/): workers, the combined file's writer
# and the thread that readies the first layout share fonts, caches and PoDoFo; and the cache of
# flattened CFF glyphs, which workers fill concurrently.
tsan: $(DEPS_STAMP)
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DFORMPDF_BUILD_BENCH=OFF -DFORMPDF_MIMALLOC=OFF \
	    -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer -O1"
	cmake --build build-tsan -j $(JOBS) --target formpdf test_batch_job test_batch_cli test_batch_streamed_writer test_text_line_cache \
	    test_pdf_cid_cff_font
	cd build-tsan && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -R '^(Batch|BatchJob|StreamedPdfWriter|LineCacheTest)\.|CidCffFont'

# Regenerate tests/golden/*.json after an intended layout change; review the diff before committing.
update-goldens: build
	cd $(BUILD_DIR) && FORMPDF_UPDATE_GOLDENS=1 ./test_cli_golden

format:
	find src tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
