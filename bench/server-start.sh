#!/bin/bash
# What a restart costs: milliseconds from starting the server to the first TLS connection served
# (handshake, program run, answer read), ucspi4j's sslserver beside Debian's stunnel4 (exec= the same
# program), alternating round by round. With BEFORE set to another checkout's bin/sslserver (e.g. a
# git worktree of an earlier commit, built), that one runs too, launcher and jar, so a change is
# measured against its parent in one run.
#
# Usage: bench/server-start.sh                  ROUNDS=10 BEFORE=/path/to/old/bin/sslserver
set -u
home=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-10}
PORT=${PORT:-24400}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
die() { echo "server-start: $*" >&2; exit 111; }
for tool in stunnel4 openssl; do command -v $tool >/dev/null || die "needs $tool"; done
work=$(mktemp -d /tmp/server-start.XXXXXX)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/key.pem" \
  -out "$work/cert.pem" -days 30 -subj /CN=localhost 2>/dev/null || die "openssl req failed"
printf '#!/bin/sh\necho hello\n' > "$work/hello"; chmod +x "$work/hello"

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# one start: prints the milliseconds to the first answer, or "-" after 30 s
once() { # NAME
  local name=$1 t0 pid answer="" i
  t0=$(ms)
  case $name in
    stunnel)
      printf 'foreground = yes\npid =\n[s]\naccept = 127.0.0.1:%s\ncert = %s\nkey = %s\nexec = %s\n' \
        "$PORT" "$work/cert.pem" "$work/key.pem" "$work/hello" > "$work/stunnel.conf"
      stunnel4 "$work/stunnel.conf" 2>/dev/null & pid=$! ;;
    sslserver)
      CERTFILE=$work/cert.pem KEYFILE=$work/key.pem "$home/bin/sslserver" -q -H -R -l0 127.0.0.1 "$PORT" "$work/hello" & pid=$! ;;
    before)
      CERTFILE=$work/cert.pem KEYFILE=$work/key.pem "$BEFORE" -q -H -R -l0 127.0.0.1 "$PORT" "$work/hello" & pid=$! ;;
  esac
  for i in $(seq 1 3000); do
    answer=$(openssl s_client -quiet -connect 127.0.0.1:"$PORT" </dev/null 2>/dev/null) && [ "$answer" = hello ] && break
    answer=""
    sleep 0.01
  done
  [ -n "$answer" ] && echo $(( $(ms) - t0 )) || echo -
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  sleep 0.5
}

servers="stunnel sslserver"
[ -n "${BEFORE:-}" ] && servers="$servers before"
for s in $servers; do : > "$work/$s"; done
for r in $(seq 1 "$ROUNDS"); do
  for s in $servers; do once "$s" >> "$work/$s"; done
done
echo "first connection served after a start, ms: min / median / max over $ROUNDS rounds ($(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"
for s in $servers; do
  sort -n "$work/$s" | awk -v n="$s" '{ v[NR] = $1 } END { printf "  %-10s %6s / %6s / %6s\n", n, v[1], v[int((NR + 1) / 2)], v[NR] }'
done
med() { sort -n "$work/$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
awk -v a="$(med sslserver)" -v b="$(med stunnel)" 'BEGIN { printf "  ratio sslserver/stunnel4 (median): %.2f\n", a / b }'
[ -n "${BEFORE:-}" ] && awk -v a="$(med sslserver)" -v b="$(med before)" 'BEGIN { printf "  ratio sslserver/before (median): %.2f\n", a / b }'
exit 0
