#!/bin/sh
# What the package costs and how fast its tools start, beside the checkout's bin/: the .deb's
# installed size (and its parts), then wall milliseconds of `tcprules` on a 3-line file and of one
# `sslclient` connection (to a bin/sslserver on the loopback, started once), packaged and bin/
# alternating round by round, min / median / max and the ratio of the medians.
#
#   bench/package-start.sh                       ROUNDS=10 (default)
#
# "Packaged" is the .deb's own tree (dpkg-deb -x into a temporary directory, times kept): its
# /usr/bin/tcprules runs its launcher, its jlinked runtime and the AOT caches trained with it, as
# an installed package does; bin/ runs the JDK 25 and cli/target's jar and caches. Builds the .deb
# (packaging/build-deb) when there is none newer than the jar. Needs openssl and dpkg-deb.
set -eu
home=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-10}
. "$home/bin/lib/find-jdk.sh"
ucspi4j_find_jdk || exit 111
export JAVA_HOME=$UCSPI4J_JAVA_HOME
die() { echo "package-start: $*" >&2; exit 111; }
for t in openssl dpkg-deb; do command -v $t >/dev/null || die "needs $t"; done
[ -f "$home/cli/target/ucspi4j.jar" ] || (cd "$home" && ./mvnw -B -q -DskipTests -pl cli -am package) >&2
deb=$(ls -t "$home"/target/ucspi4j_*_amd64.deb 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ] || [ ! "$deb" -nt "$home/cli/target/ucspi4j.jar" ]; then
  echo "building the .deb (packaging/build-deb)..." >&2
  deb=$("$home/packaging/build-deb")
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/package-start.XXXXXX")
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
pkg=$work/root/usr/bin
lib=$work/root/usr/lib/ucspi4j
printf '127.0.0.1:allow,GREETING="hello"\n10.:deny\n:allow\n' > "$work/rules.txt"

mb() { du -sm "$@" | awk '{ s += $1 } END { print s }'; }
echo "$(basename "$deb"): $(du -m "$deb" | cut -f1) MB; Installed-Size $(( ($(dpkg-deb -f "$deb" Installed-Size) + 512) / 1024 )) MB:" \
  "runtime $(mb "$lib/runtime") MB, AOT caches $(mb "$lib"/*.aot) MB, jar $(mb "$lib/ucspi4j.jar") MB;" \
  "bin/ uses a JDK of $(mb "$JAVA_HOME") MB"

"$home/bin/sslserver" -1 -q -Rl0 -H 127.0.0.1 0 sh -c 'echo hello' > "$work/port" 2>/dev/null &
server=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -n 1 "$work/port")
[ -n "$port" ] || die "sslserver did not start"

ms() { echo $(( $(date +%s%N) / 1000000 )); }
once() { # WHICH TOOL: prints wall milliseconds
  case $1 in packaged) b=$pkg ;; bin) b=$home/bin ;; esac
  t0=$(ms)
  case $2 in
    tcprules) env -u JAVA_HOME "$b/tcprules" "$work/r.cdb" "$work/r.tmp" < "$work/rules.txt" ;;
    sslclient) [ "$(env -u JAVA_HOME "$b/sslclient" -X 127.0.0.1 "$port" sh -c 'cat <&6')" = hello ] ||
      die "$1 sslclient: no answer" ;;
  esac
  echo $(( $(ms) - t0 ))
}
# bin/ finds its JDK without JAVA_HOME too (bin/lib/find-jdk.sh); the package never looks at it.
for w in packaged bin; do for t in tcprules sslclient; do once $w $t > /dev/null; : > "$work/$w.$t"; done; done # warm the page cache
for r in $(seq 1 "$ROUNDS"); do
  for t in tcprules sslclient; do
    for w in packaged bin; do once $w $t >> "$work/$w.$t"; done
  done
done

stats() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%4d / %4d / %4d", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
med() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "wall ms, min / median / max over $ROUNDS rounds ($(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '  %-28s %-18s  %-18s  %s\n' "" "packaged" "bin/" "packaged/bin (median)"
for t in tcprules sslclient; do
  case $t in tcprules) what="tcprules, 3-line file" ;; sslclient) what="sslclient, one connection" ;; esac
  printf '  %-28s %s  %s  %s\n' "$what" "$(stats "$work/packaged.$t")" "$(stats "$work/bin.$t")" \
    "$(awk -v a="$(med "$work/packaged.$t")" -v b="$(med "$work/bin.$t")" 'BEGIN { printf "%.2f", a / b }')"
done
