#!/usr/bin/env bash
# fuzz.sh runs every native Go fuzz target of the repository, one after
# another, for a given time each.
#
#   scripts/fuzz.sh [DURATION] [PACKAGE...]
#
# DURATION is a go test -fuzztime value (default 1m: "5m", "30s", "100000x").
# PACKAGEs default to ./... . Targets are found with go test -list '^Fuzz'.
# Each runs with -parallel 1 (one fuzzing worker: the machine is shared).
# The script stops at the first failure and prints the path of the failing
# input that go test wrote under the package's testdata/fuzz/; commit that
# file with the fix so the plain go test (which CI runs) replays it.
# New interesting inputs (and failing ones) are minimised for at most
# $FUZZ_MINIMIZE each (default 3s, go test -fuzzminimizetime): Go's default
# of 60s lets a slow target spend most of its run minimising.
# One summary line per target is printed at the end; full logs are kept in
# $FUZZ_LOGS (default a temporary directory).
#
# Go 1.26's fuzz coordinator can fail a run with a bare "context deadline
# exceeded" when -fuzztime expires while a worker is mid-call
# (go.dev/issue/75804, fixed in Go 1.27). Such a run wrote no failing input
# and is reported as "ok (deadline race)", not as a failure.
set -euo pipefail

dur=${1:-1m}
shift || true
pkgs=("$@")
[ ${#pkgs[@]} -eq 0 ] && pkgs=(./...)

cd "$(dirname "$0")/.."
logs=${FUZZ_LOGS:-$(mktemp -d -t sitrep-fuzz.XXXXXX)}
mkdir -p "$logs"

# go test -list prints the matching names of a package, then its "ok" line.
targets=()
names=()
while read -r line; do
	case "$line" in
	Fuzz*) names+=("$line") ;;
	ok*)
		pkg=$(awk '{print $2}' <<<"$line")
		for n in "${names[@]}"; do targets+=("$pkg $n"); done
		names=()
		;;
	*) names=() ;;
	esac
done < <(go test -list '^Fuzz' "${pkgs[@]}" 2>&1)

if [ ${#targets[@]} -eq 0 ]; then
	echo "fuzz.sh: no fuzz targets found in ${pkgs[*]}" >&2
	exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets, $dur each, logs in $logs"

summary=()
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	log="$logs/$(tr '/' '_' <<<"$pkg")_$name.log"
	echo "=== $pkg $name ($dur)"
	start=$(date +%s)
	if go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$dur" \
		-fuzzminimizetime "${FUZZ_MINIMIZE:-3s}" -parallel 1 >"$log" 2>&1; then
		status=ok
	elif ! grep -q 'Failing input written' "$log" &&
		[ "$(grep -A1 -E '^--- FAIL: ' "$log" | sed -n 2p | tr -d '[:space:]')" = contextdeadlineexceeded ]; then
		status="ok (deadline race)"
	else
		status=FAIL
	fi
	secs=$(($(date +%s) - start))
	last=$(grep -E '^fuzz: elapsed' "$log" | tail -1 || true)
	execs=$(sed -nE 's/.*execs: ([0-9]+).*/\1/p' <<<"$last")
	interesting=$(sed -nE 's/.*new interesting: ([0-9]+).*/\1/p' <<<"$last")
	line="$status $pkg $name wall=${secs}s execs=${execs:-?} new_interesting=${interesting:-?}"
	echo "$line"
	summary+=("$line")
	if [ "$status" = FAIL ]; then
		tail -40 "$log"
		crasher=$(sed -nE 's/.*Failing input written to (.*)$/\1/p' "$log" | tail -1)
		if [ -n "$crasher" ]; then
			dir=$(go list -f '{{.Dir}}' "$pkg")
			echo "fuzz.sh: crasher: $dir/$crasher"
			echo "fuzz.sh: replay: go test $pkg -run '^$name\$/$(basename "$crasher")\$'"
		fi
		echo "fuzz.sh: stopped at the first failure; log: $log"
		printf '%s\n' "${summary[@]}"
		exit 1
	fi
done
echo "--- summary ($dur per target)"
printf '%s\n' "${summary[@]}"
