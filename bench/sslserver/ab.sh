#!/bin/bash
# A/B of two sslserver builds or JVM settings, side by side on the same machine at the same time:
# both run the bench responder on an EC P-256 certificate, both are warmed up, then measured in
# alternation with wrk (Connection: close), so that load from elsewhere hits both alike.
#
# Warm-up: until the JIT has settled on both (see jitticks), at most WARMUP_MAX seconds.
#   A_JAR=/tmp/old.jar B_JAR=cli/target/ucspi4j.jar bench/sslserver/ab.sh
#   A_OPTS=-XX:+UseSerialGC B_OPTS=-XX:+UseParallelGC bench/sslserver/ab.sh
#   A_HOME=/tmp/old-checkout bench/sslserver/ab.sh: A is that checkout's own bin/sslserver (its
#   launcher's flags and AOT caches: a cache only serves the JVM flags it was trained with)
#   A_ARGS/B_ARGS: sslserver options (default: -Q -H -R -l0 -c 100 -b 128)
#   MODE=bulk: instead of wrk, one connection whose program writes BULK_MB (256) MiB, read by
#   openssl s_client: MiB/s and server CPU ms per MiB
#   ROUNDS=6 DURATION=10 WARMUP_MAX=240 THREADS=2 CONNS=16 PORT_BASE=24300 (A: +21, B: +22)
set -u
here=$(cd "$(dirname "$0")" && pwd)
home=$(dirname "$(dirname "$here")")
ROUNDS=${ROUNDS:-6}
DURATION=${DURATION:-10}
WARMUP_MAX=${WARMUP_MAX:-240}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
PORT_BASE=${PORT_BASE:-24300}
jar=$home/cli/target/ucspi4j.jar
A_JAR=${A_JAR:-$jar} B_JAR=${B_JAR:-$jar}
A_OPTS=${A_OPTS:-} B_OPTS=${B_OPTS:-}
A_HOME=${A_HOME:-} B_HOME=${B_HOME:-}
A_ARGS=${A_ARGS:--Q -H -R -l0 -c 100 -b 128} B_ARGS=${B_ARGS:--Q -H -R -l0 -c 100 -b 128}
MODE=${MODE:-conn}
BULK_MB=${BULK_MB:-256}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

work=$(mktemp -d /tmp/sslserver-ab.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/key.pem" \
  -out "$work/cert.pem" -days 30 -subj /CN=localhost 2>/dev/null

program=$here/respond
# median (min-max) of the numbers on stdin
med() { sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "%.2f (%.2f-%.2f)", m, v[1], v[NR] }'; }
# report RATE_LABEL CPU_LABEL: one line per side from its runs file (rate, then CPU, per line)
report() {
  local side j o a
  for side in A B; do
    j=${side}_JAR o=${side}_OPTS a=${side}_ARGS
    h=${side}_HOME
    echo "$side: $1 $(awk '{ print $1 }' "$work/$side.runs" | med)  $2 $(awk '{ print $2 }' "$work/$side.runs" | med)   [${!h:-${!j##*/}} ${!o} ${!a}]"
  done
}
if [ "$MODE" = bulk ]; then
  program=$work/bulk
  printf '#!/bin/sh\nexec dd if=/dev/zero bs=65536 count=%s status=none\n' $((BULK_MB * 16)) > "$program"
  chmod +x "$program"
fi
declare -A pid port
for side in A B; do
  j=${side}_JAR o=${side}_OPTS a=${side}_ARGS
  [ "$side" = A ] && port[$side]=$((PORT_BASE + 21)) || port[$side]=$((PORT_BASE + 22))
  h=${side}_HOME
  if [ -n "${!h}" ]; then # another checkout, launched by its own bin/ (its flags, its caches)
    # shellcheck disable=SC2086
    UCSPI4J_JAVA_OPTS=${!o} CERTFILE=$work/cert.pem KEYFILE=$work/key.pem \
      "${!h}/bin/sslserver" ${!a} 127.0.0.1 "${port[$side]}" "$program" 2>"$work/$side.log" &
  else
    # shellcheck disable=SC2086
    UCSPI4J_JAR=${!j} UCSPI4J_JAVA_OPTS=${!o} CERTFILE=$work/cert.pem KEYFILE=$work/key.pem \
      "$home/bin/sslserver" ${!a} 127.0.0.1 "${port[$side]}" "$program" 2>"$work/$side.log" &
  fi
  pid[$side]=$!
  pids+=("$!")
done
for side in A B; do # wait until listening (from /proc/net/tcp, no connection made)
  hex=$(printf '%04X' "${port[$side]}")
  for _ in $(seq 1 300); do
    awk -v p="0100007F:$hex" '$2 == p && $4 == "0A" { f = 1 } END { exit !f }' /proc/net/tcp && break
    sleep 0.1
  done
done

run() { # SIDE SECONDS -> "rps cpu_ms_per_conn"
  local t0 t1 out req rps
  t0=$("$here/cputime" "${pid[$1]}")
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$2s" -H 'Connection: close' "https://127.0.0.1:${port[$1]}/")
  t1=$("$here/cputime" "${pid[$1]}")
  req=$(echo "$out" | awk '/requests in/ { print $1 }')
  rps=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
  awk -v r="$req" -v rps="$rps" -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.1f %.3f\n", rps, (r > 0 ? t * 1000 / hz / r : 0) }'
}
bulk() { # SIDE -> "MiB/s cpu_ms_per_MiB"
  local t0 t1 c0 c1 bytes
  c0=$("$here/cputime" "${pid[$1]}"); t0=$(date +%s%N)
  bytes=$(openssl s_client -quiet -connect 127.0.0.1:"${port[$1]}" </dev/null 2>/dev/null | wc -c)
  t1=$(date +%s%N); sleep 0.3; c1=$("$here/cputime" "${pid[$1]}")
  [ "$bytes" -eq $((BULK_MB * 1048576)) ] || echo "bulk $1: $bytes bytes" >&2
  awk -v b="$bytes" -v ns="$((t1 - t0))" -v t="$((c1 - c0))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.1f %.3f\n", b / 1048576 / (ns / 1e9), t * 1000 / hz / (b / 1048576) }'
}
if [ "$MODE" = bulk ]; then
  for _ in 1 2 3; do for side in A B; do bulk "$side" > /dev/null; done; done
  for r in $(seq 1 "$ROUNDS"); do for side in A B; do bulk "$side" >> "$work/$side.runs"; done; done
  echo "load $(cut -d' ' -f1-3 /proc/loadavg); bulk $BULK_MB MiB x $ROUNDS"
  report MiB/s "cpu ms/MiB"
  exit 0
fi

# warm-up: 10 s chunks, alternating, until each side's JIT compilers took under 3% of its CPU
declare -A settled
for _ in $(seq 1 $((WARMUP_MAX / 10))); do
  for side in A B; do
    [ -n "${settled[$side]:-}" ] && continue
    c0=$("$here/jitticks" "${pid[$side]}"); t0=$("$here/cputime" "${pid[$side]}")
    run "$side" 10 > /dev/null
    c1=$("$here/jitticks" "${pid[$side]}"); t1=$("$here/cputime" "${pid[$side]}")
    [ $(((c1 - c0) * 100)) -lt $((3 * (t1 - t0))) ] && settled[$side]=1
  done
  [ -n "${settled[A]:-}" ] && [ -n "${settled[B]:-}" ] && break
done
for r in $(seq 1 "$ROUNDS"); do
  for side in A B; do run "$side" "$DURATION" >> "$work/$side.runs"; done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS x ${DURATION}s, wrk -t$THREADS -c$CONNS"
report conn/s "cpu ms/conn"
