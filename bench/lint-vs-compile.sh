#!/bin/sh
# Times `tcprules lint` against the C-compatible `tcprules` compile on the same generated rules file,
# both through the launcher (JVM start included), best of N alternating runs each.
#   bench/lint-vs-compile.sh [LINES] [DIALECT] [RUNS]      defaults: 1000000 tcp6 3
# The file comes from the project's generator (compiler/src/test/java/.../RulesGenerator.java, run
# as a single-file Java program with a fixed seed), so every run times the same input.
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
"$java" "$home/compiler/src/test/java/org/ucspi4j/rules/tools/RulesGenerator.java" "$lines" 20240611 "$dialect" > "$work/rules.txt"
echo "input: $lines lines, $(wc -c < "$work/rules.txt") bytes, dialect $dialect"
# Compile and lint alternate, so that load from elsewhere on the machine hits both alike; the best
# wall time of each counts.
elapsed() { # wall time in seconds of running "$@"
  s=$(date +%s.%N)
  "$@" > /dev/null 2>&1 || [ $? -le 2 ]
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
min() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" = 1 ]; then echo "$2"; else echo "$1"; fi; }
compile() { "$home/bin/tcprules" --dialect="$dialect" "$work/rules.cdb" "$work/rules.tmp" < "$work/rules.txt"; }
lint() { "$home/bin/tcprules" lint --dialect="$dialect" "$work/rules.txt" > "$work/lint.out"; }
c=
l=
i=0
while [ $i -lt "$runs" ]; do
  c=$(min "$c" "$(elapsed compile)")
  l=$(min "$l" "$(elapsed lint)")
  i=$((i + 1))
done
echo "compile: ${c}s  lint: ${l}s  ratio: $(echo "scale=2; $l / $c" | bc)"
"$home/bin/tcprules" lint --dialect="$dialect" "$work/rules.txt" 2>&1 >/dev/null | tail -n 1
