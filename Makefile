# yiwang — build with PGXS; `make test`, `make demo`, `make bench`, `make fuzz`.
#
# The two commands of the README (make demo, make test) first install the
# Debian packages that are missing (test/harness/ensure-packages.sh), then
# build, install the extension and run against a throwaway cluster.

EXTENSION = yiwang
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

# Debian keeps one pg_config per major version; yiwang targets 15.
PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)

# The pure C parsers (no PostgreSQL headers), shared with the unit tests and fuzz targets.
CORE_SOURCES = src/identifier_problem.c src/identifier_text.c src/check_characters.c src/regions.c \
	src/idcard_parse.c src/uscc_parse.c src/orgcode_parse.c \
	src/estate_unit_parse.c src/certid_parse.c
# The fmgr layer: one file per SQL type.
FMGR_SOURCES = src/fmgr_common.c src/key64_type.c src/key128_type.c \
	src/idcard.c src/uscc.c src/orgcode.c src/estate_unit.c src/certid.c
# Signatures and digests on OpenSSL.
CRYPTO_SOURCES = src/signature_keys.c src/signature.c
# The actor of the transaction, fixed by yiwang.login, and the tokens it
# verified; the spool that keeps
# the access-log entries of rolled-back reads, and their rescue.
NETWORK_SOURCES = src/actor.c src/verified_tokens.c src/access_spool.c src/access_rescue.c

MODULE_big = yiwang
OBJS = $(CORE_SOURCES:.c=.o) $(FMGR_SOURCES:.c=.o) $(CRYPTO_SOURCES:.c=.o) $(NETWORK_SOURCES:.c=.o)
SHLIB_LINK = -lcrypto

# The install script is assembled from sql/extension in this order:
# one folder per pillar, one concern per file.
# A type's comparison operators follow its definition, expanded from
# numbers/comparison.sql.in over the built-in family named after the colon.
NUMBER_TYPES = idcard:int8 orgcode:int8 uscc:uuid estate_unit:uuid certid:bytea
# After the numbers, the other pillars' files in dependency order.
PILLAR_PARTS = sql/extension/crypto/signature.sql \
	sql/extension/network/roles.sql sql/extension/network/actor.sql \
	sql/extension/registries/departments.sql sql/extension/registries/persons.sql \
	sql/extension/registries/legal_entities.sql sql/extension/registries/houses.sql \
	sql/extension/registries/relations.sql \
	sql/extension/network/identity.sql \
	sql/extension/store/signing_keys.sql sql/extension/store/certificate_types.sql \
	sql/extension/store/certificates.sql sql/extension/store/canonical_form.sql \
	sql/extension/sharing/access_log.sql \
	sql/extension/store/sharing_grants.sql sql/extension/store/issue.sql \
	sql/extension/store/lookup.sql sql/extension/registries/lookup.sql \
	sql/extension/window/calendar.sql sql/extension/window/catalogue.sql \
	sql/extension/window/publish.sql \
	sql/extension/window/applications.sql sql/extension/window/case_log.sql \
	sql/extension/window/due_date.sql \
	sql/extension/window/transition.sql sql/extension/window/ratings.sql \
	sql/extension/window/statistics.sql \
	sql/extension/security/policies.sql sql/extension/security/grants.sql \
	sql/extension/security/window_access.sql
INSTALL_PARTS = sql/extension/schema.sql \
	$(foreach t,$(NUMBER_TYPES),sql/extension/numbers/$(firstword $(subst :, ,$(t))).sql) \
	sql/extension/numbers/comparison.sql.in sql/extension/numbers/expand-comparison.sh \
	$(PILLAR_PARTS)

DATA_built = $(EXTENSION)--$(EXTVERSION).sql
# Upgrade scripts yiwang--A--B.sql, one per release step, never edited after release;
# released/ keeps each released version's install script for the upgrade tests.
DATA = $(wildcard sql/extension/upgrades/$(EXTENSION)--*--*.sql) \
	$(wildcard sql/extension/released/$(EXTENSION)--*.sql)

# pg_regress: sql/NAME.sql against expected/NAME.out, in this order.
REGRESS = install idcard uscc orgcode estate_unit certid binary_copy index_use signature second_database
# pg_regress database (PGXS passes --dbname=$(CONTRIB_TESTDB))
CONTRIB_TESTDB = yiwang_regress

PG_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers

EXTRA_CLEAN = $(DATA_built) test/unit/build test/fuzz/build results regression.diffs regression.out

# pg_config can exist without PGXS (libpq-dev or the client alone ship one),
# so look for the file itself.
PGXS := $(wildcard $(shell $(PG_CONFIG) --pgxs 2>/dev/null))
ifneq ($(PGXS),)
include $(PGXS)
else
# No server headers yet: only the set-up targets below work until they are installed.
all install installcheck:
	@echo "PostgreSQL 15 server headers (PGXS) are missing; run: make deps"
	@exit 1
endif

# Every object is rebuilt when any header changes (PGXS keeps no dependency files).
$(OBJS): $(wildcard src/*.h)
# PGXS marks every file .SECONDARY, so a source newly added to OBJS would not be
# built while the library is newer than it: relink whenever this file changes.
$(shlib): Makefile

$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_PARTS) yiwang.control
	{ cat sql/extension/schema.sql; \
	  for t in $(NUMBER_TYPES); do \
	    cat sql/extension/numbers/$${t%%:*}.sql; \
	    sql/extension/numbers/expand-comparison.sh $${t%%:*} $${t#*:}; \
	  done; \
	  cat $(PILLAR_PARTS); } > $@.tmp && mv $@.tmp $@

.PHONY: deps test demo bench fuzz unit

# Install the Debian packages yiwang needs (as root), or print the command.
deps:
	@test/harness/ensure-packages.sh

# Every suite on a throwaway cluster (or $$PGHOST/$$PGPORT if set); ends with "N passed, N failed".
# A build that fails still lets the suites that need no server (unit, fuzz) run.
test: deps
	@if $(MAKE) --no-print-directory -s all && $(MAKE) --no-print-directory -s install >/dev/null; \
	then test/harness/run-all.sh; \
	else YIWANG_BUILD_FAILED=1 test/harness/run-all.sh; fi

# The guided tour on a throwaway cluster.
demo: deps
	@$(MAKE) --no-print-directory -s all
	@$(MAKE) --no-print-directory -s install >/dev/null
	@test/harness/with-cluster.sh test/demo/run-demo.sh

# Benchmarks; writes docs/benchmarks.md.
bench: deps
	@$(MAKE) --no-print-directory -s all
	@$(MAKE) --no-print-directory -s install >/dev/null
	@test/harness/with-cluster.sh test/bench/run-bench.sh

# A bounded fuzzing campaign (FUZZ_SECONDS per target, default 300).
fuzz: deps
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-300} test/fuzz/run-fuzz.sh

# The standalone C unit tests only.
unit:
	@test/unit/run-unit.sh
