# make fuzz runs every native fuzz target for FUZZTIME each (scripts/fuzz.sh).
FUZZTIME ?= 5m

.PHONY: fuzz
fuzz:
	scripts/fuzz.sh $(FUZZTIME)
