#!/bin/bash
# ucspi4j sslserver side by side with Debian's stunnel4 (exec= the same program), openssl s_server
# -www (bare TLS, no program: the ceiling) and ucspi4j sslhandle (an in-process Java handler), on
# the same certificate, driven by wrk with "Connection: close": a new TLS connection, and for
# sslserver and stunnel a new program, per request. Then bulk throughput through one connection.
#
# Usage: bench/sslserver-vs-stunnel.sh            (see bench/README-sslserver.md)
# Settings (environment):
#   CERTS="ec"        key types to run: ec (P-256), rsa (2048), or "ec rsa"
#   DURATION=10       seconds per measured wrk run
#   ROUNDS=5          measured runs per server; servers are interleaved round by round
#   WARMUP=10         seconds per warm-up chunk: each server gets chunks of wrk until its JIT
#   WARMUP_MAX=240    compiler threads took under 3% of its CPU in a chunk (C servers: one chunk),
#                     at most WARMUP_MAX seconds; the chunks' CPU per connection is printed
#   THREADS=2 CONNS=16  wrk -t and -c
#   SERVERS="sslserver stunnel s_server sslhandle"   (also: sslserver-ids, with SSL_UID/SSL_GID and -u/-g; root;
#                     sslserver-noaot, the same jar without the servers' AOT cache beside it;
#                     sslserver-sni, three SNI certificates besides the default and ALPN=h2,http/1.1,
#                     driven with SNI "localhost", which one of them serves; sslserver-metrics, with
#                     METRICS= on, scraped once a second while it is measured)
#   COLD=15           cold mode, before the warm one: each round starts every server afresh and
#                     measures wrk from the moment it listens, for COLD seconds (what a restart costs;
#                     0: skip); the bulk test likewise measures a fresh server's first transfer
#   WARM=1            the warm measurements (0: cold mode only)
#   FULL=10 FULL_ROUNDS=3  openssl s_time -new runs of FULL seconds: full handshakes, no resumption,
#                     one connection at a time (0: skip)
#   BULK_MB=256 BULK_ROUNDS=5 BULK_CERT=ec   bulk test (0 MB: skip); CERTS="" runs only the bulk test
#   PORT_BASE=24300   sslserver +1, stunnel +2, s_server +3, sslhandle +4, bulk +11/+12; below the
#                     ephemeral range, where wrk's thousands of client sockets could hold a port
#   UCSPI4J_JAVA_OPTS extra JVM flags for sslserver and sslhandle (passed by bin/ucspi4j)
#   KEEP=1            keep the work directory (logs, configs)
set -u
home=$(cd "$(dirname "$0")/.." && pwd)
here=$home/bench/sslserver
CERTS=${CERTS-ec}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-10}
WARMUP_MAX=${WARMUP_MAX:-240}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
SERVERS=${SERVERS:-sslserver stunnel s_server sslhandle}
FULL=${FULL:-10}
FULL_ROUNDS=${FULL_ROUNDS:-3}
BULK_MB=${BULK_MB:-256}
BULK_ROUNDS=${BULK_ROUNDS:-5}
PORT_BASE=${PORT_BASE:-24300}
COLD=${COLD:-15}
WARM=${WARM:-1}

die() { echo "sslserver-vs-stunnel: $*" >&2; exit 111; }
for tool in wrk stunnel4 openssl awk; do
  command -v $tool >/dev/null || die "needs $tool"
done
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar=${UCSPI4J_JAR:-$home/cli/target/ucspi4j.jar}
if [ ! -f "$jar" ]; then
  (cd "$home" && ./mvnw -B -q -pl cli -am package -DskipTests) || die "unable to build $jar"
fi

work=$(mktemp -d /tmp/sslserver-bench.XXXXXX)
pids=()
cgroups=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  for g in "${cgroups[@]}"; do rmdir "$g" 2>/dev/null; done
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- material
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ec.key" \
  -out "$work/ec.crt" -days 30 -subj /CN=localhost 2>/dev/null || die "openssl req (ec) failed"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/rsa.key" \
  -out "$work/rsa.crt" -days 30 -subj /CN=localhost 2>/dev/null || die "openssl req (rsa) failed"
# sslserver-sni's named certificates: localhost (what wrk's SNI asks for), a.example, b.example
for kind in ec rsa; do
  for n in localhost a.example b.example; do
    if [ "$kind" = ec ]; then newkey="-newkey ec -pkeyopt ec_paramgen_curve:P-256"; else newkey="-newkey rsa:2048"; fi
    # shellcheck disable=SC2086
    openssl req -x509 $newkey -nodes -keyout "$work/$kind.$n.key" -out "$work/$kind.$n.crt" -days 30 \
      -subj "/CN=$n" 2>/dev/null || die "openssl req ($kind $n) failed"
  done
done
# wrk sends SNI only for a name; a name that resolves to ::1 first would miss the IPv4 listener
sni_host=127.0.0.1
[ "$(getent ahosts localhost | awk 'NR == 1 { print $1 }')" = 127.0.0.1 ] && sni_host=localhost
mkdir "$work/classes"
"$JAVA_HOME/bin/javac" -nowarn -cp "$jar" -d "$work/classes" "$here/HttpOnce.java" || die "javac HttpOnce failed"
respond=$here/respond
mkdir "$work/www"
printf 'GET /hello HTTP/1.1\r\n\r\n' | "$respond" > "$work/www/hello" # the same response for s_server
bulk_mb=$BULK_MB
printf '#!/bin/sh\n# writes %s MiB and exits\nexec dd if=/dev/zero bs=65536 count=%s status=none\n' \
  "$bulk_mb" "$((bulk_mb * 16))" > "$work/bulk"
chmod +x "$work/bulk"

port_of() {
  case $1 in
    sslserver) echo $((PORT_BASE + 1)) ;; stunnel) echo $((PORT_BASE + 2)) ;;
    s_server) echo $((PORT_BASE + 3)) ;; sslhandle) echo $((PORT_BASE + 4)) ;;
    sslserver-ids) echo $((PORT_BASE + 5)) ;; sslserver-noaot) echo $((PORT_BASE + 6)) ;;
    sslserver-sni) echo $((PORT_BASE + 7)) ;; sslserver-metrics) echo $((PORT_BASE + 8)) ;;
    bulk-sslserver) echo $((PORT_BASE + 11)) ;; bulk-stunnel) echo $((PORT_BASE + 12)) ;;
  esac
}

# listening on 127.0.0.1:PORT? (from /proc/net/tcp, no connection made)
listening() {
  local hex
  hex=$(printf '%04X' "$1")
  awk -v p="0100007F:$hex" '$2 == p && $4 == "0A" { found = 1 } END { exit !found }' /proc/net/tcp
}

# optional cross-check of CPU time: a cgroup (v1 cpuacct or v2) holding the server and its children
cgroup_dir=
if [ -d /sys/fs/cgroup/cpuacct ] && [ -w /sys/fs/cgroup/cpuacct ]; then
  cgroup_dir=/sys/fs/cgroup/cpuacct
elif [ -f /sys/fs/cgroup/cgroup.controllers ] && [ -w /sys/fs/cgroup ]; then
  cgroup_dir=/sys/fs/cgroup
fi
cgroup_join() { # NAME PID -> prints the group directory, or nothing
  [ -n "$cgroup_dir" ] || return 0
  local g=$cgroup_dir/ucspi4j-bench-$$-$1
  mkdir -p "$g" 2>/dev/null && echo "$2" > "$g/cgroup.procs" 2>/dev/null && echo "$g"
}
cgroup_ns() { # GROUP -> CPU nanoseconds so far
  if [ -f "$1/cpuacct.usage" ]; then cat "$1/cpuacct.usage"
  else awk '$1 == "usage_usec" { printf "%.0f\n", $2 * 1000 }' "$1/cpu.stat"; fi
}

declare -A spid sgroup
start_server() { # NAME KIND(ec|rsa) PROGRAM
  local name=$1 kind=$2 program=${3:-$respond} port pid
  port=$(port_of "$name")
  local crt=$work/$kind.crt key=$work/$kind.key
  case $name in
    sslserver|bulk-sslserver)
      CERTFILE=$crt KEYFILE=$key "$home/bin/sslserver" -Q -H -R -l0 -c 100 -b 128 127.0.0.1 "$port" "$program" \
        2>"$work/$name.log" &
      pid=$! ;;
    sslserver-noaot)
      # the jar alone in a directory of its own: the launcher finds no AOT cache beside it
      mkdir -p "$work/noaot"; [ -f "$work/noaot/ucspi4j.jar" ] || cp -p "$jar" "$work/noaot/ucspi4j.jar"
      UCSPI4J_JAR=$work/noaot/ucspi4j.jar CERTFILE=$crt KEYFILE=$key "$home/bin/sslserver" -Q -H -R -l0 -c 100 -b 128 \
        127.0.0.1 "$port" "$program" 2>"$work/$name.log" &
      pid=$! ;;
    sslserver-ids)
      # the strongest isolation (README "Security model"; needs root): programs as nobody, the JVM as
      # another uid, each program started through setpriv from the one thread that keeps the ids
      SSL_UID=64010 SSL_GID=64010 CERTFILE=$crt KEYFILE=$key "$home/bin/sslserver" -Q -H -R -l0 -c 100 -b 128 \
        -u 65534 -g 65534 127.0.0.1 "$port" "$program" 2>"$work/$name.log" &
      pid=$! ;;
    sslserver-metrics)
      METRICS=127.0.0.1:$((PORT_BASE + 28)) CERTFILE=$crt KEYFILE=$key "$home/bin/sslserver" -Q -H -R -l0 -c 100 -b 128 \
        127.0.0.1 "$port" "$program" 2>"$work/$name.log" &
      pid=$!
      # a scraper, as Prometheus would be (every second here; 15 s is usual)
      (while kill -0 "$pid" 2>/dev/null; do curl -s -o /dev/null "http://127.0.0.1:$((PORT_BASE + 28))/metrics"; sleep 1; done) &
      pids+=($!) ;;
    sslserver-sni)
      env CERTFILE="$crt" KEYFILE="$key" ALPN=h2,http/1.1 \
        "CERTFILE:localhost=$work/$kind.localhost.crt" "KEYFILE:localhost=$work/$kind.localhost.key" \
        "CERTFILE:a.example=$work/$kind.a.example.crt" "KEYFILE:a.example=$work/$kind.a.example.key" \
        "CERTFILE:b.example=$work/$kind.b.example.crt" "KEYFILE:b.example=$work/$kind.b.example.key" \
        "$home/bin/sslserver" -Q -H -R -l0 -c 100 -b 128 127.0.0.1 "$port" "$program" 2>"$work/$name.log" &
      pid=$! ;;
    sslhandle)
      CERTFILE=$crt KEYFILE=$key "$home/bin/sslhandle" --class-path="$work/classes" -Q -H -R -l0 -c 100 -b 128 \
        127.0.0.1 "$port" org.ucspi4j.bench.HttpOnce 2>"$work/$name.log" &
      pid=$! ;;
    stunnel|bulk-stunnel)
      # one process per connection (exec=), like inetd; TCP_NODELAY as sslserver's default -D
      cat > "$work/$name.conf" <<EOF
foreground = yes
pid =
debug = err
[bench]
accept = 127.0.0.1:$port
cert = $crt
key = $key
exec = $program
execArgs = ${program##*/}
socket = a:TCP_NODELAY=1
EOF
      stunnel4 "$work/$name.conf" 2>"$work/$name.log" &
      pid=$! ;;
    s_server)
      # -HTTP: GET /hello is answered with the file ./hello, a complete HTTP response (the same bytes
      # as the program's); -www's page has no Content-Length, which wrk counts as a read error
      (cd "$work/www" && exec openssl s_server -quiet -HTTP -accept 127.0.0.1:"$port" -cert "$crt" -key "$key" \
        </dev/null >"$work/$name.out" 2>"$work/$name.log") &
      pid=$! ;;
  esac
  pids+=("$pid")
  spid[$name]=$pid
  for _ in $(seq 1 200); do listening "$port" && break; sleep 0.1; done
  listening "$port" || { cat "$work/$name.log" >&2; die "$name did not start on port $port"; }
  sgroup[$name]=$(cgroup_join "$name" "$pid")
  [ -n "${sgroup[$name]}" ] && cgroups+=("${sgroup[$name]}")
}

stop_server() { # NAME
  kill "${spid[$1]}" 2>/dev/null; wait "${spid[$1]}" 2>/dev/null
  [ -n "${sgroup[$1]:-}" ] && rmdir "${sgroup[$1]}" 2>/dev/null
  unset "spid[$1]" "sgroup[$1]"
}

stop_servers() {
  for name in "${!spid[@]}"; do kill "${spid[$name]}" 2>/dev/null; done
  wait 2>/dev/null
  for name in "${!sgroup[@]}"; do [ -n "${sgroup[$name]}" ] && rmdir "${sgroup[$name]}" 2>/dev/null; done
  spid=(); sgroup=()
}

# one wrk run: prints "requests rps errors cpu_ms_per_conn cgroup_ms_per_conn"
measure() {
  local name=$1 secs=$2 port pid out t0 t1 g0=0 g1=0 req rps errs
  port=$(port_of "$name"); pid=${spid[$name]}
  t0=$("$here/cputime" "$pid")
  [ -n "${sgroup[$name]}" ] && g0=$(cgroup_ns "${sgroup[$name]}")
  local host=127.0.0.1
  [ "$name" = sslserver-sni ] && host=$sni_host
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"${secs}s" -H 'Connection: close' "https://$host:$port/hello" 2>&1)
  t1=$("$here/cputime" "$pid")
  [ -n "${sgroup[$name]}" ] && g1=$(cgroup_ns "${sgroup[$name]}")
  req=$(echo "$out" | awk '/requests in/ { print $1 }')
  rps=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
  errs=$(echo "$out" | awk '/Socket errors/ { gsub(",", ""); e += $4 + $6 + $8 + $10 } /Non-2xx/ { e += $NF } END { print e + 0 }')
  [ -n "$req" ] && [ "$req" -gt 0 ] || { echo "$out" >&2; die "wrk against $name failed"; }
  awk -v r="$req" -v rps="$rps" -v e="$errs" -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v g="$((g1 - g0))" \
    'BEGIN { printf "%d %.1f %d %.3f %s\n", r, rps, e, t * 1000 / hz / r, (g > 0 ? sprintf("%.3f", g / 1e6 / r) : "-") }'
}

# warm-up chunks until the JIT has settled: prints "   NAME warm-up: ms/conn per chunk..."
warm() {
  local name=$1 pid spent=0 c0 c1 t0 t1 line chunks=""
  pid=${spid[$name]}
  while :; do
    c0=$("$here/jitticks" "$pid"); t0=$("$here/cputime" "$pid")
    line=$(measure "$name" "$WARMUP")
    c1=$("$here/jitticks" "$pid"); t1=$("$here/cputime" "$pid")
    chunks="$chunks $(echo "$line" | awk '{ print $4 }')"
    spent=$((spent + WARMUP))
    [ $(((c1 - c0) * 100)) -lt $((3 * (t1 - t0))) ] && break
    [ "$spent" -ge "$WARMUP_MAX" ] && { chunks="$chunks (JIT still busy)"; break; }
  done
  printf '   %-10s warm-up %3ss, ms/conn per %ss:%s\n' "$name" "$spent" "$WARMUP" "$chunks"
}

# one s_time -new run: prints "conn/s cpu_ms_per_conn"
full_once() {
  local name=$1 port pid t0 t1 out n
  port=$(port_of "$name"); pid=${spid[$name]}
  t0=$("$here/cputime" "$pid")
  out=$(openssl s_time -connect 127.0.0.1:"$port" -www /hello -new -time "$FULL" 2>&1)
  t1=$("$here/cputime" "$pid")
  n=$(echo "$out" | awk '/connections in .* real seconds/ { print $1; exit }')
  [ -n "$n" ] && [ "$n" -gt 0 ] || { echo "$out" >&2; die "s_time against $name failed"; }
  awk -v n="$n" -v s="$FULL" -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.1f %.3f\n", n / s, t * 1000 / hz / n }'
}

# median, min and max of numbers on stdin
stats() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- - -"; exit }
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f %.1f\n", m, v[1], v[NR] }'; }
stats3() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- - -"; exit }
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'; }

negotiated() { # PORT -> "TLSv1.3 TLS_AES_256_GCM_SHA384 resumed:yes"
  local port=$1 first second sess
  sess=$work/sess.$port
  # a whole request and -ign_eof: s_client reads to the end, so it has the TLS 1.3 ticket
  first=$(printf 'GET /hello HTTP/1.0\r\n\r\n' | openssl s_client -ign_eof -connect 127.0.0.1:"$port" \
    -sess_out "$sess" -servername localhost 2>/dev/null)
  second=$(printf 'GET /hello HTTP/1.0\r\n\r\n' | openssl s_client -ign_eof -connect 127.0.0.1:"$port" \
    -sess_in "$sess" -servername localhost 2>/dev/null)
  printf '%s %s resumed:%s' "$(echo "$first" | awk '/^New,/ { print $2 }' | tr -d ,)" \
    "$(echo "$first" | awk '/^New,/ { print $NF }')" "$(echo "$second" | grep -q '^Reused,' && echo yes || echo no)"
}

echo "== ucspi4j sslserver vs stunnel4 vs openssl s_server vs sslhandle   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "versions: $(stunnel4 -version 2>&1 | awk '/^stunnel/ { print $1, $2; exit }'), $(openssl version | cut -d' ' -f1-2), $(wrk --version 2>&1 | awk 'NR == 1 { print $1, $2 }'), java $("$JAVA_HOME/bin/java" -version 2>&1 | awk -F'"' 'NR == 1 { print $2 }')"
echo "wrk -t$THREADS -c$CONNS -d${DURATION}s -H 'Connection: close'; $ROUNDS rounds, servers interleaved; warm-up until the JIT settles"
echo "cpu/conn: utime+stime+cutime+cstime of the server and its descendants (/proc), per request${cgroup_dir:+; cgroup: cpuacct of a cgroup holding the server}"
echo "UCSPI4J_JAVA_OPTS=${UCSPI4J_JAVA_OPTS:-}"

for kind in $CERTS; do
  echo
  echo "-- certificate: $kind ($([ "$kind" = ec ] && echo 'EC P-256' || echo 'RSA 2048'))"
  if [ "$COLD" -gt 0 ]; then
    # cold: a fresh server each round, wrk from the moment it listens (servers interleaved)
    for name in $SERVERS; do : > "$work/$kind.$name.cold"; done
    for r in $(seq 1 "$ROUNDS"); do
      for name in $SERVERS; do
        start_server "$name" "$kind"
        measure "$name" "$COLD" >> "$work/$kind.$name.cold"
        stop_server "$name"
      done
    done
    printf '\n   cold: a fresh server per round, wrk for the first %ss after it listens, %s rounds\n' "$COLD" "$ROUNDS"
    printf '   %-15s %24s %10s %22s\n' server "conn/s median (min-max)" errors "cpu ms/conn (min-max)"
    declare -A cmed
    for name in $SERVERS; do
      f=$work/$kind.$name.cold
      read -r m lo hi < <(awk '{ print $2 }' "$f" | stats)
      read -r c clo chi < <(awk '{ print $4 }' "$f" | stats3)
      e=$(awk '{ e += $3 } END { print e + 0 }' "$f")
      cmed[$name]=$m
      printf '   %-15s %8s (%6s-%6s) %10s %8s (%5s-%5s)\n' "$name" "$m" "$lo" "$hi" "$e" "$c" "$clo" "$chi"
    done
    cratio_of() { awk -v a="${cmed[$1]:-0}" -v b="${cmed[$2]:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "-" }'; }
    echo "   cold conn/s ratios: sslserver/stunnel4 $(cratio_of sslserver stunnel) (goal >= 1.3)   sslserver-noaot/stunnel4 $(cratio_of sslserver-noaot stunnel)   sslserver/sslserver-noaot $(cratio_of sslserver sslserver-noaot)   sslserver-sni/sslserver $(cratio_of sslserver-sni sslserver)   sslserver-metrics/sslserver $(cratio_of sslserver-metrics sslserver)"
  fi
  [ "$WARM" = 1 ] || continue
  for name in $SERVERS; do start_server "$name" "$kind"; done
  for name in $SERVERS; do
    echo "   $name on port $(port_of "$name"): $(negotiated "$(port_of "$name")")"
  done
  for name in $SERVERS; do warm "$name"; done
  for name in $SERVERS; do : > "$work/$kind.$name.runs"; done
  for r in $(seq 1 "$ROUNDS"); do
    for name in $SERVERS; do
      measure "$name" "$DURATION" >> "$work/$kind.$name.runs"
    done
  done
  printf '\n   %-10s %24s %10s %22s %22s\n' server "conn/s median (min-max)" errors "cpu ms/conn (min-max)" "cgroup ms/conn"
  declare -A med cpu
  for name in $SERVERS; do
    f=$work/$kind.$name.runs
    read -r m lo hi < <(awk '{ print $2 }' "$f" | stats)
    read -r c clo chi < <(awk '{ print $4 }' "$f" | stats3)
    read -r gm _ _ < <(awk '$5 != "-" { print $5 }' "$f" | stats3)
    e=$(awk '{ e += $3 } END { print e + 0 }' "$f")
    med[$name]=$m; cpu[$name]=$c
    printf '   %-10s %8s (%6s-%6s) %10s %8s (%5s-%5s) %22s\n' "$name" "$m" "$lo" "$hi" "$e" "$c" "$clo" "$chi" "$gm"
  done
  ratio() { awk -v a="${med[$1]:-0}" -v b="${med[$2]:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "-" }'; }
  cratio() { awk -v a="${cpu[$1]:-0}" -v b="${cpu[$2]:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "-" }'; }
  echo
  case " $SERVERS " in *" sslserver-metrics "*)
    echo "   metrics on: sslserver-metrics/sslserver $(ratio sslserver-metrics sslserver) (goal >= 0.97)" ;;
  esac
  case " $SERVERS " in *" sslserver-sni "*)
    echo "   SNI and ALPN: sslserver-sni/sslserver $(ratio sslserver-sni sslserver) (goal >= 0.95; wrk's SNI: $sni_host)" ;;
  esac
  echo "   conn/s ratios: sslserver/stunnel4 $(ratio sslserver stunnel) (goal >= 2.5)   sslserver/s_server $(ratio sslserver s_server)   sslhandle/sslserver $(ratio sslhandle sslserver)"
  echo "   cpu/conn ratio stunnel4/sslserver $(cratio stunnel sslserver) (above 1: sslserver spends less)"
  case " $SERVERS " in *" sslserver-ids "*)
    echo "   with SSL_UID/SSL_GID and -u/-g: sslserver-ids/sslserver $(ratio sslserver-ids sslserver), sslserver-ids/stunnel4 $(ratio sslserver-ids stunnel)" ;;
  esac
  if [ "$FULL" -gt 0 ]; then
    # wrk resumes TLS sessions (all four servers issue tickets); s_time -new never does
    for name in $SERVERS; do : > "$work/$kind.$name.full"; done
    for r in $(seq 1 "$FULL_ROUNDS"); do
      for name in $SERVERS; do full_once "$name" >> "$work/$kind.$name.full"; done
    done
    printf '\n   full handshakes (openssl s_time -new -www /hello, one connection at a time, %s x %ss):\n' "$FULL_ROUNDS" "$FULL"
    printf '   %-10s %24s %22s\n' server "conn/s median (min-max)" "cpu ms/conn (min-max)"
    for name in $SERVERS; do
      read -r m lo hi < <(awk '{ print $1 }' "$work/$kind.$name.full" | stats)
      read -r c clo chi < <(awk '{ print $2 }' "$work/$kind.$name.full" | stats3)
      printf '   %-10s %8s (%6s-%6s) %8s (%5s-%5s)\n' "$name" "$m" "$lo" "$hi" "$c" "$clo" "$chi"
    done
  fi
  stop_servers
done

# ---------------------------------------------------------------- bulk
if [ "$BULK_MB" -gt 0 ]; then
  kind=${BULK_CERT:-ec}
  echo
  echo "-- bulk: one connection, the program writes $BULK_MB MiB (dd from /dev/zero), openssl s_client reads it; $kind certificate"
  start_server bulk-sslserver "$kind" "$work/bulk"
  start_server bulk-stunnel "$kind" "$work/bulk"
  bulk_once() { # NAME -> "MB/s cpu_ms_per_MiB"
    local name=$1 port pid t0 t1 c0 c1 bytes
    port=$(port_of "$name"); pid=${spid[$name]}
    c0=$("$here/cputime" "$pid")
    t0=$(date +%s%N)
    bytes=$(openssl s_client -quiet -connect 127.0.0.1:"$port" </dev/null 2>/dev/null | wc -c)
    t1=$(date +%s%N)
    sleep 0.3 # let the server reap the program
    c1=$("$here/cputime" "$pid")
    [ "$bytes" -eq $((BULK_MB * 1048576)) ] || die "bulk from $name: got $bytes bytes"
    awk -v b="$bytes" -v ns="$((t1 - t0))" -v t="$((c1 - c0))" -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "%.1f %.2f\n", b / 1048576 / (ns / 1e9), t * 1000 / hz / (b / 1048576) }'
  }
  # the table of $work/bulk-*.SUFFIX ("MB/s cpu_ms_per_MiB" lines); their medians into bmed
  declare -A bmed
  bulk_table() { # SUFFIX
    printf '   %-10s %24s %24s\n' server "MiB/s median (min-max)" "server cpu ms/MiB"
    for name in bulk-sslserver bulk-stunnel; do
      read -r m lo hi < <(awk '{ print $1 }' "$work/$name.$1" | stats)
      read -r c clo chi < <(awk '{ print $2 }' "$work/$name.$1" | stats3)
      bmed[$name]=$m
      printf '   %-10s %8s (%6s-%6s) %8s (%5s-%5s)\n' "${name#bulk-}" "$m" "$lo" "$hi" "$c" "$clo" "$chi"
    done
  }
  bulk_ratio() { awk -v a="${bmed[bulk-sslserver]:-0}" -v b="${bmed[bulk-stunnel]:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "-" }'; }
  if [ "$COLD" -gt 0 ]; then
    # cold: the first transfer of a fresh server, each round
    for name in bulk-sslserver bulk-stunnel; do : > "$work/$name.cold"; done
    for r in $(seq 1 "$BULK_ROUNDS"); do
      for name in bulk-sslserver bulk-stunnel; do
        stop_server "$name"; start_server "$name" "$kind" "$work/bulk"
        bulk_once "$name" >> "$work/$name.cold"
      done
    done
    printf '\n   cold: the first transfer of a fresh server, %s rounds\n' "$BULK_ROUNDS"
    bulk_table cold
    echo "   cold bulk ratio sslserver/stunnel4: $(bulk_ratio) (goal >= 1.0)"
  fi
  # warm-up: transfers until the JVM's JIT compilers took under 3% of its CPU (at most 8)
  for name in bulk-sslserver bulk-stunnel; do
    for _ in 1 2 3 4 5 6 7 8; do
      c0=$("$here/jitticks" "${spid[$name]}"); t0=$("$here/cputime" "${spid[$name]}")
      bulk_once "$name" > /dev/null
      c1=$("$here/jitticks" "${spid[$name]}"); t1=$("$here/cputime" "${spid[$name]}")
      [ $(((c1 - c0) * 100)) -lt $((3 * (t1 - t0))) ] && break
    done
  done
  for name in bulk-sslserver bulk-stunnel; do : > "$work/$name.runs"; done
  for r in $(seq 1 "$BULK_ROUNDS"); do
    for name in bulk-sslserver bulk-stunnel; do bulk_once "$name" >> "$work/$name.runs"; done
  done
  echo
  bulk_table runs
  echo
  echo "   bulk ratio sslserver/stunnel4 $(bulk_ratio) (goal >= 1.2)"
  stop_servers
fi
