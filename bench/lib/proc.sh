# Sourced by bench/soak.sh and bench/idle-memory.sh: what one process (or a process tree) holds, read
# from /proc. Sizes in KiB. Linux only.

# The JDK and the load client. Sets java, jcmd, jstat and load (the command that runs EchoLoad).
bench_setup_java() {
  . "$home/bin/lib/find-jdk.sh"
  ucspi4j_find_jdk || exit 111
  export JAVA_HOME="$UCSPI4J_JAVA_HOME"
  java=$JAVA_HOME/bin/java jcmd=$JAVA_HOME/bin/jcmd jstat=$JAVA_HOME/bin/jstat
  if [ ! -f "$home/cli/target/ucspi4j.jar" ]; then
    echo "bench: building cli/target/ucspi4j.jar..." >&2
    (cd "$home" && ./mvnw -B -q -DskipTests -pl cli -am package) >&2 || exit 111
  fi
  src=$home/bench/src/main/java/org/ucspi4j/bench/load/EchoLoad.java
  jar=$home/bench/target/benchmarks.jar
  # the packaged tool if it is up to date, else straight from its one source file (java runs it)
  if [ -f "$jar" ] && [ "$jar" -nt "$src" ]; then
    load="$java -cp $jar org.ucspi4j.bench.load.EchoLoad"
  else
    load="$java $src"
  fi
}

fds_of() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
threads_of() { ls "/proc/$1/task" 2>/dev/null | wc -l; }
children_of() { ps --ppid "$1" --no-headers -o pid 2>/dev/null | wc -l; }
zombies_of() { ps --ppid "$1" --no-headers -o stat 2>/dev/null | grep -c '^Z' || true; }
rss_of() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null; }
pss_of() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null; }

# The process and all its descendants, one pid a line.
tree_of() {
  echo "$1"
  for c in $(ps --ppid "$1" --no-headers -o pid 2>/dev/null); do tree_of "$c"; done
}
# Sum of PSS (or RSS) over a list of pids on stdin.
sum_pss() { t=0; while read -r p; do v=$(pss_of "$p"); t=$((t + ${v:-0})); done; echo "$t"; }
sum_rss() { t=0; while read -r p; do v=$(rss_of "$p"); t=$((t + ${v:-0})); done; echo "$t"; }

# Java heap of a JVM from jstat -gc: "used committed" in KiB (young + old; not metaspace).
heap_of() {
  "$jstat" -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { u = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; c = $col["S0C"] + $col["S1C"] + $col["EC"] + $col["OC"];
              printf "%d %d\n", u, c }'
}
# Live heap: the used heap right after a full collection (jcmd GC.run), in KiB.
live_heap_of() {
  "$jcmd" "$1" GC.run >/dev/null 2>&1
  heap_of "$1" | cut -d' ' -f1
}
