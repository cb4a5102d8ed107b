# impack.mk: print every Microproject pack and certification portfolio in a
# folder with make. Put one line in your folder's Makefile:
#
#     include /usr/local/share/impack/impack.mk
#
# then:
#     make          builds out/NAME.pdf and out/NAME-closure.pdf for every pack,
#                   and out/NAME.pdf for every portfolio (rebuilt whenever one
#                   of its packs changes)
#     make check    checks every pack and portfolio
#     make clean    removes out/
#     make -k       goes on past a file with errors and prints the rest
#
# Settings: set them before the include line, or on the command line
# (make IMPACK_FLAGS="--param paper=Letter").
#     IMPACK          the impack command            (default: impack)
#     IMPACK_SOURCES  the packs and portfolios      (default: every .xml here)
#     IMPACK_OUT      where the PDFs go             (default: out)
#     IMPACK_FLAGS    more options for impack build, e.g. --param organisation="..."
#     IMPACK_PACK_XSL, IMPACK_CLOSURE_XSL, IMPACK_PORTFOLIO_XSL
#                     your own customisation layer for packs, closure
#                     checklists or portfolios (see samples/custom/)
#
# File names must not contain spaces (make cannot handle them).
#     IMPACK_TOOL     a file the PDFs depend on besides their XML (default: none)
#     V=1             show the impack commands make runs

IMPACK ?= impack
IMPACK_SOURCES ?= $(wildcard *.xml)
IMPACK_OUT ?= out
IMPACK_FLAGS ?=
IMPACK_PACK_XSL ?=
IMPACK_CLOSURE_XSL ?=
IMPACK_PORTFOLIO_XSL ?=
IMPACK_TOOL ?=
Q := $(if $(filter 1,$(V)),,@)

# Which files are packs and which are portfolios, and which packs each
# portfolio counts: `impack deps` reads them (like gcc -MD) into this file.
IMPACK_DEPFILE := $(IMPACK_OUT)/.impack.d

.PHONY: all impack-pdfs check clean impack-force
all: impack-pdfs

# read the rules unless only clean or check was asked for
ifneq ($(filter-out clean check,$(MAKECMDGOALS))$(if $(MAKECMDGOALS),,all),)
-include $(IMPACK_DEPFILE)
endif

# a file added or taken away: make the rules again
ifneq ($(sort $(IMPACK_DEP_SOURCES)),$(sort $(IMPACK_SOURCES)))
$(IMPACK_DEPFILE): impack-force
endif

IMPACK_PDFS = $(patsubst %.xml,$(IMPACK_OUT)/%.pdf,$(notdir $(IMPACK_PACKS))) \
              $(patsubst %.xml,$(IMPACK_OUT)/%-closure.pdf,$(notdir $(IMPACK_PACKS))) \
              $(patsubst %.xml,$(IMPACK_OUT)/%.pdf,$(notdir $(IMPACK_PORTFOLIOS)))

# (make remakes the file above first, then reads it again, so the list is whole)
impack-pdfs: $(IMPACK_PDFS)

$(IMPACK_DEPFILE): $(IMPACK_SOURCES) $(IMPACK_TOOL)
	@mkdir -p $(IMPACK_OUT)
	$(if $(IMPACK_SOURCES),$(Q)$(IMPACK) deps --outdir $(IMPACK_OUT) $(IMPACK_SOURCES) > $@.tmp,@echo "impack.mk: no .xml files here to print" >&2; : > $@.tmp)
	@mv $@.tmp $@

impack-force:

# A customisation layer (samples/custom/) is made for one kind of document.
$(IMPACK_OUT)/%-closure.pdf: %.xml $(IMPACK_TOOL)
	@mkdir -p $(IMPACK_OUT)
	$(Q)$(IMPACK) build --doc closure $(if $(IMPACK_CLOSURE_XSL),--xsl $(IMPACK_CLOSURE_XSL)) $(IMPACK_FLAGS) -o $@ $<

$(IMPACK_OUT)/%.pdf: %.xml $(IMPACK_TOOL)
	@mkdir -p $(IMPACK_OUT)
	$(Q)$(IMPACK) build $(if $(filter $<,$(IMPACK_PORTFOLIOS)),$(if $(IMPACK_PORTFOLIO_XSL),--xsl $(IMPACK_PORTFOLIO_XSL)),$(if $(IMPACK_PACK_XSL),--xsl $(IMPACK_PACK_XSL))) $(IMPACK_FLAGS) -o $@ $<

check: $(IMPACK_TOOL)
	$(Q)$(IMPACK) check $(IMPACK_SOURCES)

clean:
	rm -rf $(IMPACK_OUT)
