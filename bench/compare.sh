#!/usr/bin/env bash
# Benchmark handout against Hugo on generated patient-education corpora.
#
# Usage:
#   bench/compare.sh                        full run: 1,000 and 10,000 articles, 5 runs each
#   RUNS=3 SIZES=1000 bench/compare.sh      a quicker run
#   TOOLS=hugo bench/compare.sh             the Hugo half only (e.g. while handout does not build)
#   RUNS=1 bench/compare.sh --100k          also 100,000 articles (needs ~20 GB of tmpfs)
#   bench/compare.sh --help                 this text
#
# From a machine with only the Rust toolchain, it:
#   1. installs Debian's hugo, time and curl if they are missing (apt-get, as root or with sudo);
#   2. compiles examples/gen_corpus.rs with rustc (it is std-only, so this works even while the
#      main crate does not build) and checks that it is deterministic;
#   3. builds handout with `cargo build --release` (a failure is reported in the report and on
#      stderr, the Hugo half still runs, and the script exits 1);
#   4. generates each corpus size in both flavours (handout and Hugo) under $WORK/corpus;
#   5. for each size, builds RUNS times with handout and Hugo alternately (the order flips every
#      run) into a clean output folder on tmpfs, then once each with the output on disk;
#   6. for handout only: the floor (examples/floor.rs: pulldown-cmark into a fixed shell, as many
#      pages as handout writes), a no-change rebuild (build again into the same output folder),
#      a rebuild after one article changed, `handout check` on the largest size (not 100,000),
#      the same builds with `search: false` with the index's size and one query's download,
#      the growth from the smallest to the largest size,
#      and the serve round trip (save an article, wait for the rebuilt page to be served), the
#      last skipped with a message while `handout serve --help` fails;
#   7. prints a Markdown report (also saved as $WORK/report.md; raw rows in $WORK/results.tsv,
#      one log per command in $WORK/logs).
#
# What it assumes of handout (the CLI of issue 6):
#   handout build --root SRC --out OUT    writes OUT/articles/SLUG/index.html for content/articles/SLUG.md
#   handout check --root SRC              exit 0 = clean, 1 = findings, anything else = failure
#   handout serve --root SRC --port N [--bind 127.0.0.1]   serves /articles/SLUG/ and rebuilds on save
#
# Environment (defaults in brackets):
#   RUNS [5]  SIZES ["1000 10000"]  SEED [42]  TOOLS ["handout hugo"]
#   WORK [/dev/shm/handout-bench]       corpora, tmpfs outputs, logs and results (emptied first)
#   DISK_WORK [/var/tmp/handout-bench]  output folder of the on-disk builds
#   HANDOUT []                          a handout binary to use instead of building one
#   SERVE [1]  SERVE_SAVES [20]  SERVE_TIMEOUT [60 s per save]  SERVE_START_TIMEOUT [300 s]
#
# Exit status: 0 when every measurement ran, 1 when a build, check or serve run failed (the
# report says which), 2 when setup failed.

set -euo pipefail

RUNS=${RUNS:-5}
SIZES=${SIZES:-"1000 10000"}
SEED=${SEED:-42}
TOOLS=${TOOLS:-"handout hugo"}
WORK=${WORK:-/dev/shm/handout-bench}
DISK_WORK=${DISK_WORK:-/var/tmp/handout-bench}
HANDOUT=${HANDOUT:-}
FLOOR=
SERVE=${SERVE:-1}
SERVE_SAVES=${SERVE_SAVES:-20}
SERVE_TIMEOUT=${SERVE_TIMEOUT:-60}
SERVE_START_TIMEOUT=${SERVE_START_TIMEOUT:-300}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOGS=$WORK/logs
RESULTS=$WORK/results.tsv
REPORT=$WORK/report.md
GEN=$WORK/bin/gen_corpus
ACTIVE=()       # tools that are available and asked for
FAILURES=()     # one line per failed command, for the report
NOTES=()        # skipped measurements and other remarks, for the report
SEARCH_FIGURES=() # "SIZE INDEX_BYTES INDEX_FILES QUERY_BYTES", one per size (measure_search)
declare -A LARGEST # "TOOL-SIZE" -> "LARGEST_HTML_BYTES PAGES_OVER_300_KB", from the first tmpfs build
SERVER_PID=

log() { printf '[compare] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 2
}
fail() {
  FAILURES+=("$*")
  log "FAILED: $*"
}
# last_line FILE: the last non-empty line of a log, to say in the report why a command failed.
last_line() { awk 'NF { line = $0 } END { print line }' "$1" 2>/dev/null | cut -c1-200; }
active() { [[ " ${ACTIVE[*]} " == *" $1 "* ]]; }

cleanup() {
  if [[ -n $SERVER_PID ]]; then stop_server; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# Setup

check_settings() {
  [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS'"
  [[ $SERVE_SAVES =~ ^[1-9][0-9]*$ ]] || die "SERVE_SAVES must be a positive number"
  local size
  for size in $SIZES; do
    [[ $size =~ ^[1-9][0-9]*$ ]] || die "SIZES must be numbers of articles, not '$size'"
  done
  for tool in $TOOLS; do
    [[ $tool == handout || $tool == hugo ]] || die "TOOLS may name handout and hugo, not '$tool'"
  done
  # Everything below $WORK is ours and deleted at will, so refuse anything that looks like a
  # folder someone cares about.
  case $WORK in / | "$HOME" | "$REPO" | /dev/shm | /tmp | /var/tmp) die "WORK=$WORK is too broad; use a folder of its own" ;; esac
  case $DISK_WORK in / | "$HOME" | "$REPO" | /dev/shm | /tmp | /var/tmp) die "DISK_WORK=$DISK_WORK is too broad" ;; esac
}

ensure_tools() {
  local missing=() sudo=()
  if [[ " $TOOLS " == *" hugo "* ]] && ! command -v hugo >/dev/null 2>&1; then missing+=(hugo); fi
  [[ -x /usr/bin/time ]] || missing+=(time)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v rustc >/dev/null 2>&1 || die "rustc is not installed (the Rust toolchain is required)"
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to install: ${missing[*]}"
    sudo=(sudo)
  fi
  log "installing ${missing[*]} with apt-get"
  "${sudo[@]}" apt-get update >"$LOGS/apt.log" 2>&1 || die "apt-get update failed (see $LOGS/apt.log)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >>"$LOGS/apt.log" 2>&1 ||
    die "apt-get install ${missing[*]} failed (see $LOGS/apt.log)"
}

build_generator() {
  mkdir -p "$WORK/bin"
  # rustc rather than cargo: the generator needs no crate, and this way it builds even while
  # the main crate does not compile.
  rustc --edition 2021 -O -o "$GEN" "$REPO/examples/gen_corpus.rs" >"$LOGS/gen_corpus-build.log" 2>&1 ||
    die "cannot compile examples/gen_corpus.rs (see $LOGS/gen_corpus-build.log)"
  local flavour dir
  for flavour in "" --hugo; do
    for dir in a b; do
      "$GEN" --articles 120 --seed "$SEED" --out "$WORK/selftest/$dir" $flavour 2>>"$LOGS/gen_corpus.log" ||
        die "gen_corpus failed (see $LOGS/gen_corpus.log)"
    done
    diff -r -q "$WORK/selftest/a" "$WORK/selftest/b" >/dev/null ||
      die "gen_corpus is not deterministic: $WORK/selftest/a and $WORK/selftest/b differ"
    rm -rf "$WORK/selftest"
  done
}

# Sets HANDOUT to a working binary, or records the failure and returns 1.
build_handout() {
  if [[ -n $HANDOUT ]]; then
    [[ -x $HANDOUT ]] || die "HANDOUT=$HANDOUT is not an executable file"
    return 0
  fi
  log "building handout: cargo build --release --bin handout --example floor"
  if ! (cd "$REPO" && cargo build --release --bin handout --example floor) >"$LOGS/cargo-build.log" 2>&1; then
    fail "handout: \`cargo build --release\` failed (log: $LOGS/cargo-build.log)"
    tail -n 25 "$LOGS/cargo-build.log" >&2
    return 1
  fi
  local target=${CARGO_TARGET_DIR:-target}
  [[ $target == /* ]] || target=$REPO/$target
  HANDOUT=$target/release/handout
  FLOOR=$target/release/examples/floor
  if [[ ! -x $HANDOUT ]]; then
    fail "handout: cargo build succeeded but $HANDOUT does not exist"
    return 1
  fi
}

generate_corpora() {
  local size tool flags
  for size in $SIZES; do
    for tool in "${ACTIVE[@]}"; do
      flags=()
      [[ $tool == hugo ]] && flags=(--hugo)
      rm -rf "$WORK/corpus/$tool-$size"
      "$GEN" --articles "$size" --seed "$SEED" --out "$WORK/corpus/$tool-$size" "${flags[@]}" \
        2>>"$LOGS/gen_corpus.log" || die "gen_corpus failed (see $LOGS/gen_corpus.log)"
    done
    log "generated $size articles (flavours: ${ACTIVE[*]})"
  done
}

# ---------------------------------------------------------------------------------------------
# Measuring

# timed LABEL COMMAND...: runs COMMAND under /usr/bin/time, its output going to $LOGS/LABEL.log,
# and sets T_EXIT, T_WALL (seconds, from date +%s%N), T_CPU (user + system seconds) and T_RSS
# (peak resident set, KiB).
timed() {
  local label=$1 start end line user sys rss
  shift
  T_EXIT=0
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$LOGS/$label.time" "$@" >"$LOGS/$label.log" 2>&1 || T_EXIT=$?
  end=$(date +%s%N)
  T_WALL=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
  # On failure time(1) writes "Command exited with non-zero status N" first; the figures are last.
  line=$(tail -n 1 "$LOGS/$label.time" 2>/dev/null || true)
  read -r user sys rss <<<"$line" || true
  if [[ ${user:-} =~ ^[0-9.]+$ && ${sys:-} =~ ^[0-9.]+$ && ${rss:-} =~ ^[0-9]+$ ]]; then
    T_CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    T_RSS=$rss
  else
    T_CPU=NA
    T_RSS=NA
  fi
}

# record SIZE TOOL MODE RUN OK PAGES BYTES: one row of results.tsv from the last `timed`.
record() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$1" "$2" "$3" "$4" "$T_EXIT" "$5" "$T_WALL" "$T_CPU" "$T_RSS" "$6" "$7" >>"$RESULTS"
}

# Prints "HTML_PAGES BYTES" for an output folder.
count_output() {
  local pages bytes
  pages=$(find "$1" -type f -name '*.html' | wc -l)
  bytes=$(find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  echo "$pages $bytes"
}

# run_build TOOL SIZE MODE RUN OUT [SRC]: one timed build; MODE is tmpfs, disk or rebuild
# (rebuild keeps OUT as the previous build left it). SRC defaults to the generated corpus.
run_build() {
  local tool=$1 size=$2 mode=$3 run=$4 out=$5
  local src=${6:-$WORK/corpus/$tool-$size} label=$1-$2-$3-$4 cmd pages=NA bytes=NA ok=0
  if [[ $tool == handout ]]; then
    cmd=("$HANDOUT" build --root "$src" --out "$out")
  else
    cmd=(hugo --source "$src" --destination "$out")
  fi
  if [[ $mode != rebuild && $mode != one-article ]]; then
    rm -rf "$out" "$(dirname "$out")/.$(basename "$out").handout-manifest"
  fi
  mkdir -p "$(dirname "$out")"
  # Flush earlier writes so that one disk build does not pay for another's.
  if [[ $mode == disk ]]; then sync; fi
  timed "$label" "${cmd[@]}"
  if [[ $T_EXIT -eq 0 && -d $out ]]; then
    ok=1
    read -r pages bytes < <(count_output "$out")
    if [[ $mode == tmpfs && -z ${LARGEST[$tool-$size]:-} ]]; then
      LARGEST[$tool-$size]="$(find "$out" -type f -name '*.html' -printf '%s\n' | sort -n | tail -n 1) $(find "$out" -type f -name '*.html' -size +300k | wc -l)"
    fi
    log "$size articles, $mode, run $run: $tool ${T_WALL} s, ${T_CPU} s CPU, $(num "$T_RSS" 0 1024) MiB, $pages pages"
  else
    fail "$tool build of $size articles ($mode, run $run) exited with status $T_EXIT: \"$(last_line "$LOGS/$label.log")\" (log: $LOGS/$label.log)"
    tail -n 15 "$LOGS/$label.log" >&2 || true
  fi
  record "$size" "$tool" "$mode" "$run" "$ok" "$pages" "$bytes"
}

# Builds every size RUNS times on tmpfs, alternating tools and flipping the order every run so
# that neither tool always runs first, then once each with the output on disk.
measure_builds() {
  local size run tool order
  for size in $SIZES; do
    for ((run = 1; run <= RUNS; run++)); do
      order=("${ACTIVE[@]}")
      if ((run % 2 == 0)); then mapfile -t order < <(printf '%s\n' "${ACTIVE[@]}" | tac); fi
      for tool in "${order[@]}"; do
        run_build "$tool" "$size" tmpfs "$run" "$WORK/out/$tool-$size"
      done
    done
    for tool in "${ACTIVE[@]}"; do
      run_build "$tool" "$size" disk 1 "$DISK_WORK/out/$tool-$size"
      rm -rf "$DISK_WORK/out/$tool-$size"
    done
    rm -rf "$WORK/out"
  done
}

# A no-change rebuild: one untimed build, then RUNS timed builds into the same output folder;
# then RUNS rebuilds after one more sentence in one article each time.
measure_rebuilds() {
  local size run out article
  for size in $SIZES; do
    out=$WORK/out/handout-$size-rebuild
    run_build handout "$size" tmpfs-first 0 "$out"
    if [[ ! -d $out ]]; then continue; fi
    for ((run = 1; run <= RUNS; run++)); do
      run_build handout "$size" rebuild "$run" "$out"
    done
    article=$(find "$WORK/corpus/handout-$size/content/articles" -name '*.md' | sort | awk 'NR == 1')
    for ((run = 1; run <= RUNS; run++)); do
      printf '\nThis sentence was added for rebuild %s.\n' "$run" >>"$article"
      run_build handout "$size" one-article "$run" "$out"
    done
    rm -rf "$out"
  done
}

# The floor: the same articles read, rendered with pulldown-cmark into a fixed shell and written
# as as many pages as handout's build wrote, RUNS times into a clean folder.
measure_floor() {
  local size run label out pages
  [[ -x $FLOOR ]] || {
    NOTES+=("Floor: skipped (no examples/floor binary; HANDOUT was given).")
    return 0
  }
  for size in $SIZES; do
    pages=$(awk -F'\t' -v s="$size" '$1 == s && $2 == "handout" && $3 == "tmpfs" && $6 == 1 { print $10; exit }' "$RESULTS")
    [[ -n $pages && $pages != NA ]] || continue
    out=$WORK/out/floor-$size
    for ((run = 1; run <= RUNS; run++)); do
      label=floor-$size-$run
      rm -rf "$out"
      timed "$label" "$FLOOR" --root "$WORK/corpus/handout-$size" --out "$out" --pages "$pages"
      log "$size articles, floor, run $run: ${T_WALL} s"
      record "$size" floor tmpfs "$run" "$((T_EXIT == 0))" "$pages" NA
    done
    rm -rf "$out"
  done
}

# Search (issue 14): the same corpus built RUNS times with `search: false` (mode nosearch), to
# set against the tmpfs builds, which index; then one indexing build, whose index is measured.
# A query's download is summed from the files a browser fetches for it: Pagefind's script,
# worker, WebAssembly, entry and metadata files, every filter file, the largest index chunk
# once per query word (two words: an upper bound), and one fragment file per shown result
# (search.js shows 20) at the median fragment file size (a file holds a few records, so
# results that share one download it once: an upper bound too).
measure_search() {
  local size run src out dir lang
  for size in $SIZES; do
    src=$WORK/corpus/handout-$size-nosearch
    rm -rf "$src"
    cp -r "$WORK/corpus/handout-$size" "$src"
    if grep -q '^search:' "$src/site.yaml"; then
      NOTES+=("Search at $size: site.yaml already has a search key; not measured.")
      continue
    fi
    printf '\nsearch: false\n' >>"$src/site.yaml"
    for ((run = 1; run <= RUNS; run++)); do
      run_build handout "$size" nosearch "$run" "$WORK/out/nosearch-$size" "$src"
    done
    out=$WORK/out/search-$size
    run_build handout "$size" search 1 "$out"
    dir=$out/pagefind
    if [[ -d $dir ]]; then
      lang=$(sed -n 's/.*"wasm":"\([^"]*\)".*/\1/p' "$dir/pagefind-entry.json" | awk 'NR == 1')
      SEARCH_FIGURES+=("$size $(du -sb "$dir" | cut -f1) $(find "$dir" -type f | wc -l) $(query_bytes "$dir" "$lang")")
    fi
    rm -rf "$src" "$WORK/out/nosearch-$size" "$out"
  done
}

# query_bytes DIR LANG: the bytes a browser downloads for one two-word query (see above).
query_bytes() {
  local dir=$1 lang=$2 fixed chunk fragment
  fixed=$(find "$dir" -maxdepth 1 -type f \( -name pagefind.js -o -name pagefind-worker.js \
    -o -name "wasm.$lang.pagefind" -o -name pagefind-entry.json -o -name '*.pf_meta' \) \
    -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  fixed=$((fixed + $(find "$dir/filter" -type f -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')))
  chunk=$(find "$dir/index" -type f -printf '%s\n' | sort -n | tail -n 1)
  fragment=$(find "$dir/fragment" -type f -printf '%s\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] + 0 }')
  echo $((fixed + 2 * ${chunk:-0} + 20 * fragment))
}

# `handout check` on the largest corpus; exit status 1 (content findings) still counts as a
# completed run, and the findings are counted in the report.
measure_check() {
  local size run label ok
  size=$(check_size)
  for ((run = 1; run <= RUNS; run++)); do
    label=handout-$size-check-$run
    timed "$label" "$HANDOUT" check --root "$WORK/corpus/handout-$size"
    ok=0
    if [[ $T_EXIT -le 1 ]]; then
      ok=1
      log "$size articles, check, run $run: ${T_WALL} s (exit status $T_EXIT)"
    else
      fail "handout check of $size articles (run $run) exited with status $T_EXIT: \"$(last_line "$LOGS/$label.log")\" (log: $LOGS/$label.log)"
      tail -n 15 "$LOGS/$label.log" >&2 || true
    fi
    record "$size" handout check "$run" "$ok" NA NA
  done
}

# The example site in the repository root, RUNS times into a clean folder (target: 50 ms or less).
measure_example() {
  local run label out=$WORK/out/example
  [[ -f $REPO/site.yaml ]] || return 0
  for ((run = 1; run <= RUNS; run++)); do
    label=handout-example-$run
    rm -rf "$out"
    timed "$label" "$HANDOUT" build --root "$REPO" --out "$out"
    if [[ $T_EXIT -eq 0 ]]; then
      record example handout build "$run" 1 NA NA
    else
      fail "handout build of the example site (run $run) exited with status $T_EXIT: \"$(last_line "$LOGS/$label.log")\" (log: $LOGS/$label.log)"
      record example handout build "$run" 0 NA NA
    fi
  done
  rm -rf "$out"
}

# ---------------------------------------------------------------------------------------------
# SERVE MEASUREMENT (handout only)
#
# The time from saving an article to the rebuilt page being served: `handout serve` runs on a
# free loopback port over a copy of the corpus; SERVE_SAVES times, a unique marker sentence is
# appended to one article and /articles/SLUG/ is polled (every 2 ms) until the marker appears.
# The delay runs from the moment the file is closed to the first response that contains it.
# Skipped with a message while `handout serve --help` fails (serve not written yet).
# ---------------------------------------------------------------------------------------------

# A small poller in Python: precise clock, no process start per poll. Two commands:
#   wait URL TIMEOUT PID          until URL answers 200; prints the seconds it took
#   saves FILE URL N TIMEOUT      N save-and-poll rounds; prints one delay in ms per line
IFS= read -r -d '' POLLER <<'PY' || true
import os, sys, time, urllib.request

def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except Exception:
        return None, ""

def wait(url, timeout, pid):
    start = time.perf_counter()
    while fetch(url)[0] != 200:
        try:
            os.kill(pid, 0)
        except OSError:
            sys.exit("the server exited before answering")
        if time.perf_counter() - start > timeout:
            sys.exit(f"no answer from {url} within {timeout} s")
        time.sleep(0.05)
    print(f"{time.perf_counter() - start:.3f}")

def saves(path, url, count, timeout):
    for i in range(count):
        marker = f"Benchmark marker {i} {time.time_ns()}."
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"\n{marker}\n")
        start = time.perf_counter()
        while marker not in fetch(url)[1]:
            if time.perf_counter() - start > timeout:
                sys.exit(f"save {i}: the marker did not appear within {timeout} s")
            time.sleep(0.002)
        print(f"{(time.perf_counter() - start) * 1000:.1f}", flush=True)
        time.sleep(0.3)  # let the watcher settle before the next save

if sys.argv[1] == "wait":
    wait(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
else:
    saves(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
PY

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    local port
    for port in $(shuf -i 20000-60000 -n 50); do
      if ! (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
        echo "$port"
        return
      fi
    done
    return 1
  fi
}

# The fallbacks without Python: curl and date +%s%N.
wait_bash() {
  local url=$1 timeout=$2 pid=$3 start
  start=$(date +%s%N)
  until curl -fs -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || { echo "the server exited before answering" >&2; return 1; }
    (($(date +%s%N) - start < timeout * 1000000000)) || { echo "no answer within $timeout s" >&2; return 1; }
    sleep 0.05
  done
  awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}

saves_bash() {
  local path=$1 url=$2 count=$3 timeout=$4 i marker start body
  for ((i = 0; i < count; i++)); do
    marker="Benchmark marker $i $(date +%s%N)."
    printf '\n%s\n' "$marker" >>"$path"
    start=$(date +%s%N)
    while true; do
      body=$(curl -s "$url" || true)
      [[ $body == *"$marker"* ]] && break
      (($(date +%s%N) - start < timeout * 1000000000)) || { echo "save $i: timed out" >&2; return 1; }
    done
    awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.1f\n", ns / 1e6 }'
    sleep 0.3
  done
}

stop_server() {
  local i
  kill "$SERVER_PID" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

measure_serve() {
  local size=$1 src=$WORK/serve/handout-$1 help port article slug url flags=() started delays
  local server_log=$LOGS/handout-$1-serve.log poller_log=$LOGS/handout-$1-serve-poller.log
  if ! help=$("$HANDOUT" serve --help 2>&1); then
    NOTES+=("Serve round trip at $size articles: skipped, \`handout serve --help\` failed (serve not available yet).")
    log "serve: skipped at $size articles (handout serve --help failed)"
    return 0
  fi
  rm -rf "$src"
  mkdir -p "$WORK/serve"
  cp -a "$WORK/corpus/handout-$size" "$src" # edits must not touch the build corpus
  article=$(find "$src/content/articles" -maxdepth 1 -type f -name '*.md' | sort | awk 'NR == 1')
  slug=$(basename "$article" .md)
  port=$(free_port) || { fail "serve: no free loopback port"; return 0; }
  url=http://127.0.0.1:$port/articles/$slug/
  if [[ $help == *--bind* ]]; then flags=(--bind 127.0.0.1); fi
  "$HANDOUT" serve --root "$src" --port "$port" "${flags[@]}" >"$server_log" 2>&1 &
  SERVER_PID=$!
  T_EXIT=0 T_CPU=NA T_RSS=NA
  if command -v python3 >/dev/null 2>&1; then
    started=$(python3 -c "$POLLER" wait "$url" "$SERVE_START_TIMEOUT" "$SERVER_PID" 2>>"$poller_log") || started=
  else
    started=$(wait_bash "$url" "$SERVE_START_TIMEOUT" "$SERVER_PID" 2>>"$poller_log") || started=
  fi
  if [[ -z $started ]]; then
    fail "handout serve at $size articles never served $url: $(last_line "$poller_log"); the server's last words: \"$(last_line "$server_log")\" (log: $server_log)"
    tail -n 15 "$server_log" >&2 || true
    stop_server
    return 0
  fi
  T_WALL=$started
  record "$size" handout serve-start 1 1 NA NA
  log "serve: $size articles, first page served after $started s; timing $SERVE_SAVES saves"
  if command -v python3 >/dev/null 2>&1; then
    delays=$(python3 -c "$POLLER" saves "$article" "$url" "$SERVE_SAVES" "$SERVE_TIMEOUT" 2>>"$poller_log") || true
  else
    delays=$(saves_bash "$article" "$url" "$SERVE_SAVES" "$SERVE_TIMEOUT" 2>>"$poller_log") || true
  fi
  stop_server
  local n=0 ms
  for ms in $delays; do
    n=$((n + 1))
    T_WALL=$(awk -v ms="$ms" 'BEGIN { printf "%.4f", ms / 1000 }')
    record "$size" handout serve "$n" 1 NA NA
  done
  if ((n < SERVE_SAVES)); then
    fail "handout serve at $size articles: only $n of $SERVE_SAVES saves were served in time: $(last_line "$poller_log") (logs: $server_log, $poller_log)"
  fi
  rm -rf "$src"
}

# ---------------------------------------------------------------------------------------------
# Report

# Column numbers in results.tsv.
C_WALL=7 C_CPU=8 C_RSS=9 C_PAGES=10 C_BYTES=11

# median COLUMN SIZE TOOL MODE: the median over successful rows, or NA.
median() {
  awk -F'\t' -v c="$1" -v s="$2" -v t="$3" -v m="$4" \
    '$1 == s && $2 == t && $3 == m && $6 == 1 && $c != "NA" { print $c }' "$RESULTS" |
    sort -g |
    awk '{ v[NR] = $1 } END { if (!NR) print "NA"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# extreme min|max COLUMN SIZE TOOL MODE
extreme() {
  awk -F'\t' -v c="$2" -v s="$3" -v t="$4" -v m="$5" \
    '$1 == s && $2 == t && $3 == m && $6 == 1 && $c != "NA" { print $c }' "$RESULTS" |
    sort -g | if [[ $1 == min ]]; then awk 'NR == 1'; else tail -n 1; fi
}

# runs SIZE TOOL MODE: "successful/total"
runs() {
  awk -F'\t' -v s="$1" -v t="$2" -v m="$3" \
    '$1 == s && $2 == t && $3 == m { n++; ok += $6 } END { printf "%d/%d", ok, n }' "$RESULTS"
}

# num VALUE DECIMALS [DIVISOR]: a number for the table, NA kept as is.
num() {
  if [[ $1 == NA || -z $1 ]]; then
    echo NA
  else
    awk -v v="$1" -v d="$2" -v q="${3:-1}" 'BEGIN { printf "%.*f", d, v / q }'
  fi
}

ratio() {
  if [[ $1 == NA || $2 == NA || -z $1 || -z $2 ]]; then
    echo NA
  else
    awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "NA"; else printf "%.2f", a / b }'
  fi
}

# SIZES is a space-separated list (checked to hold only numbers), so it is split on purpose.
# shellcheck disable=SC2086
# The size `handout check` is measured at: the largest below 100,000.
# shellcheck disable=SC2086
check_size() { printf '%s\n' $SIZES | sort -n | awk '$1 != 100000' | tail -n 1; }
smallest_size() { printf '%s\n' $SIZES | sort -n | awk 'NR == 1'; }
# shellcheck disable=SC2086
largest_size() { printf '%s\n' $SIZES | sort -n | tail -n 1; }

tool_name() { if [[ $1 == hugo ]]; then echo Hugo; else echo handout; fi; }

machine_section() {
  local cpu mem
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
  [[ -n $cpu ]] || cpu=$(lscpu 2>/dev/null | awk -F': +' '/Model name/ { print $2; exit }' || true)
  mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) CPUs (nproc), ${cpu:-unknown CPU}, $mem memory, Linux $(uname -r)"
  if active hugo; then echo "- Hugo: $(hugo version 2>/dev/null | awk '{ print $2 }')"; fi
  if active handout; then
    local version
    version=$("$HANDOUT" --version 2>/dev/null | awk 'NR == 1' || true)
    echo "- handout: ${version:-unknown version}, commit $(git -C "$REPO" describe --always --dirty 2>/dev/null || echo none)"
  fi
  echo "- Corpus: examples/gen_corpus.rs, seed $SEED; tmpfs output in $WORK/out, disk output in $DISK_WORK/out ($(stat -f -c %T "$DISK_WORK" 2>/dev/null || echo unknown))"
}

build_table() {
  local size mode tool runs_mode
  echo "| Articles | Output | Tool | Wall (s) | CPU user+sys (s) | Peak RSS (MiB) | HTML pages | Written (MiB) | Runs ok |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|---:|"
  for size in $SIZES; do
    for mode in tmpfs disk; do
      for tool in "${ACTIVE[@]}"; do
        runs_mode=$(runs "$size" "$tool" "$mode")
        [[ $runs_mode == 0/0 ]] && continue
        echo "| $size | $mode | $(tool_name "$tool") | $(num "$(median $C_WALL "$size" "$tool" "$mode")" 2)" \
          "| $(num "$(median $C_CPU "$size" "$tool" "$mode")" 2)" \
          "| $(num "$(median $C_RSS "$size" "$tool" "$mode")" 0 1024)" \
          "| $(num "$(median $C_PAGES "$size" "$tool" "$mode")" 0)" \
          "| $(num "$(median $C_BYTES "$size" "$tool" "$mode")" 1 1048576) | $runs_mode |"
      done
    done
  done
}

ratio_table() {
  local size mode col
  echo "| Articles | Output | Wall handout/Hugo | CPU handout/Hugo | Peak RSS handout/Hugo |"
  echo "|---:|---|---:|---:|---:|"
  for size in $SIZES; do
    for mode in tmpfs disk; do
      printf '| %s | %s' "$size" "$mode"
      for col in $C_WALL $C_CPU $C_RSS; do
        printf ' | %s' "$(ratio "$(median "$col" "$size" handout "$mode")" "$(median "$col" "$size" hugo "$mode")")"
      done
      echo " |"
    done
  done
}

handout_table() {
  local size small large clean findings
  small=$(smallest_size)
  large=$(largest_size)
  echo "| Measurement | Articles | Median | Notes |"
  echo "|---|---:|---:|---|"
  for size in $SIZES; do
    clean=$(median $C_WALL "$size" handout tmpfs)
    echo "| No-change rebuild, wall (s) | $size | $(num "$(median $C_WALL "$size" handout rebuild)" 2) |" \
      "clean build $(num "$clean" 2) s; $(runs "$size" handout rebuild) runs ok |"
    echo "| Rebuild after one article changed, wall (s) | $size | $(num "$(median $C_WALL "$size" handout one-article)" 2) |" \
      "$(runs "$size" handout one-article) runs ok |"
    [[ $(runs "$size" floor tmpfs) == 0/0 ]] && continue
    echo "| Floor (pulldown-cmark, fixed shell), wall (s) | $size | $(num "$(median $C_WALL "$size" floor tmpfs)" 2) |" \
      "handout is $(ratio "$clean" "$(median $C_WALL "$size" floor tmpfs)")× the floor; same number of pages |"
  done
  local cs
  cs=$(check_size)
  findings=$(awk -F'\t' -v s="$cs" '$1 == s && $2 == "handout" && $3 == "check" { print $5 }' "$RESULTS" | sort -u | paste -sd, -)
  echo "| \`handout check\`, wall (s) | $cs | $(num "$(median $C_WALL "$cs" handout check)" 2) |" \
    "CPU $(num "$(median $C_CPU "$cs" handout check)" 2) s, peak $(num "$(median $C_RSS "$cs" handout check)" 0 1024) MiB; exit status ${findings:-NA} |"
  if [[ $small != "$large" ]]; then
    local tool
    for tool in "${ACTIVE[@]}"; do
      echo "| Growth $large vs $small articles, wall ($(tool_name "$tool")) | $large/$small |" \
        "$(ratio "$(median $C_WALL "$large" "$tool" tmpfs)" "$(median $C_WALL "$small" "$tool" tmpfs)")× |" \
        "$(awk -v a="$large" -v b="$small" 'BEGIN { printf "%g", a / b }')× the articles |"
    done
  fi
  if [[ $(runs example handout build) != 0/0 ]]; then
    echo "| Example site (repository root), wall (s) | - | $(num "$(median $C_WALL example handout build)" 3) |" \
      "$(runs example handout build) runs ok |"
  fi
  for size in $SIZES; do
    [[ $(runs "$size" handout serve) == 0/0 ]] && continue
    echo "| Serve: save to rebuilt page served (ms) | $size | $(num "$(median $C_WALL "$size" handout serve)" 0 0.001) |" \
      "$(runs "$size" handout serve) saves; min $(num "$(extreme min $C_WALL "$size" handout serve)" 0 0.001)," \
      "max $(num "$(extreme max $C_WALL "$size" handout serve)" 0 0.001); first page after $(num "$(median $C_WALL "$size" handout serve-start)" 2) s |"
  done
}

# Search's cost: builds with the index (tmpfs rows) against builds without (nosearch rows).
search_table() {
  local size with without rw rwo figures idx files query
  echo "| Articles | Wall with / without search (s) | Added | Peak RSS with / without (MiB) | Added (MiB) | Index on disk (MiB) | Index files | One query downloads (KiB) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  for size in $SIZES; do
    with=$(median $C_WALL "$size" handout tmpfs)
    without=$(median $C_WALL "$size" handout nosearch)
    rw=$(median $C_RSS "$size" handout tmpfs)
    rwo=$(median $C_RSS "$size" handout nosearch)
    figures=$(printf '%s\n' "${SEARCH_FIGURES[@]}" | awk -v s="$size" '$1 == s')
    read -r _ idx files query <<<"${figures:-x NA NA NA}"
    echo "| $size | $(num "$with" 2) / $(num "$without" 2) | $(search_added "$with" "$without")" \
      "| $(num "$rw" 0 1024) / $(num "$rwo" 0 1024)" \
      "| $(awk -v a="$rw" -v b="$rwo" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else printf "%.0f", (a - b) / 1024 }')" \
      "| $(num "$idx" 1 1048576) | ${files:-NA} | $(num "$query" 0 1024) |"
  done
}

# search_added WITH WITHOUT: how much longer, in percent ("NA" if either is missing).
search_added() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || b == 0) print "NA"; else printf "%+.0f%%", 100 * (a - b) / b }'
}

# verdict VALUE OP LIMIT: "met", "missed" or "not measured".
verdict() {
  if [[ $1 == NA || -z $1 ]]; then
    echo "not measured"
  else
    awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<=") ? v <= l : v < l; print ok ? "met" : "MISSED" }'
  fi
}

# The targets (issues 6, 14 and 17), each against this run's numbers.
targets_table() {
  local small large w r b g c s e
  small=$(smallest_size)
  large=$(largest_size)
  echo "| Target | Limit | This run | Verdict |"
  echo "|---|---:|---:|---|"
  if active hugo; then
    w=$(ratio "$(median $C_WALL "$large" handout tmpfs)" "$(median $C_WALL "$large" hugo tmpfs)")
    r=$(ratio "$(median $C_RSS "$large" handout tmpfs)" "$(median $C_RSS "$large" hugo tmpfs)")
    b=$(ratio "$(median $C_BYTES "$large" handout tmpfs)" "$(median $C_BYTES "$large" hugo tmpfs)")
    echo "| Wall time of a $large-article build, handout/Hugo | ≤ 0.12 | $w | $(verdict "$w" "<=" 0.12) |"
    echo "| Peak memory of a $large-article build, handout/Hugo | ≤ 0.10 | $r | $(verdict "$r" "<=" 0.10) |"
    echo "| Bytes written for the same pages at $large articles, handout/Hugo | ≤ 1.5 | $b | $(verdict "$b" "<=" 1.5) |"
  fi
  local largest over
  for size in $SIZES; do
    read -r largest over <<<"${LARGEST[handout-$size]:-NA NA}"
    [[ $largest == NA ]] || largest=$(num "$largest" 0 1024)
    echo "| Largest HTML page at $size articles (KiB; pages over 300 KiB: ${over}) | ≤ 300 | $largest | $(verdict "$largest" "<=" 300) |"
  done
  if [[ $small != "$large" ]]; then
    g=$(ratio "$(median $C_WALL "$large" handout tmpfs)" "$(median $C_WALL "$small" handout tmpfs)")
    local limit
    limit=$(awk -v a="$large" -v b="$small" 'BEGIN { printf "%.1f", 1.1 * a / b }')
    echo "| Growth, $large vs $small articles (wall) | ≤ $limit | $g | $(verdict "$g" "<=" "$limit") |"
  fi
  local check_size f n o
  check_size=$(check_size)
  c=$(median $C_WALL "$check_size" handout check)
  echo "| \`handout check\` of $check_size articles, wall (s) | ≤ 2 | $(num "$c" 2) | $(verdict "$c" "<=" 2) |"
  for size in $SIZES; do
    [[ $size == 100000 ]] && continue
    f=$(ratio "$(median $C_WALL "$size" handout tmpfs)" "$(median $C_WALL "$size" floor tmpfs)")
    echo "| Build of $size articles, multiple of the floor | ≤ 3 | $f | $(verdict "$f" "<=" 3) |"
    n=$(median $C_WALL "$size" handout rebuild)
    echo "| No-change rebuild of $size articles (s) | ≤ 0.5 | $(num "$n" 2) | $(verdict "$n" "<=" 0.5) |"
    o=$(median $C_WALL "$size" handout one-article)
    echo "| One-article rebuild of $size articles (s) | ≤ 1 | $(num "$o" 2) | $(verdict "$o" "<=" 1) |"
  done
  if [[ " $SIZES " == *" 100000 "* ]]; then
    w=$(median $C_WALL 100000 handout tmpfs)
    r=$(median $C_RSS 100000 handout tmpfs)
    echo "| Build of 100000 articles, wall (s) | ≤ 30 | $(num "$w" 1) | $(verdict "$w" "<=" 30) |"
    echo "| Build of 100000 articles, peak memory (MiB) | ≤ 1536 | $(num "$r" 0 1024) | $(verdict "$(num "$r" 0 1024)" "<=" 1536) |"
  fi
  s=$(median $C_WALL "$large" handout serve)
  [[ $s == NA ]] || s=$(num "$s" 0 0.001)
  echo "| Serve: one saved article at $large, rebuilt and served (ms, median) | ≤ 50 | $s | $(verdict "$s" "<=" 50) |"
  e=$(median $C_WALL example handout build)
  [[ $e == NA ]] || e=$(num "$e" 0 0.001)
  echo "| Example site build (ms) | ≤ 50 | $e | $(verdict "$e" "<=" 50) |"
  local with without rw rwo
  with=$(median $C_WALL "$large" handout tmpfs)
  without=$(median $C_WALL "$large" handout nosearch)
  if [[ $without != NA ]]; then
    w=$(awk -v a="$with" -v b="$without" 'BEGIN { if (a == "NA") print "NA"; else printf "%.0f", 100 * (a - b) / b }')
    rw=$(median $C_RSS "$large" handout tmpfs)
    rwo=$(median $C_RSS "$large" handout nosearch)
    r=$(awk -v a="$rw" -v b="$rwo" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else printf "%.0f", (a - b) / 1024 }')
    echo "| Search (issue 14): wall added at $large articles (%) | ≤ 30 | $w | $(verdict "$w" "<=" 30) |"
    echo "| Search (issue 14): peak memory added at $large articles (MiB) | ≤ 100 | $r | $(verdict "$r" "<=" 100) |"
  fi
}

write_report() {
  {
    echo "# handout vs Hugo: build benchmark"
    echo
    machine_section
    echo
    echo "## Builds (median of $RUNS run(s) on tmpfs, 1 run on disk; clean output folder each time)"
    echo
    build_table
    if active handout && active hugo; then
      echo
      echo "## handout / Hugo (below 1 means handout is faster or smaller)"
      echo
      ratio_table
    fi
    if active handout; then
      echo
      echo "## handout only (tmpfs)"
      echo
      handout_table
      echo
      echo "## Search (median of $RUNS run(s) each way, tmpfs)"
      echo
      search_table
      echo
      echo "## Targets (issues 14 and 17)"
      echo
      targets_table
    fi
    if [[ ${#NOTES[@]} -gt 0 ]]; then
      echo
      echo "## Notes"
      echo
      printf -- '- %s\n' "${NOTES[@]}"
    fi
    if [[ ${#FAILURES[@]} -gt 0 ]]; then
      echo
      echo "## Failures"
      echo
      printf -- '- %s\n' "${FAILURES[@]}"
    fi
  } >"$REPORT"
  cat "$REPORT"
}

# ---------------------------------------------------------------------------------------------

main() {
  case ${1:-} in
    -h | --help)
      awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
      exit 0
      ;;
    --100k) SIZES="$SIZES 100000" ;;
    "") ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
  check_settings
  rm -rf "$WORK/out" "$WORK/corpus" "$WORK/serve" "$WORK/selftest" "$LOGS" "$DISK_WORK/out"
  mkdir -p "$LOGS" "$DISK_WORK"
  printf 'size\ttool\tmode\trun\texit\tok\twall_s\tcpu_s\trss_kib\thtml_pages\tbytes\n' >"$RESULTS"
  ensure_tools
  build_generator
  local tool
  for tool in $TOOLS; do
    if [[ $tool == handout ]]; then
      build_handout && ACTIVE+=(handout)
    else
      ACTIVE+=(hugo)
    fi
  done
  [[ ${#ACTIVE[@]} -gt 0 ]] || {
    write_report
    exit 1
  }
  generate_corpora
  measure_builds
  if active handout; then
    measure_floor
    measure_rebuilds
    measure_search
    measure_check
    measure_example
    if [[ $SERVE == 1 ]]; then
      local size
      for size in $SIZES; do measure_serve "$size"; done
    else
      NOTES+=("Serve round trip: skipped (SERVE=$SERVE).")
    fi
  fi
  rm -rf "$WORK/out" "$DISK_WORK/out"
  write_report
  [[ ${#FAILURES[@]} -eq 0 ]] || exit 1
}

main "$@"
