#!/bin/sh
# tcprules, ours against Debian's C tcprules (ucspi-tcp 0.88, the djb dialect), in one run:
#   (a) a generated 1,000,000-line file, both tools side by side: wall time (hyperfine), CPU and
#       peak RSS (/usr/bin/time -v), our peak Java heap (GC log), and cmp of the two cdbs;
#   (b) a generated 100-line file: our tcprules against a bare JVM hello-world on the same JDK.
# Goals (the issue): (a) ours <= 1.0x the C tool's wall time with heap <= 256 MB;
#                    (b) ours <= 1.5x hello-world's wall time.
#
# usage: bench/tcprules-vs-c.sh [--lines N] [--small N] [--runs R] [--seed S] [--any-bytes] [--out DIR]
#   --lines N    lines of the big file (1000000)         --small N  lines of the small file (100)
#   --runs R     timed runs per command for (a) (5; (b) does 10x as many)
#   --seed S     generator seed (42)                     --out DIR  keep files and results there
#   --any-bytes  the big file with any byte (NUL, CR, 0x80-0xFF) instead of printable ASCII
# Needs: a JDK 25 (as bin/ucspi4j finds it), hyperfine, GNU time (/usr/bin/time), the C tool in
# $UCSPI4J_REF_DIR/djb (default /opt/ucspi4j-reference; bin/lib/test-deps.sh unpacks it).
# Builds the jar and its AOT cache first (./mvnw package). Run it on a quiet machine: it measures
# wall time, and the C tool and ours suffer differently from other load.
set -eu
home=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$home"

lines=1000000 small=100 runs=5 seed=42 plain=--plain out=
while [ $# -gt 0 ]; do
  case $1 in
    --lines) lines=$2; shift 2 ;;
    --small) small=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --any-bytes) plain=; shift ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--lines N] [--small N] [--runs R] [--seed S] [--any-bytes] [--out DIR]" >&2; exit 100 ;;
  esac
done

. bin/lib/find-jdk.sh
ucspi4j_find_jdk
export JAVA_HOME=$UCSPI4J_JAVA_HOME
java=$JAVA_HOME/bin/java
ref=${UCSPI4J_REF_DIR:-/opt/ucspi4j-reference}/djb/usr/bin/tcprules
[ -x "$ref" ] || { echo "bench: missing $ref (run bin/lib/test-deps.sh's ucspi4j_install_test_deps as root)" >&2; exit 111; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 111; }
[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is not installed" >&2; exit 111; }

echo "== building the jar, its AOT cache and the generator (./mvnw package)"
./mvnw -B -q -DskipTests -pl cli -am package >&2
jar=$home/cli/target/ucspi4j.jar
[ -f "${jar%.jar}.aot" ] || echo "bench: warning: no AOT cache next to $jar; startup will be slower" >&2

work=${out:-$(mktemp -d "${TMPDIR:-/tmp}/tcprules-bench.XXXXXX")}
mkdir -p "$work"
[ -n "$out" ] || trap 'rm -rf "$work"' EXIT
ours=$home/bin/tcprules

echo "== generating $lines lines (djb, seed $seed${plain:+, printable ASCII}) and $small lines"
"$java" -cp "$jar:$home/compiler/target/test-classes" org.ucspi4j.rules.generator.RulesGenerator \
  --dialect djb --lines "$lines" --seed "$seed" $plain --out "$work/big.rules"
"$java" -cp "$jar:$home/compiler/target/test-classes" org.ucspi4j.rules.generator.RulesGenerator \
  --dialect djb --lines "$small" --seed "$seed" --plain --out "$work/small.rules"
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/hello/Hello.java"
"$JAVA_HOME/bin/javac" -d "$work/hello" "$work/hello/Hello.java"
cd "$work"

echo "== (a) $lines lines: correctness"
"$ref" c.cdb c.tmp < big.rules
"$ours" --dialect=djb j.cdb j.tmp < big.rules
cmp c.cdb j.cdb
echo "identical cdbs: $(wc -c < c.cdb) bytes, $(wc -c < big.rules) bytes of rules"

echo "== (a) $lines lines: wall time"
hyperfine -w 1 -r "$runs" --export-csv big.csv \
  -n "C tcprules (ucspi-tcp 0.88)" "$ref c.cdb c.tmp < big.rules" \
  -n "ucspi4j tcprules --dialect=djb" "$ours --dialect=djb j.cdb j.tmp < big.rules"

echo "== (a) $lines lines: CPU and peak RSS (3 runs each, /usr/bin/time)"
for i in 1 2 3; do
  /usr/bin/time -f "C      %e s wall, %U s user, %S s sys, %M KB max RSS" "$ref" c.cdb c.tmp < big.rules
  /usr/bin/time -f "ours   %e s wall, %U s user, %S s sys, %M KB max RSS" "$ours" --dialect=djb j.cdb j.tmp < big.rules
done 2> time.txt
cat time.txt
UCSPI4J_JAVA_OPTS="-Xlog:gc:file=$work/gc.log" "$ours" --dialect=djb j.cdb j.tmp < big.rules
# The heap in use just before each collection (the peak between collections) and the heap committed;
# the launcher caps it at 256 MB (-Xmx256m). (The tools end with Runtime.halt, so no exit report.)
heap=$(sed -n 's/.*Pause.* \([0-9]*\)M->[0-9]*M(\([0-9]*\)M).*/\1 \2/p' gc.log | sort -n | tail -n 1)
[ -n "$heap" ] || heap="0 0"
echo "ours: peak Java heap in use ${heap%% *} MB (at a collection; ${heap##* } MB committed, -Xmx256m), $(grep -c Pause gc.log) collections"

echo "== (b) $small lines against a bare JVM hello-world"
"$ours" --dialect=djb s.cdb s.tmp < small.rules
"$ref" r.cdb r.tmp < small.rules
cmp r.cdb s.cdb
hyperfine -w 5 -r "$((runs * 10))" --export-csv small.csv \
  -n "java Hello (same JDK)" "$java -cp hello Hello" \
  -n "ucspi4j tcprules --dialect=djb ($small lines)" "$ours --dialect=djb s.cdb s.tmp < small.rules" \
  -n "C tcprules ($small lines)" "$ref r.cdb r.tmp < small.rules"
for i in 1 2 3; do
  /usr/bin/time -f "hello  %e s wall, %U s user, %S s sys, %M KB max RSS" "$java" -cp hello Hello > /dev/null
  /usr/bin/time -f "ours   %e s wall, %U s user, %S s sys, %M KB max RSS" "$ours" --dialect=djb s.cdb s.tmp < small.rules
done 2> time-small.txt
cat time-small.txt

# hyperfine's CSV: command,mean,stddev,median,user,system,min,max (seconds)
mean() { awk -F, -v n="$2" 'NR > 1 && $1 == n { print $2 }' "$1"; }
median() { awk -F, -v n="$2" 'NR > 1 && $1 == n { print $4 }' "$1"; }
c_mean=$(mean big.csv "C tcprules (ucspi-tcp 0.88)")
j_mean=$(mean big.csv "ucspi4j tcprules --dialect=djb")
c_med=$(median big.csv "C tcprules (ucspi-tcp 0.88)")
j_med=$(median big.csv "ucspi4j tcprules --dialect=djb")
h_mean=$(mean small.csv "java Hello (same JDK)")
s_mean=$(mean small.csv "ucspi4j tcprules --dialect=djb ($small lines)")
h_med=$(median small.csv "java Hello (same JDK)")
s_med=$(median small.csv "ucspi4j tcprules --dialect=djb ($small lines)")
rss_c=$(sed -n 's/^C .* \([0-9]*\) KB max RSS/\1/p' time.txt | sort -n | tail -n 1)
rss_j=$(sed -n 's/^ours .* \([0-9]*\) KB max RSS/\1/p' time.txt | sort -n | tail -n 1)
echo
echo "== summary ($(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg))"
awk -v cm="$c_mean" -v jm="$j_mean" -v cd="$c_med" -v jd="$j_med" -v n="$lines" -v rc="$rss_c" -v rj="$rss_j" -v hp="${heap%% *}" 'BEGIN {
  printf "(a) %d lines: C %.3f s, ours %.3f s (means); ratio %.2f (medians: %.2f); goal <= 1.00\n", n, cm, jm, jm / cm, jd / cd
  printf "    peak RSS: C %.1f MB, ours %.1f MB; our peak heap %s MB (goal <= 256 MB)\n", rc / 1024, rj / 1024, hp }'
awk -v hm="$h_mean" -v sm="$s_mean" -v hd="$h_med" -v sd="$s_med" -v n="$small" 'BEGIN {
  printf "(b) %d lines: hello %.1f ms, ours %.1f ms (means); ratio %.2f (medians: %.2f); goal <= 1.50\n", n, hm * 1000, sm * 1000, sm / hm, sd / hd }'
[ -z "$out" ] || echo "files and results kept in $work"
