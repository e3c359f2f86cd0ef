#!/bin/sh
# Memory per idle TLS connection: ucspi4j's sslserver beside stunnel4, both serving the same
# certificate (a P-256 key made here) and running the same program for each connection
# (samples/programs/echo, i.e. `cat`; stunnel through exec=).
#
# For each server: start it; warm it up (WARMUP short echo connections, 10 at a time, so that the
# one-time costs -- classes, JIT, TLS tables -- are paid before the baseline, while the server never
# holds more than 10 connections: what it holds at the baseline is not sized for the N to come);
# wait SETTLE seconds;
# measure; open N idle connections (bench/src/main/java/org/ucspi4j/bench/load/EchoLoad.java idle:
# a full TLS 1.3 handshake and one echoed line each, then silence); wait SETTLE seconds; measure;
# close them. "The server's memory" is the server process alone: our one JVM process; stunnel's one
# process (it runs a thread per connection). The per-connection programs are the same `cat` for both
# and are left out of the per-connection figure; the table shows them too ("with programs": the whole
# process tree). Sizes are PSS (proportional set size, smaps_rollup) and RSS, in KiB; the figure per
# connection is (PSS with N - PSS before) / N. Nothing is collected or trimmed by force: the figures are
# what the kernel sees a running server hold.
#
# usage: bench/idle-memory.sh        env: N=1000 WARMUP=2000 SETTLE=15 DIR=scratch
#                                         ONLY=ucspi4j|stunnel  ANALYZE=1 (JVM: heap histograms and
#                                         native memory tracking at both points, kept in DIR)
# Extra JVM flags for sslserver: UCSPI4J_JAVA_OPTS (the launcher passes them on).
set -eu
home=$(dirname "$(dirname "$(readlink -f "$0")")")
. "$home/bench/lib/proc.sh"
bench_setup_java
command -v stunnel4 >/dev/null 2>&1 || [ "${ONLY:-}" = ucspi4j ] || { echo "idle-memory: needs stunnel4" >&2; exit 111; }

n=${N:-1000} warmup=${WARMUP:-2000} settle=${SETTLE:-15} only=${ONLY:-}
if [ -z "${DIR:-}" ]; then DIR=$(mktemp -d /tmp/ucspi4j-idle.XXXXXX); keep=; else mkdir -p "$DIR"; keep=1; fi
pids=
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  rm -f "$DIR/hold"
  [ -n "$keep" ] || rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$DIR/key.pem" -out "$DIR/cert.pem" \
  -days 30 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
echo "== idle-memory $(date -u +%FT%TZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $n idle TLS 1.3 connections, warm-up $warmup, settle $settle s"

# measure NAME PID: NAME_pss NAME_rss (the process), NAME_tpss NAME_trss (with its programs), NAME_kids
measure() {
  eval "$1_pss=$(pss_of "$2") $1_rss=$(rss_of "$2")"
  eval "$1_tpss=$(tree_of "$2" | sum_pss) $1_trss=$(tree_of "$2" | sum_rss) $1_kids=$(children_of "$2")"
  eval "$1_threads=$(threads_of "$2")"
}

# run NAME PID PORT: warm-up, baseline, N idle connections, measure, close.
run() {
  name=$1 pid=$2 port=$3
  $load echo 127.0.0.1 "$port" -n "$warmup" -c 10 --max 4096 >"$DIR/$name.warmup" 2>&1 ||
    { echo "idle-memory: $name warm-up failed:" >&2; cat "$DIR/$name.warmup" >&2; exit 1; }
  sleep "$settle"
  analyze "$name" "$pid" 0
  measure "${name}_0" "$pid"
  : >"$DIR/hold"
  $load idle 127.0.0.1 "$port" -n "$n" -c 50 --hold-file "$DIR/hold" >"$DIR/$name.idle" 2>&1 &
  client=$!
  i=0
  while ! grep -q '^held ' "$DIR/$name.idle" 2>/dev/null && [ $i -lt 6000 ]; do sleep 0.1; i=$((i + 1)); done
  grep -q "^held $n failed 0" "$DIR/$name.idle" ||
    { echo "idle-memory: $name did not hold $n connections:" >&2; cat "$DIR/$name.idle" >&2; rm -f "$DIR/hold"; exit 1; }
  sleep "$settle"
  measure "${name}_n" "$pid"
  analyze "$name" "$pid" "$n"
  rm -f "$DIR/hold"
  wait "$client" || { echo "idle-memory: $name: connections lost while idle:" >&2; cat "$DIR/$name.idle" >&2; exit 1; }
}

# With ANALYZE=1 (JVM only): where the memory is, at 0 and at N connections.
analyze() {
  [ "${ANALYZE:-}" = 1 ] && [ "$1" = ucspi4j ] || return 0
  "$jcmd" "$2" GC.class_histogram >"$DIR/histo.$3" 2>&1 || true
  "$jcmd" "$2" VM.native_memory summary >"$DIR/nmt.$3" 2>&1 || true
  "$jcmd" "$2" GC.heap_info >"$DIR/heap.$3" 2>&1 || true
  "$jstat" -gc "$2" >"$DIR/jstat.$3" 2>&1 || true
}

if [ "$only" != stunnel ]; then
  analyze_opts=
  # jcmd attaches: the launcher turns attach off for servers (README, "Security model")
  [ "${ANALYZE:-}" = 1 ] && analyze_opts="-XX:NativeMemoryTracking=summary -XX:-DisableAttachMechanism"
  rm -f "$DIR/ucspi4j.port"
  CERTFILE=$DIR/cert.pem KEYFILE=$DIR/key.pem UCSPI4J_JAVA_OPTS="${UCSPI4J_JAVA_OPTS:-} $analyze_opts" \
    "$home/bin/sslserver" -1 -c $((n + warmup + 100)) 127.0.0.1 0 "$home/samples/programs/echo" \
    >"$DIR/ucspi4j.port" 2>"$DIR/ucspi4j.log" &
  ours=$!
  pids="$pids $ours"
  i=0
  while [ ! -s "$DIR/ucspi4j.port" ] && [ $i -lt 900 ]; do sleep 0.1; i=$((i + 1)); done
  [ -s "$DIR/ucspi4j.port" ] || { echo "idle-memory: sslserver did not start" >&2; cat "$DIR/ucspi4j.log" >&2; exit 1; }
  run ucspi4j "$ours" "$(cat "$DIR/ucspi4j.port")"
  kill "$ours"
fi

if [ "$only" != ucspi4j ]; then
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >"$DIR/stunnel.conf" <<CONF
foreground = yes
pid =
output = $DIR/stunnel.log
debug = 4
[echo]
accept = 127.0.0.1:$port
cert = $DIR/cert.pem
key = $DIR/key.pem
exec = $home/samples/programs/echo
execArgs = echo
CONF
  stunnel4 "$DIR/stunnel.conf" >/dev/null 2>&1 &
  theirs=$!
  pids="$pids $theirs"
  i=0
  while ! ss -ltn "sport = :$port" | grep -q LISTEN && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  run stunnel "$theirs" "$port"
  kill "$theirs"
fi

row() { # LABEL NAME
  eval "p0=\$$2_0_pss pn=\$$2_n_pss r0=\$$2_0_rss rn=\$$2_n_rss t0=\$$2_0_tpss tn=\$$2_n_tpss th0=\$$2_0_threads thn=\$$2_n_threads"
  per=$(awk -v a="$p0" -v b="$pn" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }')
  perr=$(awk -v a="$r0" -v b="$rn" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }')
  pert=$(awk -v a="$t0" -v b="$tn" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }')
  printf '%-10s %10s %10s %10s %10s %9s %9s %9s %8s\n' "$1" "$p0" "$pn" "$r0" "$rn" "$per" "$perr" "$pert" "$th0/$thn"
  eval "$2_per=$per"
}
echo
printf '%-10s %10s %10s %10s %10s %9s %9s %9s %8s\n' "server" "PSS 0" "PSS $n" "RSS 0" "RSS $n" "PSS/conn" "RSS/conn" \
  "+progs" "threads"
[ "$only" = stunnel ] || row ucspi4j ucspi4j
[ "$only" = ucspi4j ] || row stunnel4 stunnel
echo "(KiB; per connection = (at $n - at 0) / $n; +progs: PSS per connection of the server and its programs)"
if [ -z "$only" ]; then
  awk -v a="$ucspi4j_per" -v b="$stunnel_per" 'BEGIN { printf "ratio ucspi4j/stunnel4 per idle connection (PSS): %.2f\n", a / b }'
fi
echo "load average now $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${ANALYZE:-}" = 1 ]; then keep=1; echo "histograms, NMT and heap info: $DIR"; fi
