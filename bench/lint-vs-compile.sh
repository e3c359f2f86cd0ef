#!/bin/sh
# Times `tcprules lint` against the C-compatible `tcprules` compile on the same rules file, both
# through the launcher (JVM start included), best of N alternating runs each, on two files:
#  - generated: the project's generator (compiler/src/test/java/.../RulesGenerator.java, run as a
#    single-file Java program with a fixed seed): every kind of rule, and a diagnostic on most lines;
#  - blocklist: LINES-1 random dotted IPv4 addresses ':deny' (fixed seed) and ':allow' at the end:
#    what big rules files mostly are, and the case where the compile has least to do;
#  - small: a two-line file, 10x the runs: start-up, what an editor or a CI step on one file waits for.
#   bench/lint-vs-compile.sh [LINES] [DIALECT] [RUNS]      defaults: 1000000 tcp6 3
set -eu
lines=${1:-1000000}
dialect=${2:-tcp6}
runs=${3:-3}
home=$(dirname "$(dirname "$(readlink -f "$0")")")
. "$home/bin/lib/find-jdk.sh"
ucspi4j_find_jdk
java=$UCSPI4J_JAVA_HOME/bin/java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$java" "$home/compiler/src/test/java/org/ucspi4j/rules/tools/RulesGenerator.java" "$lines" 20240611 "$dialect" > "$work/generated.txt"
awk -v n="$lines" 'BEGIN { srand(20240611); for (i = 1; i < n; i++) printf "%d.%d.%d.%d:deny\n", 1 + int(rand() * 223), int(rand() * 256), int(rand() * 256), int(rand() * 256); print ":allow" }' > "$work/blocklist.txt"
printf '1.2.3.4:deny\n:allow\n' > "$work/small.txt"
# Compile and lint alternate, so that load from elsewhere on the machine hits both alike; the best
# wall time of each counts.
elapsed() { # wall time in seconds of running "$@"
  s=$(date +%s.%N)
  "$@" > /dev/null 2>&1 || [ $? -le 2 ]
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
min() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" = 1 ]; then echo "$2"; else echo "$1"; fi; }
compile() { "$home/bin/tcprules" --dialect="$dialect" "$work/rules.cdb" "$work/rules.tmp" < "$1"; }
lint() { "$home/bin/tcprules" lint --dialect="$dialect" "$1" > "$work/lint.out"; }
for kind in generated blocklist small; do
  file=$work/$kind.txt
  n=$runs
  [ "$kind" = small ] && n=$((runs * 10))
  echo "$kind: $(wc -l < "$file") lines, $(wc -c < "$file") bytes, dialect $dialect"
  c=
  l=
  i=0
  while [ $i -lt "$n" ]; do
    c=$(min "$c" "$(elapsed compile "$file")")
    l=$(min "$l" "$(elapsed lint "$file")")
    i=$((i + 1))
  done
  echo "  compile: ${c}s  lint: ${l}s  ratio: $(echo "scale=2; $l / $c" | bc)"
  echo "  $("$home/bin/tcprules" lint --dialect="$dialect" "$file" 2>&1 >/dev/null | tail -n 1)"
done
