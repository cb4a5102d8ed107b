# impack: author, validate and print I Matter Microproject packs.
# `make` builds ./impack; `make test` runs every test; see README.md.

CC      ?= cc
PKGS    := libxml-2.0 libxslt libexslt pangocairo fontconfig librsvg-2.0 gdk-pixbuf-2.0
PREFIX  ?= /usr/local
VERSION := 0.1.0

# quiet by default; `make V=1` shows the compiler commands
Q := $(if $(filter 1,$(V)),,@)
SAY = $(if $(Q),@echo "  $(1)")

# --- warning flags: one place ---------------------------------------------
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wno-format-nonliteral

# leak checking: fontconfig's and GLib's process-lifetime blocks are not ours
export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/lsan.supp print_suppressions=0

ifeq ($(SANITIZE),1)
  BUILD   ?= build/san
  OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
  SANLD   := -fsanitize=address,undefined
else
  BUILD   ?= build/rel
  OPT     := -O2 -g
  SANLD   :=
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
# `impack` itself links only libxml2/libxslt: loading Pango and friends costs
# about 8 ms per start, too much for `impack check`. The commands that print
# (render, ...) run in impack-pdf, which links everything; impack execs it.
LIGHT_LIBS := $(shell pkg-config --libs libxml-2.0 libxslt libexslt)
# librsvg and gdk-pixbuf are opened when the first SVG, JPEG or GIF is met
# (src/imglib.h): by these names, from the installed development files
SONAME_OF = $(shell objdump -p $$(pkg-config --variable=libdir $(1))/$(2) 2>/dev/null | sed -n 's/^ *SONAME *//p')
RSVG_SONAME := $(call SONAME_OF,librsvg-2.0,librsvg-2.so)
PIXBUF_SONAME := $(call SONAME_OF,gdk-pixbuf-2.0,libgdk_pixbuf-2.0.so)
IMGLIB_DEFS := $(if $(RSVG_SONAME),-DIMP_RSVG_SONAME='"$(RSVG_SONAME)"') \
               $(if $(PIXBUF_SONAME),-DIMP_PIXBUF_SONAME='"$(PIXBUF_SONAME)"')
CFLAGS  += -std=c11 -D_XOPEN_SOURCE=700 $(OPT) $(WARN) $(PKG_CFLAGS) \
           -DIMP_VERSION='"$(VERSION)"' -DIMP_DATADIR='"$(PREFIX)/share/impack"' \
           -DIMP_LIBEXECDIR='"$(PREFIX)/libexec/impack"' $(IMGLIB_DEFS)
LDFLAGS += -Wl,-O1 -Wl,--as-needed
LDLIBS  += $(PKG_LIBS) $(SANLD)

LIB_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
# the modules `impack check` needs (no Pango, Cairo or images)
CHECK_MODS := check diag docs explain rng sch sch_read sch_run schfn svrl xform xmlload
CHECK_OBJ := $(CHECK_MODS:%=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/%)

.PHONY: all test unit e2e bench demo clean install valgrind format lint approve rnc

all: impack

$(BUILD)/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)
	$(call SAY,compiling $<)
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $@

$(BUILD)/main_light.o: src/main.c $(wildcard src/*.h) | $(BUILD)
	$(call SAY,compiling $< for impack)
	$(Q)$(CC) $(CFLAGS) -DIMP_LIGHT -c -o $@ $<

$(BUILD)/impack: $(CHECK_OBJ) $(BUILD)/main_light.o | $(BUILD)/impack-pdf
	$(call SAY,linking $@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CHECK_OBJ) $(BUILD)/main_light.o $(LIGHT_LIBS) $(SANLD)

$(BUILD)/impack-pdf: $(LIB_OBJ) $(BUILD)/main.o
	$(call SAY,linking $@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

impack: $(BUILD)/impack $(BUILD)/impack-pdf
	$(Q)cp $(BUILD)/impack-pdf impack-pdf
	$(Q)cp $(BUILD)/impack impack

$(BUILD)/test_%: tests/unit/test_%.c $(LIB_OBJ)
	$(call SAY,linking $@)
	$(Q)$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) -Isrc -o $@ $^ $(LDLIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/pngdiff: tests/pngdiff.c | $(BUILD)
	$(call SAY,compiling $<)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

$(BUILD)/answers: tests/answers.c | $(BUILD)
	$(call SAY,compiling $<)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIGHT_LIBS)

$(BUILD)/floor: tests/bench/floor.c | $(BUILD)
	$(call SAY,compiling $<)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

e2e: $(BUILD)/impack $(BUILD)/pngdiff $(BUILD)/answers
	@sh tests/run_cases.sh $(BUILD)/impack
	@sh tests/fo_cases.sh $(BUILD)/impack $(BUILD)/pngdiff
	@sh tests/build.sh $(BUILD)/impack $(BUILD)/answers $(BUILD)/pngdiff
	@sh tests/starter.sh $(BUILD)/impack
	@sh tests/svrl.sh $(BUILD)/impack

# The one test command README gives.
test: unit e2e
	@echo "make test: all passed"

# Re-approve expected outputs after an intended change (review the diff!).
approve: $(BUILD)/impack $(BUILD)/pngdiff $(BUILD)/answers
	@APPROVE=1 sh tests/run_cases.sh $(BUILD)/impack
	@APPROVE=1 sh tests/fo_cases.sh $(BUILD)/impack $(BUILD)/pngdiff
	@APPROVE=1 sh tests/build.sh $(BUILD)/impack $(BUILD)/answers $(BUILD)/pngdiff

bench: $(BUILD)/impack $(BUILD)/floor
	@sh tests/bench.sh $(BUILD)/impack $(BUILD)/floor

valgrind: $(BUILD)/impack
	@VALGRIND=1 sh tests/run_cases.sh $(BUILD)/impack
	@cd tests/fo && for f in pack-like breaks-links images lists-tables; do \
	    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	        --show-leak-kinds=definite,indirect --suppressions=../valgrind.supp ../../$(BUILD)/impack-pdf render $$f.fo -o /tmp/impack-vg.pdf \
	        || exit 1; done; rm -f /tmp/impack-vg.pdf; echo "valgrind render: clean"
	@cd samples && for a in "build paused-type4-complex.xml" "build portfolio.xml" "build --doc closure closed-type2-stress.xml" \
	    "blank --type 4" "build --xsl custom/riverside.xsl closed-type1-reception.xml"; do \
	    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	        --show-leak-kinds=definite,indirect --suppressions=../tests/valgrind.supp ../$(BUILD)/impack-pdf $$a -o /tmp/impack-vg.pdf 2> /dev/null \
	        || exit 1; done; rm -f /tmp/impack-vg.pdf; echo "valgrind build: clean"

# Install missing build dependencies (as root) or say how; build; check samples.
demo:
	@sh tests/deps.sh
	@$(MAKE) --no-print-directory impack
	./impack check samples/*.xml
	@$(MAKE) --no-print-directory -C samples IMPACK_OUT=$(CURDIR)/out
	@echo "Done: the sample PDFs are in out/ (open out/paused-type4-complex.pdf to start)."

format:
	clang-format -i src/*.c src/*.h tests/unit/*.c

lint:
	cppcheck --quiet --enable=warning,performance,portability --error-exitcode=1 -Isrc src

# Installs what `impack` needs to run from anywhere: the two programs, the
# schemas (with schemas.xml, the editor association file for Emacs nXML),
# the stylesheets, impack.mk and the man page.
install: $(BUILD)/impack $(BUILD)/impack-pdf
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/libexec/impack \
	    $(DESTDIR)$(PREFIX)/share/impack/schemas $(DESTDIR)$(PREFIX)/share/impack/stylesheets \
	    $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/impack $(DESTDIR)$(PREFIX)/bin/impack
	install -m 755 $(BUILD)/impack-pdf $(DESTDIR)$(PREFIX)/libexec/impack/impack-pdf
	install -m 644 schemas/* $(DESTDIR)$(PREFIX)/share/impack/schemas/
	install -m 644 stylesheets/*.xsl $(DESTDIR)$(PREFIX)/share/impack/stylesheets/
	install -m 644 impack.mk $(DESTDIR)$(PREFIX)/share/impack/impack.mk
	install -m 644 doc/impack.1 $(DESTDIR)$(PREFIX)/share/man/man1/impack.1

clean:
	rm -rf build impack impack-pdf out samples/out

# The grammar in RELAX NG compact syntax, for Emacs nXML (needs Debian's trang).
rnc:
	trang schemas/impack.rng schemas/impack.rnc
