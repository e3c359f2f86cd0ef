# Sourced by bin/ucspi4j and .ci/run: sets UCSPI4J_JAVA_HOME to a JDK 25 or newer, or fails.
# Order: $JAVA_HOME if it is 25+, then the JDK 25 the machine image ships under /usr/lib/jvm,
# then `java` on PATH if it is 25+.

ucspi4j_java_feature() { # prints the feature release of the java binary $1 (17, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

ucspi4j_find_jdk() {
  UCSPI4J_JAVA_HOME=
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(ucspi4j_java_feature "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then UCSPI4J_JAVA_HOME=$JAVA_HOME; return 0; fi
  fi
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*-25-* /usr/lib/jvm/jdk-25*; do
    if [ -x "$d/bin/java" ]; then UCSPI4J_JAVA_HOME=$d; return 0; fi
  done
  if command -v java >/dev/null 2>&1; then
    j=$(command -v java)
    v=$(ucspi4j_java_feature "$j")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then
      UCSPI4J_JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$j")")"); return 0
    fi
  fi
  echo "ucspi4j: fatal: no JDK 25 found: set JAVA_HOME to a JDK 25 or newer (tried \$JAVA_HOME, /usr/lib/jvm/*25*, java on PATH)" >&2
  return 1
}
