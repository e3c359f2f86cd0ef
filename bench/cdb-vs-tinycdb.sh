#!/bin/sh
# Our cdb tools against tinycdb and freecdb on one data set of 1.5 million records, in one run:
#  1. writing: bin/cdbmake vs tinycdb `cdb -c` vs freecdb `cdbmake`, whole processes, same text input
#     (the outputs must be identical: cmp);
#  2. one lookup per process: bin/cdbget vs `cdb -q` vs freecdb `cdbget` (process start, open, lookup);
#  3. in-process: the JMH figures for CdbReader lookups (median per lookup) and CdbWriter writes,
#     and the same work in thread CPU time (steadier than wall time on a busy machine).
# It prints the times and the ratios ours / C. Needs hyperfine and jq, tinycdb and freecdb.
#
# usage: bench/cdb-vs-tinycdb.sh [RUNS]     (env: RECORDS=1500000 SEED=20261126 DIR=scratch dir, JMH=0 to skip JMH)
set -eu
home=$(dirname "$(dirname "$(readlink -f "$0")")")
runs=${1:-10}
records=${RECORDS:-1500000}
seed=${SEED:-20261126}

for tool in hyperfine jq cdb cdbmake cdbget; do
  command -v "$tool" >/dev/null 2>&1 ||
    { echo "cdb-vs-tinycdb: needs $tool (apt-get install hyperfine jq tinycdb freecdb)" >&2; exit 111; }
done
. "$home/bin/lib/find-jdk.sh"
ucspi4j_find_jdk
export JAVA_HOME="$UCSPI4J_JAVA_HOME"
java=$JAVA_HOME/bin/java
bench_jar=$home/bench/target/benchmarks.jar
if [ ! -f "$bench_jar" ] || [ ! -f "$home/cli/target/ucspi4j.jar" ]; then
  echo "cdb-vs-tinycdb: building the jars..." >&2
  (cd "$home" && ./mvnw -B -q -DskipTests -pl bench,cli -am package) >&2
fi

# tmpfs when there is one: this measures the programs, not the disk (freecdb and ours fsync).
if [ -z "${DIR:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then DIR=$(mktemp -d /dev/shm/cdb-vs-tinycdb.XXXXXX); else DIR=$(mktemp -d); fi
  trap 'rm -rf "$DIR"' EXIT INT TERM
fi
cd "$DIR"

echo "== $(date -u +%FT%TZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== data: $records records, seed $seed, in $DIR"
"$java" -cp "$bench_jar" org.ucspi4j.bench.DataSet data.txt "$records" "$seed"
ls -l data.txt | awk '{print "text: " $5 " bytes"}'

# Times commands with hyperfine, each as `sh -c CMD`, next to `sh -c true`: the medians printed are
# minus that shell's own start-up, which matters when a C lookup takes half a millisecond.
# usage: timed JSON WARMUP CMD... ; then: ms JSON I (median of command I, 1-based, in ms)
timed() {
  json=$1 warmup=$2
  shift 2
  n=$#
  for c in "$@"; do set -- "$@" "sh -c '$c'"; done
  shift "$n"
  hyperfine -N -w "$warmup" -r "$runs" --export-json "$json" "sh -c true" "$@" >"$json.log" 2>&1 ||
    { cat "$json.log" >&2; exit 111; }
}
ms() { jq -r --argjson i "$2" '(.results[$i].median - .results[0].median) * 1000 | if . < 0.01 then 0.01 else . end | . * 100 | round / 100' "$1"; }
# CPU time (user + system, mean, shell's subtracted): steadier than wall time on a busy machine.
cpu() { jq -r --argjson i "$2" '(.results[$i] | .user + .system) - (.results[0] | .user + .system) | . * 1000 | if . < 0.01 then 0.01 else . end | . * 100 | round / 100' "$1"; }
report() { # report JSON LABEL1 LABEL2 LABEL3
  o=$(ms "$1" 1) t=$(ms "$1" 2) f=$(ms "$1" 3)
  oc=$(cpu "$1" 1) tc=$(cpu "$1" 2) fc=$(cpu "$1" 3)
  printf '  %-16s %10s ms wall %10s ms cpu\n' "$2" "$o" "$oc" "$3" "$t" "$tc" "$4" "$f" "$fc"
  echo "  ratio ours/tinycdb: wall $(ratio "$o" "$t"), cpu $(ratio "$oc" "$tc");  ours/freecdb: wall $(ratio "$o" "$f"), cpu $(ratio "$oc" "$fc")"
}
ratio() { echo "$1 $2" | awk '{printf "%.1f", $1 / $2}'; }

echo "== writing $records records (median of $runs runs, whole processes)"
timed write.json 1 "'$home/bin/cdbmake' ours.cdb ours.tmp < data.txt" "cdb -c -t tiny.tmp tiny.cdb data.txt" \
  "cdbmake free.cdb free.tmp < data.txt"
cmp ours.cdb tiny.cdb && cmp ours.cdb free.cdb && echo "outputs identical: $(ls -l ours.cdb | awk '{print $5}') bytes each"
report write.json "bin/cdbmake" "cdb -c" "freecdb cdbmake"
tiny_write=$(ms write.json 2)

# A key from the middle of the file: every tool opens the same 1.5M-record cdb and finds it.
key=$(sed -n "$((records / 2))p" data.txt | sed 's/^+[0-9]*,[0-9]*://; s/->.*//')
echo "== one lookup per process (key $key; median of $runs runs)"
timed lookup.json 2 "'$home/bin/cdbget' $key < free.cdb" "cdb -q free.cdb $key" "cdbget $key < free.cdb"
report lookup.json "bin/cdbget" "cdb -q" "freecdb cdbget"
echo "  (ours starts a JVM and checks the whole file before it looks the key up)"

if [ "${JMH:-1}" != 0 ]; then
  echo "== in-process, JMH (-f 1 -wi 3 -i 5): CdbReader.find on the same records, CdbWriter on them"
  "$java" -jar "$bench_jar" 'CdbLookupBenchmark|CdbWriteBenchmark' -f 1 -wi 3 -i 5 \
    -p textFile="$DIR/data.txt" -rf json -rff jmh.json >jmh.log 2>&1 || { tail -20 jmh.log >&2; exit 111; }
  p50() { jq -r --arg b "$1" '.[] | select(.benchmark == $b and .mode == "sample") | .primaryMetric.scorePercentiles["50.0"]' jmh.json; }
  avg() { jq -r --arg b "$1" '.[] | select(.benchmark == $b and .mode == "avgt") | .primaryMetric.score | . * 10 | round / 10' jmh.json; }
  hit=$(p50 org.ucspi4j.bench.CdbLookupBenchmark.hit)
  miss=$(p50 org.ucspi4j.bench.CdbLookupBenchmark.miss)
  write=$(avg org.ucspi4j.bench.CdbWriteBenchmark.write)
  text=$(avg org.ucspi4j.bench.CdbWriteBenchmark.textToCdb)
  echo "  lookup, hit:  median $hit ns per lookup (goal: under 1000 ns)"
  echo "  lookup, miss: median $miss ns per lookup"
  echo "  CdbWriter, records in memory:  $write ms;  text in memory to cdb: $text ms"
  echo "  ratio (text to cdb, in process) / (tinycdb cdb -c, whole process): $(ratio "$text" "$tiny_write")"
fi

echo "== in-process, thread CPU time (org.ucspi4j.bench.CpuTime; medians of 6 runs after 3 warm-up runs)"
"$java" -Xms2g -Xmx2g -cp "$bench_jar" org.ucspi4j.bench.CpuTime "$DIR/data.txt" | sed 's/^/  /'
echo "  tinycdb cdb -c, whole process: $(cpu write.json 2) ms CPU"
