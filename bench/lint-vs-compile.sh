#!/bin/sh
# Times `tcprules lint` against the C-compatible `tcprules` compile on the same generated rules file,
# both through the launcher (JVM start included), best of N runs each.
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
best() { # best wall time in seconds of running "$@" $runs times
  b=
  i=0
  while [ $i -lt "$runs" ]; do
    s=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || [ $? -le 2 ]
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
    i=$((i + 1))
  done
  echo "$b"
}
compile() { "$home/bin/tcprules" --dialect="$dialect" "$work/rules.cdb" "$work/rules.tmp" < "$work/rules.txt"; }
lint() { "$home/bin/tcprules" lint --dialect="$dialect" "$work/rules.txt" > "$work/lint.out"; }
c=$(best compile)
l=$(best lint)
echo "compile: ${c}s  lint: ${l}s  ratio: $(echo "scale=2; $l / $c" | bc)"
"$home/bin/tcprules" lint --dialect="$dialect" "$work/rules.txt" 2>&1 >/dev/null | tail -n 1
