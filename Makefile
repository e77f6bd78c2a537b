# Everything a fresh machine needs, from a clean clone: `make demo`, `make test`.
# Debian/Ubuntu: installs Graphviz (`dot`), python3-venv, and Chromium with its
# chromedriver (the web page's tests) with apt-get when missing (as root, or through sudo).
# macOS: uses Homebrew when `dot` is missing; install Chromium and chromedriver yourself.
# Elsewhere: install Graphviz yourself (https://graphviz.org/download/); the rest is pip.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATA   := data/pohon_kinerja.yaml
# Material for MkDocs prints a banner about MkDocs 2 on every build; it is not a warning.
MKDOCS := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs

.PHONY: demo test lint typecheck pytest graphviz browser venv clean bench fuzz docs docs-site catalogue

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  command -v apt-get >/dev/null && $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	# the wheels pohon needs, for the tests that install it as a runner or pre-commit
	# would (tests/cli/test_recipe.py): they run offline, from this folder
	$(BIN)/python -m pip wheel -q --wheel-dir $(VENV)/wheelhouse . 'setuptools>=77' wheel
	rm -f $(VENV)/wheelhouse/pohon-*.whl
	@touch $(STAMP)

graphviz:
	@command -v dot >/dev/null || { \
	  if command -v apt-get >/dev/null; then \
	    $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz; \
	  elif command -v brew >/dev/null; then brew install graphviz; \
	  else echo "Graphviz's dot is missing: install it from https://graphviz.org/download/" >&2; exit 1; fi; }

# The tests of `pohon render --format html` drive a real headless Chromium through
# chromedriver (tests/cli/test_render_html.py); CHROMIUM and CHROMEDRIVER name others.
CHROMIUM     ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
browser:
	@[ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ] || { \
	  if command -v apt-get >/dev/null; then \
	    $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else echo "Chromium and chromedriver are missing: install them (macOS: brew install --cask chromium chromedriver) and set CHROMIUM= and CHROMEDRIVER=" >&2; exit 1; fi; }

demo: $(STAMP) graphviz
	$(BIN)/pohon validate $(DATA)
	$(BIN)/pohon show $(DATA) --misi M1
	$(BIN)/pohon render $(DATA) --split misi -o out/
	$(BIN)/pohon report tests/cases/report/pohon_realisasi.yaml

lint: $(STAMP)
	$(BIN)/ruff check pohon_cli tests benchmarks docs
	$(BIN)/ruff format --check pohon_cli tests benchmarks docs

typecheck: $(STAMP)
	$(BIN)/mypy --strict

pytest: $(STAMP) graphviz browser
	CHROMIUM=$(CHROMIUM) CHROMEDRIVER=$(CHROMEDRIVER) $(BIN)/python -m pytest

test: lint typecheck pytest docs-site

# The message catalogues (pohon_cli/locale/): every text of the code into both .po files,
# translations kept, and the .mo files pohon reads compiled from them. A new text is then
# translated in pohon_cli/locale/id/LC_MESSAGES/pohon.po (tests/test_i18n.py insists).
catalogue: $(STAMP)
	$(BIN)/python tests/support/catalogue.py

# Peers timed side by side with pohon; RESULTS.md records the machine and the ratios.
bench: $(STAMP) graphviz browser
	$(BIN)/python -m pip install -q check-jsonschema yamllint
	$(BIN)/python benchmarks/run.py --out benchmarks/RESULTS.md

# Long robustness runs: the Hypothesis properties with the "long" profile and the slow
# resource tests, then the mutation fuzzer for FUZZ_SECONDS (default 300); every input
# that fails is kept under tests/corpus/fuzz/, where make test replays it.
FUZZ_SECONDS ?= 300
fuzz: $(STAMP) graphviz
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest tests/test_properties.py tests/load/test_corpus.py
	$(BIN)/python tests/support/fuzz.py --seconds $(FUZZ_SECONDS)

# The docs' pictures, in Indonesian (--lang id) as planners read them: misi 1 of the seed; the office map of the fixture workspace (docs/render.md) (and as printed on A4, docs/pohon_M1.png) (a test fails when the .dot is stale), and the
# rule reference in docs/rules.md, written from the rule registry (a test fails when stale).
docs: $(STAMP) graphviz
	$(BIN)/pohon render $(DATA) --misi M1 -o docs/pohon_M1.dot --lang id
	$(BIN)/pohon render $(DATA) --misi M1 -o docs/pohon_M1.svg --lang id
	$(BIN)/pohon render $(DATA) --misi M1 --paper A4 --dpi 110 -o docs/pohon_M1.png --lang id
	$(BIN)/pohon render tests/cases/workspace -o docs/peta_instansi.dot --lang id
	$(BIN)/pohon render tests/cases/workspace -o docs/peta_instansi.svg --lang id
	$(BIN)/python docs/rules_page.py

# docs/ as a website in site/ (mkdocs.yml); --strict fails on a broken link or heading.
# Never -q: it hides the warnings and --strict then passes. make test runs it.
docs-site: $(STAMP)
	$(MKDOCS) build --strict

clean:
	rm -rf $(VENV) out site .mypy_cache .ruff_cache .pytest_cache
