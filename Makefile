# rusdata: one non-recursive Makefile.  common/ becomes build/libcommon.a,
# every cmd/NAME/ becomes bin/NAME, every tests/unit/test_NAME.c a Check
# test program (linked with cmd/NAME's logic when that tool exists).

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
BIN ?= bin
CC ?= cc
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60

PKGS = libpcre2-8 libsodium
CHECK_PKG = check
DEB_PACKAGES = build-essential libcsv-dev libpcre2-dev check libsodium-dev pkg-config mandoc

WARN = -Wall -Wextra $(if $(WERROR),-Werror,)
OPT ?= -O2 -g
SANITIZERS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SAN_FLAGS = $(if $(SAN),$(SANITIZERS))
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(WARN) $(OPT) $(SAN_FLAGS) -Icommon \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
LIBS = -lcsv $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
CHECK_LIBS = $(shell pkg-config --libs $(CHECK_PKG) 2>/dev/null)
LDFLAGS_ALL = $(SAN_FLAGS) $(LDFLAGS)

COMMON_SRC = $(wildcard common/*.c)
COMMON_OBJ = $(COMMON_SRC:%.c=$(BUILD)/%.o)
LIBCOMMON = $(BUILD)/libcommon.a
TOOLS = $(notdir $(patsubst %/,%,$(wildcard cmd/*/)))
TOOL_BINS = $(TOOLS:%=$(BIN)/%)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
ORACLE_BIN = $(BUILD)/tests/ctnote_check
FLOOR_BIN = $(BUILD)/tests/csv_floor
SCAN_LIMIT_BIN = $(BUILD)/tests/scan_limit
KEEP_BIN = $(BUILD)/tests/rejects_keep
DEPS_OK = $(BUILD)/.deps-ok

.PHONY: all check check-unit check-cli check-oracle check-rejects check-consistency check-asan check-tsan fuzz demo \
	check-paths check-paths-small \
	install clean deps lint-man bench deb check-helpman check-slurm check-browser
.SUFFIXES:

all: $(DEPS_OK) $(TOOL_BINS)

# Dependencies: installed with apt-get when run as root, else the exact
# command is printed and the build stops.
deps: $(DEPS_OK)
$(DEPS_OK):
	@missing=""; \
	for p in libcsv-dev libpcre2-dev check libsodium-dev pkg-config mandoc; do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PACKAGES)) || exit 1; \
	  else \
	    echo "missing packages:$$missing"; \
	    echo "run: sudo apt-get install $(DEB_PACKAGES)"; exit 1; \
	  fi; \
	fi
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

# The tool a unit test belongs to: test_NAME is tool NAME's; a library that
# one tool uses lives in that tool's folder, and so does its test's tool.
UNIT_TOOL_natid = pseudonymize
UNIT_TOOL_uds = urine-track
UNIT_TOOL_uds_defs = urine-track
UNIT_TOOL_session-log_append = session-log
UNIT_TOOL_goal-track_table = goal-track
unit_tool = $(or $(UNIT_TOOL_$(1)),$(1))

# A tool's unit test sees the tool's own headers.
$(BUILD)/tests/unit/test_%.o: tests/unit/test_%.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Icmd/$(call unit_tool,$*) -MMD -MP -c $< -o $@

$(LIBCOMMON): $(COMMON_OBJ)
	@rm -f $@
	ar rcs $@ $^

# bin/NAME from every .c file in cmd/NAME/.
define tool_rule
$(BIN)/$(1): $(patsubst %.c,$(BUILD)/%.o,$(wildcard cmd/$(1)/*.c)) $(LIBCOMMON)
	@mkdir -p $(BIN)
	$$(CC) $$(LDFLAGS_ALL) -o $$@ $$^ $$(LIBS)
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

# A unit test of tool NAME links NAME's logic (its .c files but main.c).
tool_logic = $(patsubst %.c,$(BUILD)/%.o,$(filter-out cmd/$(1)/main.c,$(wildcard cmd/$(1)/*.c)))
define unit_rule
$(BUILD)/tests/test_$(1): $(BUILD)/tests/unit/test_$(1).o $(call tool_logic,$(call unit_tool,$(1))) $(LIBCOMMON)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS_ALL) -o $$@ $$^ $$(CHECK_LIBS) $$(LIBS)
endef
$(foreach u,$(UNIT_SRC:tests/unit/test_%.c=%),$(eval $(call unit_rule,$(u))))

# The CTNote oracle checks urine-track's outcome library (cmd/urine-track/uds*).
$(BUILD)/tests/oracle/ctnote_check.o: CFLAGS_ALL += -Icmd/urine-track
$(ORACLE_BIN): $(BUILD)/tests/oracle/ctnote_check.o $(call tool_logic,urine-track) $(LIBCOMMON)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(KEEP_BIN): $(BUILD)/tests/cli/rejects_keep.o $(LIBCOMMON)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(FLOOR_BIN): $(BUILD)/tests/bench/csv_floor.o
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lcsv

$(SCAN_LIMIT_BIN): $(BUILD)/tests/bench/scan_limit.o $(LIBCOMMON)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

check: all check-unit check-cli check-oracle check-rejects check-consistency lint-man check-helpman \
	check-paths-small

check-unit: $(UNIT_BINS)
	@sh tests/run-unit.sh $(UNIT_BINS)

check-cli: all
	@BIN=$(abspath $(BIN)) sh tests/cli/run.sh

# Every tool with --rejects on 100,000-row inputs with 1% corrupted lines:
# rows out + rows rejected = lines in.
check-rejects: all $(KEEP_BIN)
	@BIN=$(abspath $(BIN)) KEEP=$(abspath $(KEEP_BIN)) sh tests/cli/rejects-count.sh

# Every command of tests/bench/cases gives the same output whichever way
# its input is read (AVX2 or portable scan, 1 or 2 threads, fast path or
# libcsv, CSV or TSV, grouped or shuffled): tests/paths/run.sh on 3,000
# synth-clinic patients (2 minutes on a loaded 2-core machine: .ci/run
# runs it after make check); make check and check-asan on 300.
check-paths: all
	@BIN=$(abspath $(BIN)) sh tests/paths/run.sh
check-paths-small: all
	@BIN=$(abspath $(BIN)) PATHS_PATIENTS=300 sh tests/paths/run.sh

# Every tool reading episodes agrees with the others, episode by episode.
check-consistency: all
	@BIN=$(abspath $(BIN)) sh tests/consistency/run.sh

check-oracle: all $(if $(wildcard tests/oracle/ctnote_check.c),$(ORACLE_BIN),)
	@if [ -f tests/oracle/ctnote_check.c ]; then $(ORACLE_BIN) ../shared/oracle/ctnote; fi
	@if [ -f tests/oracle/ctnote_cli.sh ]; then BIN=$(abspath $(BIN)) sh tests/oracle/ctnote_cli.sh; fi
	@BIN=$(abspath $(BIN)) sh tests/oracle/natid_skv.sh

# The html report in headless chromium (puppeteer-core from npm into
# build/browser/): tests/browser/run.sh.  Not part of check: it needs
# chromium and node.
check-browser: all
	@BIN=$(abspath $(BIN)) sh tests/browser/run.sh

# Every tool's --help against its man page's OPTIONS: tests/helpman/run.sh.
check-helpman: all
	@BIN=$(abspath $(BIN)) sh tests/helpman/run.sh

# The cluster recipe (contrib/slurm) on a one-node Slurm started for the
# test; needs root, installs slurm-wlm and munge when missing.
check-slurm: all
	@BIN=$(abspath $(BIN)) sh tests/slurm/run.sh

lint-man:
	@out=$$(mandoc -Tlint -W warning man/*.[0-9] 2>&1); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; else echo "man pages: mandoc -Tlint clean"; fi

# The same tests, built with AddressSanitizer and UBSan in their own tree.
check-asan: $(DEPS_OK)
	$(MAKE) BUILD=build/asan BIN=build/asan/bin SAN=1 OPT="-O1 -g" \
	    check-unit check-cli check-oracle check-consistency check-paths-small
	@echo "sanitizer build: all tests passed"

# The thread tests (par.h) built with ThreadSanitizer in their own tree.
# It slows them 5-15 times: Check's 4 s a test would cut the larger ones.
TSAN_UNIT = CK_DEFAULT_TIMEOUT=120 TSAN_OPTIONS="halt_on_error=1 exitcode=66"

check-tsan: $(DEPS_OK)
	$(MAKE) BUILD=build/tsan BIN=build/tsan/bin OPT="-O1 -g" CFLAGS=-fsanitize=thread \
	    LDFLAGS=-fsanitize=thread all build/tsan/tests/test_par \
	    build/tsan/tests/test_collect build/tsan/tests/test_collect_sort \
	    build/tsan/tests/test_dated \
	    build/tsan/tests/test_episodes build/tsan/tests/test_wordsort
	$(TSAN_UNIT) build/tsan/tests/test_par
	$(TSAN_UNIT) build/tsan/tests/test_collect
	$(TSAN_UNIT) build/tsan/tests/test_collect_sort
	$(TSAN_UNIT) build/tsan/tests/test_dated
	$(TSAN_UNIT) build/tsan/tests/test_episodes
	$(TSAN_UNIT) build/tsan/tests/test_wordsort
	BIN=$(abspath build/tsan/bin) CASES='*/threads_[egsw]*' \
	    TSAN_OPTIONS="halt_on_error=1 exitcode=66" sh tests/cli/run.sh

# libFuzzer harnesses: tests/fuzz/fuzz_NAME.c, seed corpus tests/fuzz/NAME/.
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -Icommon -fsanitize=fuzzer,address,undefined \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# A harness of tool NAME links NAME's logic (its .c files but main.c) and
# sees its headers, as a unit test does; fuzz_urine is urine-track's.
# (fuzz_plan-new-protocol still compiles protocol.c in: it calls its
# static row reader.)
FUZZ_TOOL_urine = urine-track
fuzz_tool = $(or $(FUZZ_TOOL_$(1)),$(if $(wildcard cmd/$(1)/main.c),$(1)))
fuzz_logic = $(if $(call fuzz_tool,$(1)),$(filter-out %/main.c,$(wildcard cmd/$(call fuzz_tool,$(1))/*.c)))
define fuzz_rule
build/fuzz/fuzz_$(1): tests/fuzz/fuzz_$(1).c $(call fuzz_logic,$(1)) $$(COMMON_SRC) | $$(DEPS_OK)
	@mkdir -p build/fuzz
	$$(FUZZ_CC) $$(FUZZ_CFLAGS) $(if $(call fuzz_tool,$(1)),-Icmd/$(call fuzz_tool,$(1))) \
	    -o $$@ $$< $(call fuzz_logic,$(1)) $$(COMMON_SRC) $$(LIBS)
endef
$(foreach f,$(FUZZ_SRC:tests/fuzz/fuzz_%.c=%),$(eval $(call fuzz_rule,$(f))))
fuzz: $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do \
	  name=$${f#build/fuzz/fuzz_}; corpus=tests/fuzz/$$name; work=build/fuzz/corpus-$$name; \
	  mkdir -p $$work; echo "fuzzing $$name for $(FUZZ_SECONDS) s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
	      -artifact_prefix=build/fuzz/ $$work $$corpus 2>build/fuzz/$$name.log || \
	      { tail -40 build/fuzz/$$name.log; exit 1; }; \
	  grep -E 'stat::number_of_executed_units' build/fuzz/$$name.log; \
	done

demo: all
	@sh tests/demo.sh

bench: all $(FLOOR_BIN) $(SCAN_LIMIT_BIN)
	@sh tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man/man7
	install -m 755 $(TOOL_BINS) $(DESTDIR)$(PREFIX)/bin
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 $(wildcard man/*.7) $(DESTDIR)$(PREFIX)/share/man/man7

# rusdata_VERSION_ARCH.deb with the Debian tools: debian/mkdeb.sh.
deb: $(DEPS_OK)
	@sh debian/mkdeb.sh

clean:
	rm -rf $(BIN) build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
