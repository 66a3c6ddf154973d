#!/usr/bin/env bash
# Cold-process transfer benchmark: what a user gets. Every QRBeam side is a fresh `java -jar qrbeam.jar` process,
# timed from launching the sender until both processes have exited; the received file is hash-checked; magic-wormhole
# 0.12 runs in the same invocation on the same file (direct, and through its transit relay with --no-listen).
# Prints one markdown table (MB/s end to end, ratio, CPU-s per GiB of each process) plus a warm column.
#
#   bash core/bench/cold-bench.sh [--mib 1024] [--runs 3] [--netns] [--no-build] [--dir DIR] [--jfr] [--threads]
#                                 [--aot-java JAVA24+]
#
#   --netns     re-run itself inside a fresh network namespace that has only loopback (needs root)
#   --jfr       also record a JFR profile of each QRBeam process of the last run and summarise where CPU went
#   --threads   CPU-s of every thread of each QRBeam process of the last run, grouped (JIT compilers, GC, the
#               engine's threads): where a cold process spends its CPU, including what JFR does not sample
#   --aot-java  also a row "built-in relay" on that JDK (24 or later) with an ahead-of-time cache per role
#               (-XX:AOTCache), trained by one uncounted transfer of the same file: what an installer that
#               bundles such a runtime and its cache would give
#   JAVA=...    java to use (default: java on PATH); QRBEAM_BENCH_JVMFLAGS adds flags to every QRBeam JVM
#
# Everything listens on 127.0.0.1 only. Needs: java 17+, /usr/bin/time, magic-wormhole, its transit relay and mailbox
# server run with twistd3 (bash .ci/setup-engine.sh --bench). Rows:
#   builtin   QRBEAM_LOOPBACK=1 `send` (the default: the sender starts its own relay) + `receive`
#   relay     `send --relay ws://127.0.0.1:P/` + `receive` through a standalone `qrbeam.jar relay` (one JVM, kept
#             for all runs like a deployed relay, after one uncounted 64 MiB transfer; its CPU is counted per run)
#   app-first a fresh JVM that builds the engine exactly like the desktop app's CoreEngineFactory (EngineConfig
#             defaults, built-in relay) and sends at once (dev.qrbeam.core.bench.EngineSend) + a CLI `receive`:
#             the app's first transfer after start-up, without JavaFX (the app adds its window; see docs)
#   wormhole direct / wormhole transit: magic-wormhole sender + receiver processes, same timing.
# Warm column: dev.qrbeam.core.bench.WarmTransfers — sender and receiver engines in one JVM, 3 transfers, the 3rd
# reported (the JIT has compiled everything).
set -euo pipefail

MIB=1024; RUNS=1; NETNS=0; BUILD=1; JFR=0; THREADS=0; AOT_JAVA=
DIR=${TMPDIR:-/tmp}/qrbeam-cold-bench
while [ $# -gt 0 ]; do
    case "$1" in
        --mib) MIB=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --netns) NETNS=1; shift ;;
        --no-build) BUILD=0; shift ;;
        --dir) DIR=$2; shift 2 ;;
        --jfr) JFR=1; shift ;;
        --threads) THREADS=1; shift ;;
        --aot-java) AOT_JAVA=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/cli/target/qrbeam.jar
CP=$JAR:$ROOT/core/target/test-classes
JAVA=${JAVA:-java}
read -r -a JFLAGS <<< "-Xmx256m ${QRBEAM_BENCH_JVMFLAGS:-}"

if [ "$NETNS" = 1 ]; then
    NS=qrbeam-bench-$$-$RANDOM
    ip netns add "$NS"
    trap 'ip netns del "$NS" 2>/dev/null || true' EXIT
    ip netns exec "$NS" ip link set lo up
    args=(--mib "$MIB" --runs "$RUNS" --dir "$DIR" --no-build)
    [ "$JFR" = 1 ] && args+=(--jfr)
    [ "$THREADS" = 1 ] && args+=(--threads)
    [ -n "$AOT_JAVA" ] && args+=(--aot-java "$AOT_JAVA")
    [ "$BUILD" = 1 ] && (cd "$ROOT" && mvn -q -B -pl cli -am package -DskipTests)
    echo "network namespace $NS: $(ip netns exec "$NS" ip -brief addr | tr '\n' ' ')"
    ip netns exec "$NS" bash "$0" "${args[@]}"
    exit $?
fi
[ "$BUILD" = 1 ] && (cd "$ROOT" && mvn -q -B -pl cli -am package -DskipTests)
mkdir -p "$DIR"
FILE=$DIR/bench-${MIB}MiB.bin
if [ ! -f "$FILE" ] || [ "$(stat -c %s "$FILE")" != $((MIB << 20)) ]; then
    head -c $((MIB << 20)) /dev/urandom > "$FILE.tmp" && mv "$FILE.tmp" "$FILE"
fi
SHA=$(sha256sum "$FILE" | cut -d' ' -f1)
BYTES=$((MIB << 20))
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

now() { date +%s.%N; }
cpu_of() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print (f[12] + f[13]) / 100 }' "/proc/$1/stat"; }
per_gib() { awk -v c="$1" -v b="$BYTES" 'BEGIN { printf "%.2f", c / (b / 1073741824) }'; }
mbs() { awk -v t="$1" -v b="$BYTES" 'BEGIN { printf "%.1f", b / t / 1e6 }'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# wait_for FILE PATTERN SECONDS PID: until the pattern is in FILE; fails (showing FILE) if PID dies or time runs out
wait_for() {
    local deadline=$(( $(date +%s) + $3 ))
    until grep -q "$2" "$1" 2>/dev/null; do
        if ! kill -0 "$4" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
            echo "gave up waiting for '$2' in $1:" >&2; tail -20 "$1" >&2; return 1
        fi
        sleep 0.01
    done
}
# timed OUTFILE CMD...: runs CMD under /usr/bin/time (user+sys of the process into OUTFILE.time), background
timed() { local out=$1; shift; /usr/bin/time -f "%U %S" -o "$out.time" "$@" > "$out" 2>&1 & }
proc_cpu() { awk '{ printf "%.2f", $1 + $2 }' "$1.time"; }
check() { local got; got=$(sha256sum "$1" | cut -d' ' -f1); [ "$got" = "$SHA" ] || { echo "HASH MISMATCH $1" >&2; exit 1; }; }
# sample_threads PID OUT: until PID exits, keeps each thread's last CPU time (utime+stime); writes "name cpu" lines
sample_threads() {
    python3 - "$1" "$2" <<'PY' &
import os, sys, time
pid, out, last = sys.argv[1], sys.argv[2], {}
while os.path.exists(f"/proc/{pid}"):
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                s = open(f"/proc/{pid}/task/{tid}/stat").read()
            except OSError:
                continue
            f = s[s.rindex(')') + 2:].split()
            last[tid] = (s[s.index('(') + 1:s.rindex(')')], (int(f[11]) + int(f[12])) / 100)
    except OSError:
        pass
    time.sleep(0.05)
with open(out, "w") as o:
    for name, cpu in last.values():
        o.write(f"{name.replace(' ', '_')} {cpu}\n")
PY
}
# watch_threads TIMEPID OUT: samples the java child of /usr/bin/time (last run, --threads only)
watch_threads() {
    [ "$THREADS" = 1 ] && [ "$LAST" = 1 ] || return 0
    local child=""
    for _ in $(seq 1 200); do child=$(pgrep -P "$1" | head -1); [ -n "$child" ] && break; sleep 0.01; done
    [ -n "$child" ] && sample_threads "$child" "$2"
    return 0
}
jfr_flag() { [ "$JFR" = 1 ] && [ "$LAST" = 1 ] && echo "-XX:StartFlightRecording=filename=$1,settings=profile" || true; }

# qrbeam_pair NAME SENDER-ARGS... : fresh sender + fresh CLI receiver; sets T (seconds) SCPU RCPU
# (PJAVA overrides the java of both; PSFLAG / PRFLAG add JVM options to the sender / the receiver)
qrbeam_pair() {
    local name=$1; shift
    local w; w=$(mktemp -d "$DIR/run-$name-XXXX")
    local sflag rflag; sflag=$(jfr_flag "$DIR/$name-send.jfr"); rflag=$(jfr_flag "$DIR/$name-recv.jfr")
    local t0; t0=$(now)
    timed "$w/send" env QRBEAM_LOOPBACK=1 "${PJAVA:-$JAVA}" "${JFLAGS[@]}" $sflag ${PSFLAG:-} "$@" --state-dir "$w/ss" --no-qr "$FILE"
    local sp=$!
    watch_threads $sp "$DIR/$name-send.threads"
    wait_for "$w/send" '^code: ' 300 $sp
    local code; code=$(grep '^code: ' "$w/send" | head -1 | cut -d' ' -f2)
    timed "$w/recv" env QRBEAM_LOOPBACK=1 "${PJAVA:-$JAVA}" "${JFLAGS[@]}" $rflag ${PRFLAG:-} -jar "$JAR" receive --state-dir "$w/rs" --plain --out "$w/out" "$code"
    local rp=$!
    watch_threads $rp "$DIR/$name-recv.threads"
    wait $rp || { echo "$name receive failed:" >&2; tail -5 "$w/recv" >&2; exit 1; }
    wait $sp || { echo "$name send failed:" >&2; tail -5 "$w/send" >&2; exit 1; }
    T=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')
    SCPU=$(proc_cpu "$w/send"); RCPU=$(proc_cpu "$w/recv")
    check "$w/out/$(basename "$FILE")"
    rm -rf "$w"
}

# wormhole_pair NAME EXTRA-ARGS...: sets T SCPU RCPU
wormhole_pair() {
    local name=$1; shift
    local w; w=$(mktemp -d "$DIR/run-$name-XXXX")
    local code="7-qrbeam-bench$RANDOM"
    local common=(--relay-url "ws://127.0.0.1:$MAILBOX/v1" --transit-helper "tcp:127.0.0.1:$TRANSIT")
    local t0; t0=$(now)
    timed "$w/send" wormhole "${common[@]}" send "$@" --code "$code" "$FILE"
    local sp=$!
    wait_for "$w/send" 'On the other computer' 300 $sp
    timed "$w/recv" wormhole "${common[@]}" receive "$@" --accept-file -o "$w/out.bin" "$code"
    local rp=$!
    wait $rp || { echo "$name receive failed:" >&2; tail -5 "$w/recv" >&2; exit 1; }
    wait $sp || true
    T=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')
    SCPU=$(proc_cpu "$w/send"); RCPU=$(proc_cpu "$w/recv")
    grep -q -- '->tcp:127.0.0.1\|<-127.0.0.1' "$w/send" "$w/recv" && ROUTE=direct || ROUTE=relay
    [ $# -gt 0 ] && ROUTE=relay
    check "$w/out.bin"
    rm -rf "$w"
}

echo "# cold-bench: $MIB MiB, $RUNS run(s), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $("$JAVA" -version 2>&1 | head -1), $(wormhole --version 2>&1 | head -1), JVM flags: ${JFLAGS[*]}"

# servers: magic-wormhole mailbox + transit relay, QRBeam standalone relay (all 127.0.0.1)
MAILBOX=$(free_port); TRANSIT=$(free_port)
SRV=$(mktemp -d "$DIR/servers-XXXX")
(cd "$SRV" && exec twistd3 -n --pidfile= wormhole-mailbox --port "tcp:$MAILBOX:interface=127.0.0.1" --channel-db "$SRV/mb.sqlite" > "$SRV/mailbox.log" 2>&1) &
PIDS+=($!); MBP=$!
(cd "$SRV" && exec twistd3 -n --pidfile= transitrelay --port "tcp:$TRANSIT:interface=127.0.0.1" > "$SRV/transit.log" 2>&1) &
PIDS+=($!); TRP=$!
"$JAVA" "${JFLAGS[@]}" -jar "$JAR" relay --host 127.0.0.1 --port 0 > "$SRV/relay.log" 2>&1 &
RELAYP=$!; PIDS+=($RELAYP)
# python servers log once they listen; a slow start under load is waited for (the old fixed 15 s port poll was not)
wait_for "$SRV/mailbox.log" "Site starting on $MAILBOX\|PrivacyEnhancedSite starting on $MAILBOX" 180 $MBP
wait_for "$SRV/transit.log" "Transit starting on $TRANSIT" 180 $TRP
wait_for "$SRV/relay.log" 'listening on' 120 $RELAYP
RELAY=$(sed -n 's/^listening on //p' "$SRV/relay.log" | head -1)
# one uncounted 64 MiB transfer warms the standalone relay (a deployed relay is warm)
( FILE_SAVE=$FILE; head -c $((64 << 20)) "$FILE" > "$SRV/warm.bin"; SHA0=$SHA; BYTES0=$BYTES
  FILE=$SRV/warm.bin; SHA=$(sha256sum "$FILE" | cut -d' ' -f1); LAST=0
  qrbeam_pair warmrelay -jar "$JAR" send --relay "$RELAY" ) > /dev/null

AOT_S=$DIR/aot-send.aot; AOT_R=$DIR/aot-recv.aot
if [ -n "$AOT_JAVA" ]; then
    # one uncounted transfer per role writes its cache at exit (JDK 25: -XX:AOTCacheOutput, training + assembly)
    rm -f "$AOT_S" "$AOT_R"
    ( LAST=0; PJAVA=$AOT_JAVA PSFLAG="-XX:AOTCacheOutput=$AOT_S" PRFLAG="-XX:AOTCacheOutput=$AOT_R" \
        qrbeam_pair aot-train -jar "$JAR" send ) > /dev/null
    [ -s "$AOT_S" ] && [ -s "$AOT_R" ] || { echo "AOT cache training with $AOT_JAVA wrote no cache" >&2; exit 1; }
    echo "# AOT: $("$AOT_JAVA" -version 2>&1 | head -1), caches $(du -m "$AOT_S" | cut -f1) + $(du -m "$AOT_R" | cut -f1) MB"
fi

declare -A SUM_T SUM_S SUM_R SUM_RELAY
ROWS=(builtin relay app-first wormhole-direct wormhole-transit builtin-aot builtin-newjdk)
for r in "${ROWS[@]}"; do SUM_T[$r]=""; SUM_S[$r]=""; SUM_R[$r]=""; SUM_RELAY[$r]=""; done
for run in $(seq 1 "$RUNS"); do
    LAST=$([ "$run" = "$RUNS" ] && echo 1 || echo 0)
    qrbeam_pair builtin -jar "$JAR" send
    SUM_T[builtin]+="$T "; SUM_S[builtin]+="$SCPU "; SUM_R[builtin]+="$RCPU "
    echo "run $run builtin          $(mbs "$T") MB/s  $T s  cpu send $SCPU recv $RCPU  (load $(cut -d' ' -f1 /proc/loadavg))"
    wormhole_pair wormhole-direct
    SUM_T[wormhole-direct]+="$T "; SUM_S[wormhole-direct]+="$SCPU "; SUM_R[wormhole-direct]+="$RCPU "
    echo "run $run wormhole direct  $(mbs "$T") MB/s  $T s  cpu send $SCPU recv $RCPU  (route: $ROUTE)"
    c0=$(cpu_of "$RELAYP")
    qrbeam_pair relay -jar "$JAR" send --relay "$RELAY"
    RC=$(awk -v a="$c0" -v b="$(cpu_of "$RELAYP")" 'BEGIN { printf "%.2f", b - a }')
    SUM_T[relay]+="$T "; SUM_S[relay]+="$SCPU "; SUM_R[relay]+="$RCPU "; SUM_RELAY[relay]+="$RC "
    echo "run $run relay            $(mbs "$T") MB/s  $T s  cpu send $SCPU recv $RCPU relay $RC"
    c0=$(cpu_of "$TRP")
    wormhole_pair wormhole-transit --no-listen
    RC=$(awk -v a="$c0" -v b="$(cpu_of "$TRP")" 'BEGIN { printf "%.2f", b - a }')
    SUM_T[wormhole-transit]+="$T "; SUM_S[wormhole-transit]+="$SCPU "; SUM_R[wormhole-transit]+="$RCPU "; SUM_RELAY[wormhole-transit]+="$RC "
    echo "run $run wormhole transit $(mbs "$T") MB/s  $T s  cpu send $SCPU recv $RCPU relay $RC"
    qrbeam_pair app-first -cp "$CP" dev.qrbeam.core.bench.EngineSend
    SUM_T[app-first]+="$T "; SUM_S[app-first]+="$SCPU "; SUM_R[app-first]+="$RCPU "
    echo "run $run app-first        $(mbs "$T") MB/s  $T s  cpu send $SCPU recv $RCPU"
    if [ -n "$AOT_JAVA" ]; then
        PJAVA=$AOT_JAVA PSFLAG="-XX:AOTCache=$AOT_S" PRFLAG="-XX:AOTCache=$AOT_R" qrbeam_pair builtin-aot -jar "$JAR" send
        SUM_T[builtin-aot]+="$T "; SUM_S[builtin-aot]+="$SCPU "; SUM_R[builtin-aot]+="$RCPU "
        echo "run $run builtin-aot      $(mbs "$T") MB/s  $T s  cpu send $SCPU recv $RCPU"
        PJAVA=$AOT_JAVA qrbeam_pair builtin-newjdk -jar "$JAR" send
        SUM_T[builtin-newjdk]+="$T "; SUM_S[builtin-newjdk]+="$SCPU "; SUM_R[builtin-newjdk]+="$RCPU "
        echo "run $run builtin-newjdk   $(mbs "$T") MB/s  $T s  cpu send $SCPU recv $RCPU"
    fi
done

echo "# warm: engines in one JVM, 3 transfers each, the 3rd counted"
WARM_BUILTIN=$("$JAVA" "${JFLAGS[@]}" -cp "$CP" dev.qrbeam.core.bench.WarmTransfers "$FILE" builtin 3 2>/dev/null | tail -1)
WARM_RELAY=$("$JAVA" "${JFLAGS[@]}" -cp "$CP" dev.qrbeam.core.bench.WarmTransfers "$FILE" "$RELAY" 3 2>/dev/null | tail -1)
echo "warm builtin: $WARM_BUILTIN"; echo "warm relay: $WARM_RELAY"

median() { tr ' ' '\n' | { grep -v '^$' || true; } | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
row() {  # row KEY LABEL VS-KEY WARM
    local t; t=$(echo "${SUM_T[$1]}" | median)
    local s; s=$(echo "${SUM_S[$1]}" | median); local r; r=$(echo "${SUM_R[$1]}" | median)
    local rl; rl=$(echo "${SUM_RELAY[$1]}" | median)
    local vs="-"
    if [ -n "$3" ]; then vs=$(awk -v a="$t" -v b="$(echo "${SUM_T[$3]}" | median)" 'BEGIN { printf "%.2fx", b / a }'); fi
    local relaycol="-"; [ "$rl" != "-" ] && relaycol=$(per_gib "$rl")
    echo "| $2 | $(mbs "$t") | $vs | $(per_gib "$s") / $(per_gib "$r") / $relaycol | $4 |"
}
echo
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg). Median of $RUNS run(s); MB/s = $MIB MiB / (sender launch → both exited)."
echo
echo "| path | fresh processes MB/s | vs magic-wormhole | CPU-s per GiB send / recv / relay | warm (one JVM) |"
echo "|---|---|---|---|---|"
row builtin "QRBeam built-in relay (\`send\`, QRBEAM_LOOPBACK=1)" wormhole-direct "$WARM_BUILTIN"
row wormhole-direct "magic-wormhole direct" "" "-"
row relay "QRBeam standalone relay (\`send --relay\`)" wormhole-transit "$WARM_RELAY"
row wormhole-transit "magic-wormhole transit relay (\`--no-listen\`)" "" "-"
row app-first "app's first transfer (engine as the app builds it, fresh JVM) + CLI receive" builtin "-"
if [ -n "$AOT_JAVA" ]; then
    AOT_V=$("$AOT_JAVA" -version 2>&1 | head -1 | cut -d'"' -f2)
    row builtin-newjdk "QRBeam built-in relay on JDK $AOT_V, no cache" wormhole-direct "-"
    row builtin-aot "QRBeam built-in relay on JDK $AOT_V + AOT cache per role" wormhole-direct "-"
fi
echo
echo "(app-first's ratio column is CLI built-in time / app-first time: 1.00x = same speed as the CLI.)"

if [ "$THREADS" = 1 ]; then
    echo; echo "## CPU-s by thread group, last run (JIT = C1 + C2 compiler threads)"
    echo; echo "| process | total | JIT | GC + VM | engine threads (largest) |"; echo "|---|---|---|---|---|"
    for f in "$DIR"/*.threads; do
        awk -v n="$(basename "$f" .threads)" '
            { t += $2; if ($1 ~ /CompilerThre/) j += $2; else if ($1 ~ /^(GC_|G1_|VM_|Reference|Finalizer|Signal|Service|Common-Cleaner|Monitor)/) g += $2; else { e[$1] += $2 } }
            END { s = ""; for (k in e) if (e[k] >= 0.1) s = s sprintf("%s %.2f, ", k, e[k]); sub(/, $/, "", s)
                  printf "| %s | %.2f | %.2f | %.2f | %s |\n", n, t, j, g, s }' "$f"
    done
    rm -f "$DIR"/*.threads
fi

if [ "$JFR" = 1 ]; then
    for f in "$DIR"/*.jfr; do
        echo; echo "## JFR $(basename "$f"): top frames of jdk.ExecutionSample"
        jfr print --events jdk.ExecutionSample "$f" | awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); c[$0]++; n++ } END { for (k in c) printf "%6.1f%% %s\n", 100 * c[k] / n, k }' | sort -rn | head -12
        echo "by thread:"
        jfr print --events jdk.ExecutionSample "$f" | awk -F'"' '/sampledThread = / { c[$2]++; n++ } END { for (k in c) printf "%6.1f%% %s\n", 100 * c[k] / n, k }' | sort -rn | head -6
    done
fi
