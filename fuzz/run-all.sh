#!/bin/sh
# Runs every fuzz target in turn for SECONDS seconds (default 1800 = the
# issue's 30 minutes) or RUNS inputs, seeding the text targets with the seed
# pages. Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP=1
# lets the stable toolchain accept the sanitizer flags cargo-fuzz passes.
#   fuzz/run-all.sh                 # 30 min per target
#   SECONDS_PER_TARGET=300 fuzz/run-all.sh
#   RUNS=10000000 fuzz/run-all.sh   # 10 M inputs per target
#   SANITIZER=none MAX_LEN=8192 fuzz/run-all.sh   # faster: no ASan (every
#                                   # crate forbids unsafe code), shorter inputs
set -u
cd "$(dirname "$0")"
secs=${SECONDS_PER_TARGET:-1800}
runs=${RUNS:--1}
sanitizer=${SANITIZER:-address}
max_len=${MAX_LEN:-65536}
for t in ${TARGETS:-normalize parse clean lang split summarize pipeline jsonl}; do
    mkdir -p corpus/$t
    if [ -d ../../shared/seeds ] && [ "$t" != jsonl ]; then cp ../../shared/seeds/*.txt corpus/$t/ 2>/dev/null; fi
    echo "== $t"
    RUSTC_BOOTSTRAP=1 cargo fuzz run -s "$sanitizer" -O --debug-assertions "$t" corpus/$t -- \
        -max_total_time="$secs" -runs="$runs" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        2>&1 | grep -E "^(stat::|Done|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written|thread '.*' panicked)" 
done
