#!/bin/sh
# One TLS connection from the command line, ours against openssl s_client, in one run: both fetch
# "/" from the same `openssl s_server -www` (P-256, TLS 1.3) on the loopback, with hyperfine.
#   bench/sslclient-vs-openssl.sh [RUNS]      default 10
# Prints each tool's mean wall time and CPU, and the ratio ours / openssl. With UCSPI4J_JAR=OTHER.jar
# (and its AOT caches next to it) it times another build, for an A/B; with BEFORE=CHECKOUT it also
# times that checkout's own bin/sslclient (its launcher's flags and caches) in the same run.
# Needs: a JDK 25, hyperfine, openssl. Builds the jar and its AOT caches first (./mvnw package).
set -eu
runs=${1:-10}
home=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$home"
. bin/lib/find-jdk.sh
ucspi4j_find_jdk
export JAVA_HOME=$UCSPI4J_JAVA_HOME
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 111; }
command -v openssl >/dev/null || { echo "bench: openssl is not installed" >&2; exit 111; }
if [ -z "${UCSPI4J_JAR:-}" ]; then
  echo "== building the jar and its AOT caches (./mvnw package)"
  ./mvnw -B -q -DskipTests -pl cli -am package >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sslclient-bench.XXXXXX")
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$port" -cert "$work/cert.pem" -key "$work/key.pem" -www -quiet \
  >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  printf 'GET / HTTP/1.0\r\n\r\n' | openssl s_client -connect "127.0.0.1:$port" -quiet >/dev/null 2>&1 && break
  sleep 0.1
done

ours="bin/sslclient -X 127.0.0.1 $port sh -c 'printf \"GET / HTTP/1.0\\r\\n\\r\\n\" >&7; cat <&6 >/dev/null'"
peer="printf 'GET / HTTP/1.0\\r\\n\\r\\n' | openssl s_client -connect 127.0.0.1:$port -quiet >/dev/null 2>&1"
if [ -n "${BEFORE:-}" ]; then # another checkout's own bin/sslclient, in the same alternation
  before="env -u UCSPI4J_JAR $BEFORE/bin/sslclient -X 127.0.0.1 $port sh -c 'printf \"GET / HTTP/1.0\\r\\n\\r\\n\" >&7; cat <&6 >/dev/null'"
  hyperfine -w 2 -r "$runs" --export-csv "$work/t.csv" -n "ucspi4j sslclient" "$ours" -n "openssl s_client" "$peer" \
    -n "sslclient before" "$before"
else
  hyperfine -w 2 -r "$runs" --export-csv "$work/t.csv" -n "ucspi4j sslclient" "$ours" -n "openssl s_client" "$peer"
fi

# hyperfine's CSV: command,mean,stddev,median,user,system,min,max (seconds)
awk -F, 'NR > 1 { mean[$1] = $2; cpu[$1] = $5 + $6 } END {
  o = mean["ucspi4j sslclient"]; p = mean["openssl s_client"]
  printf "== summary: sslclient %.1f ms (CPU %.1f ms), openssl s_client %.1f ms (CPU %.1f ms); ratio %.1f\n",
    o * 1000, cpu["ucspi4j sslclient"] * 1000, p * 1000, cpu["openssl s_client"] * 1000, o / p
  if ("sslclient before" in mean) printf "   before: %.1f ms (CPU %.1f ms); ratio %.1f\n",
    mean["sslclient before"] * 1000, cpu["sslclient before"] * 1000, mean["sslclient before"] / p
}' "$work/t.csv"
