# Thin wrapper over CMake. `make demo` and `make test` do all set-up on a fresh Debian 12 machine.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEPS_STAMP := $(BUILD_DIR)/.deps-installed

.PHONY: all deps build demo test install deb deb-check pot sanitize tsan fuzz update-goldens format clean

all: build

$(DEPS_STAMP): scripts/install-deps scripts/install-e2e-deps tests/e2e/package-lock.json
	bash scripts/install-deps
	bash scripts/install-e2e-deps
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

# Installs the program, the bundled layouts, man pages and completion under $(DESTDIR)$(PREFIX)
# (docs/install.md). The installed program finds its layouts in PREFIX/share/formpdf.
PREFIX ?= /usr/local
install: build
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD_DIR) --prefix "$(PREFIX)"

# The Debian package, build-deb/formpdf_<version>_amd64.deb: the program alone, built with
# Debian's hardening flags (dpkg-buildflags), its data in /usr/share/formpdf (docs/install.md).
DEB_BUILD_DIR ?= build-deb
deb: $(DEPS_STAMP)
	cmake -S . -B $(DEB_BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DFORMPDF_DATA_DIR=/usr/share/formpdf \
	    -DFORMPDF_BUILD_TESTS=OFF -DFORMPDF_BUILD_BENCH=OFF \
	    -DCMAKE_CXX_FLAGS="$$(dpkg-buildflags --get CXXFLAGS) $$(dpkg-buildflags --get CPPFLAGS)" \
	    -DCMAKE_EXE_LINKER_FLAGS="$$(dpkg-buildflags --get LDFLAGS)"
	cmake --build $(DEB_BUILD_DIR) -j $(JOBS)
	cd $(DEB_BUILD_DIR) && cpack -G DEB
	@echo "deb: $$(ls $(DEB_BUILD_DIR)/formpdf_*.deb)"

# Builds the package, checks it with lintian, installs it, uses the installed program from a
# folder outside the checkout, and removes it again (scripts/deb-check; CI runs this).
deb-check: deb
	bash scripts/deb-check $(DEB_BUILD_DIR)

# Extracts the marked messages into po/formpdf.pot and merges them into po/zh_CN.po (docs/messages.md).
pot:
	bash po/update-pot

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

# The libFuzzer targets (tests/fuzz/), built with clang, ASan and UBSan in build-fuzz/ with the
# libraries instrumented too, each run for FUZZ_SECONDS on its committed corpus and dictionary;
# new inputs land in build-fuzz/corpus-NAME/, not in the checkout. A target this checkout does not
# have is skipped. A crash or leak stops the run and leaves crash-* or leak-* in build-fuzz/.
# To keep new inputs: fuzz_NAME -merge=1 tests/fuzz/CORPUS build-fuzz/corpus-NAME
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= fuzz_declarations fuzz_pdf fuzz_fonts fuzz_workbook
FUZZ_CORPUS_fuzz_declarations := tests/fuzz/corpus
FUZZ_CORPUS_fuzz_pdf := tests/fuzz/corpus-pdf
FUZZ_CORPUS_fuzz_fonts := tests/fuzz/font_corpus
FUZZ_CORPUS_fuzz_workbook := tests/fuzz/corpus-workbook
fuzz: $(DEPS_STAMP)
	bash scripts/install-fuzz-deps
	cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	    -DFORMPDF_LIBFUZZER=ON -DFORMPDF_BUILD_BENCH=OFF -DFORMPDF_MIMALLOC=OFF \
	    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer"
	@set -e; for target in $(FUZZ_TARGETS); do \
	    if cmake --build build-fuzz --target help | grep -qw "$$target"; then \
	        cmake --build build-fuzz -j $(JOBS) --target $$target; \
	    else echo "fuzz: $$target is not a target of this checkout; skipped"; fi; \
	done
	@set -e; for target in $(FUZZ_TARGETS); do \
	    if [ ! -x build-fuzz/$$target ]; then echo "fuzz: no build-fuzz/$$target; skipped"; continue; fi; \
	    corpus=build-fuzz/corpus-$$target; mkdir -p $$corpus; \
	    case $$target in \
	        fuzz_declarations) seeds=$(FUZZ_CORPUS_fuzz_declarations) ;; \
	        fuzz_pdf) seeds=$(FUZZ_CORPUS_fuzz_pdf) ;; \
	        fuzz_fonts) seeds=$(FUZZ_CORPUS_fuzz_fonts) ;; \
	        fuzz_workbook) seeds=$(FUZZ_CORPUS_fuzz_workbook) ;; \
	        *) seeds=tests/fuzz/corpus-$${target#fuzz_} ;; \
	    esac; \
	    [ -d $$seeds ] && seeds=../$$seeds || seeds=; \
	    dict=tests/fuzz/$${target#fuzz_}.dict; [ -f $$dict ] && dict=-dict=../$$dict || dict=; \
	    echo "fuzz: $$target for $(FUZZ_SECONDS) s (seeds: $${seeds:-none})"; \
	    (cd build-fuzz && UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	        ./$$target -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=4096 -max_len=200000 \
	        -print_final_stats=1 $$dict corpus-$$target $$seeds); \
	done

# Regenerate tests/golden/*.json after an intended layout change; review the diff before committing.
update-goldens: build
	cd $(BUILD_DIR) && FORMPDF_UPDATE_GOLDENS=1 ./test_cli_golden

format:
	find src tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
