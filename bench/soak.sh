#!/bin/sh
# Load and soak: `bin/sslserver -c LIMIT ... samples/programs/echo` under N TLS connections, C at a
# time (bench/src/main/java/org/ucspi4j/bench/load/EchoLoad.java: random payloads, each echo checked
# by length and SHA-256). Before and after the load it records what the server process holds: open
# fds (/proc/PID/fd), threads (/proc/PID/task), child processes and zombies (ps --ppid), the Java heap
# (jstat; live = after a full GC) and RSS/PSS (/proc/PID/status, smaps_rollup), and the peak of each
# while the load runs. It prints a before/after table and fails (exit 1) if any connection failed or
# came back corrupted, the server logged a warning or a non-zero end status, the end lines do not
# add up, or fds, threads, children or zombies are not back to the baseline within SETTLE seconds.
#
# The baseline is taken after a warm-up load (WARMUP connections) and one jstat attach (which adds the
# JVM's attach listener thread for good), once the server is idle again: what a running server holds.
#
# usage: bench/soak.sh            env: N=100000 C=500 LIMIT=200 BACKLOG=C WARMUP=1000 MIN=1 MAX=32768
#                                      PROTOCOL=TLSv1.3 SETTLE=120 QUIET=35 (seconds)
#                                      LEAK_KB=8192 DIR=scratch
# The server gets the embedded self-signed certificate unless CERTFILE/KEYFILE are set; extra JVM
# flags for it go in UCSPI4J_JAVA_OPTS (the launcher passes them on).
set -eu
home=$(dirname "$(dirname "$(readlink -f "$0")")")
. "$home/bench/lib/proc.sh"
bench_setup_java

n=${N:-100000} c=${C:-500} limit=${LIMIT:-200} warmup=${WARMUP:-1000}
# The clients beyond -c wait in the listen queue. sslserver's default backlog (-b 20, as in C) holds
# 20 of them; the kernel drops the rest's handshakes and, with SYN cookies, resets a few of them
# before the server ever sees them (measured: 2 of 100,000 at C=500). A server for C clients is run
# with a backlog of C.
backlog=${BACKLOG:-$c}
min=${MIN:-1} max=${MAX:-32768} protocol=${PROTOCOL:-TLSv1.3} settle=${SETTLE:-120} leak_kb=${LEAK_KB:-8192}
if [ -z "${DIR:-}" ]; then
  DIR=$(mktemp -d /tmp/ucspi4j-soak.XXXXXX)
  keep=
else
  mkdir -p "$DIR"
  keep=1
fi
log=$DIR/server.log
server=

cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; fi
  [ -n "$keep" ] || rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== soak $(date -u +%FT%TZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== sslserver -v -c $limit -b $backlog, samples/programs/echo; $n connections, $c concurrent, payload $min..$max bytes, $protocol"

rm -f "$DIR/port"
# The live heap is read with jstat and jcmd: this server opens the JVM's attach and perf-data doors,
# which the launcher closes for servers (README, "Security model"); it says so in one warning line.
UCSPI4J_JAVA_OPTS="-XX:-DisableAttachMechanism -XX:+UsePerfData ${UCSPI4J_JAVA_OPTS:-}" \
  "$home/bin/sslserver" -1 -v -c "$limit" -b "$backlog" 127.0.0.1 0 "$home/samples/programs/echo" >"$DIR/port" 2>"$log" &
server=$!
i=0
while [ ! -s "$DIR/port" ] && [ $i -lt 900 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$DIR/port")
[ -n "$port" ] || { echo "soak: the server did not start:" >&2; cat "$log" >&2; exit 111; }

# The number of connections running now, from the last status line.
running() { sed -n 's/^sslserver: status: \([0-9]*\)\/.*/\1/p' "$log" | tail -n 1; }
# Waits until no connection runs and no child is left, or SETTLE seconds.
await_idle() {
  i=0
  while [ $i -lt $((settle * 10)) ]; do
    if [ "$(running)" = 0 ] && [ "$(children_of "$server")" = 0 ]; then return 0; fi
    sleep 0.1; i=$((i + 1))
  done
  return 1
}
snapshot() { # name: sets ${name}_fds _threads _children _zombies _rss _pss _heap _committed _live
  # what the fds and threads are, to show a difference by name
  for f in /proc/"$server"/fd/*; do readlink "$f"; done 2>/dev/null | sed 's/[0-9][0-9]*/N/g' | sort >"$DIR/$1.fds"
  cat /proc/"$server"/task/*/comm 2>/dev/null | sed 's/[0-9][0-9]*/N/g' | sort >"$DIR/$1.threads"
  set -- "$1" "$(fds_of "$server")" "$(threads_of "$server")" "$(children_of "$server")" "$(zombies_of "$server")" \
    "$(rss_of "$server")" "$(pss_of "$server")" "$(heap_of "$server")" "$(live_heap_of "$server")"
  eval "$1_fds=$2 $1_threads=$3 $1_children=$4 $1_zombies=$5 $1_rss=$6 $1_pss=$7 $1_live=$9"
  eval "$1_heap=${8% *} $1_committed=${8#* }"
}

echo "== warm-up: $warmup connections"
$load echo 127.0.0.1 "$port" -n "$warmup" -c "$c" --min "$min" --max "$max" --protocol "$protocol" \
  >"$DIR/warmup.out" 2>&1 || { echo "soak: the warm-up failed:" >&2; cat "$DIR/warmup.out" >&2; exit 1; }
"$jcmd" "$server" VM.uptime >/dev/null 2>&1 # the attach listener (a thread, a socket) starts now, not inside the baseline
await_idle || { echo "soak: the server did not become idle after the warm-up" >&2; exit 1; }
sleep "${QUIET:-35}" # virtual-thread carriers added during the warm-up retire after 30 s idle
snapshot base

# Peaks while the load runs, sampled every second.
(
  while kill -0 "$server" 2>/dev/null; do
    echo "$(fds_of "$server") $(threads_of "$server") $(children_of "$server") $(rss_of "$server")"
    sleep 1
  done
) >"$DIR/samples" 2>/dev/null &
sampler=$!

echo "== load: $n connections, $c concurrent"
status=0
$load echo 127.0.0.1 "$port" -n "$n" -c "$c" --min "$min" --max "$max" --protocol "$protocol" \
  --seed "$(date +%s)" 2>"$DIR/load.err" | tee "$DIR/load.out" || status=1
[ -f "$DIR/load.out" ] && grep -q '^result: .* ok='"$n"' failed=0 corrupted=0$' "$DIR/load.out" || status=1
kill "$sampler" 2>/dev/null || true

echo "== waiting for the server to settle (at most $settle s)"
await_idle || true
i=0
while [ $i -lt "$settle" ]; do
  if [ "$(fds_of "$server")" -le "$base_fds" ] && [ "$(threads_of "$server")" -le "$base_threads" ] &&
    [ "$(children_of "$server")" = 0 ]; then break; fi
  sleep 1; i=$((i + 1))
done
settled=$i
snapshot after
peak() { awk -v k="$1" 'BEGIN { m = 0 } { if ($k + 0 > m) m = $k + 0 } END { print m }' "$DIR/samples"; }

echo
printf '%-28s %12s %12s %12s\n' "server process" "baseline" "peak" "after"
printf '%-28s %12s %12s %12s\n' "open fds" "$base_fds" "$(peak 1)" "$after_fds"
printf '%-28s %12s %12s %12s\n' "threads" "$base_threads" "$(peak 2)" "$after_threads"
printf '%-28s %12s %12s %12s\n' "child processes" "$base_children" "$(peak 3)" "$after_children"
printf '%-28s %12s %12s %12s\n' "zombies" "$base_zombies" "-" "$after_zombies"
printf '%-28s %12s %12s %12s\n' "RSS (KiB)" "$base_rss" "$(peak 4)" "$after_rss"
printf '%-28s %12s %12s %12s\n' "PSS (KiB)" "$base_pss" "-" "$after_pss"
printf '%-28s %12s %12s %12s\n' "heap used (KiB)" "$base_heap" "-" "$after_heap"
printf '%-28s %12s %12s %12s\n' "heap committed (KiB)" "$base_committed" "-" "$after_committed"
printf '%-28s %12s %12s %12s\n' "live heap after full GC" "$base_live" "-" "$after_live"
echo "(settled $settled s after the load; load average now $(cut -d' ' -f1-3 /proc/loadavg))"

ends=$(grep -c '^sslserver: end [0-9]* status ' "$log" || true)
bad_ends=$(grep '^sslserver: end [0-9]* status ' "$log" | grep -vc ' status 0$' || true)
warnings=$(grep '^sslserver: warning: ' "$log" | grep -v 'no CERTFILE, KEYFILE or CERTCHAINFILE set' |
  grep -vc 'the JVM is open to local processes' || true)
echo "server log: $ends end lines ($((warmup + n)) connections), $bad_ends with a non-zero status, $warnings warnings"

fail() { echo "soak: FAIL: $*"; status=1; }
kill -0 "$server" 2>/dev/null || fail "the server died"
[ "$ends" = $((warmup + n)) ] || fail "$ends end lines for $((warmup + n)) connections"
[ "$bad_ends" = 0 ] || fail "$bad_ends connections ended with a non-zero status"
[ "$warnings" = 0 ] || { fail "$warnings warning lines"; grep '^sslserver: warning: ' "$log" | sort | uniq -c | sort -rn | head -5; }
[ "$after_fds" -le "$base_fds" ] || fail "open fds $after_fds, baseline $base_fds"
[ "$after_threads" -le "$base_threads" ] || fail "threads $after_threads, baseline $base_threads"
[ "$after_children" = 0 ] || fail "$after_children child processes left"
[ "$after_zombies" = 0 ] || fail "$after_zombies zombies left"
[ "$after_live" -le $((base_live + leak_kb)) ] || fail "live heap grew from $base_live to $after_live KiB"
if [ "$status" != 0 ]; then
  echo "fds (- baseline, + after):"; diff "$DIR/base.fds" "$DIR/after.fds" | grep '^[<>]' | sed 's/^</-/; s/^>/+/' || true
  echo "threads (- baseline, + after):"; diff "$DIR/base.threads" "$DIR/after.threads" | grep '^[<>]' | sed 's/^</-/; s/^>/+/' || true
fi
if [ "$status" = 0 ]; then echo "soak: PASS"; else echo "soak: FAIL (scratch: $DIR)"; keep=1; fi
exit "$status"
