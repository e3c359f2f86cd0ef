# Sourced by packaging/build-deb and packaging/build-tarball: the installed tree both ship, built
# once per jar in target/package/app (rebuilt when the jar, the JDK, the launcher or this file
# change):
#
#   bin/ucspi4j            the launcher (bin/ucspi4j of the checkout: it finds runtime/ beside it)
#   runtime/               a Java runtime made by jlink with the JDK modules the jar needs
#   ucspi4j.jar            the shaded jar
#   ucspi4j*.aot           the JDK's AOT caches, trained with runtime/ on that jar
#
# The AOT caches match one JVM build and one runtime image (the JVM refuses the JDK's caches with
# the jlinked runtime: its lib/modules differs), so they are trained here, with runtime/. They do
# not depend on where the tree is installed: a cache trained on /a/ucspi4j.jar serves
# /b/ucspi4j.jar if the jar is the same (size; the JVM checks it), which is what lets one tree be the
# .deb's /usr/lib/ucspi4j and the tarball's PREFIX/lib/ucspi4j. The launcher uses a cache only while
# it is newer than the jar: the jar gets a whole-second mtime and the caches one second more, which
# survives archives that keep whole seconds (dpkg, tar) and copies that keep times (cp -p).

set -eu
umask 022

# Sets home, java_home, version, deb_version, work, app and programs.
ucspi4j_pkg_init() {
  home=$(cd "$(dirname "$0")/.." && pwd)
  . "$home/bin/lib/find-jdk.sh"
  ucspi4j_find_jdk || exit 111
  java_home=$UCSPI4J_JAVA_HOME
  # The project's version, from the root pom (the first <version> at project level).
  version=$(sed -n 's|^  <version>\(.*\)</version>.*|\1|p' "$home/pom.xml" | head -n 1)
  [ -n "$version" ] || { echo "packaging: no <version> in $home/pom.xml" >&2; exit 111; }
  # Debian: a Maven -SNAPSHOT sorts before its release: 0.1.0-SNAPSHOT is 0.1.0~SNAPSHOT.
  deb_version=$(printf '%s' "$version" | sed 's/-/~/g')
  work=$home/target/package
  app=$work/app
  # Every program is a link to the launcher in bin/.
  programs=
  for f in "$home"/bin/*; do
    [ -L "$f" ] && [ "$(readlink "$f")" = ucspi4j ] && programs="$programs ${f##*/}"
  done
  programs=${programs# }
  [ -n "$programs" ] || { echo "packaging: no program links in $home/bin" >&2; exit 111; }
}

ucspi4j_log() { printf 'packaging: %s\n' "$*" >&2; }

# The jar, built if missing (as bin/ucspi4j does on first use).
ucspi4j_pkg_jar() {
  jar=$home/cli/target/ucspi4j.jar
  if [ ! -f "$jar" ]; then
    ucspi4j_log "building $jar"
    (cd "$home" && JAVA_HOME=$java_home ./mvnw -B -ntp -q -DskipTests -pl cli -am package) >&2
  fi
}

# The modules of the runtime: what jdeps finds the jar's classes use (java.naming and java.sql are
# BouncyCastle's LDAP and DANE helpers; jdk.management, the servers' HotSpot diagnostic bean;
# jdk.unsupported, sun.misc.Signal), with the modules they require; and the modules of the security
# providers the runtime's conf/security/java.security lists (SunJGSS, JdkSASL, XMLDSig, SunPCSC,
# SunPKCS11: 1 MB). Without those, the first lookup that walks the provider list looks for each
# missing one on the class path (ServiceLoader), and so instantiates the BouncyCastle providers the
# jar declares in META-INF/services: sslclient loaded 750 BouncyCastle classes it never loads on a
# full JDK, 0.25 s more per connection, and BouncyCastle took a place in the provider list.
# ucspi4j_pkg_stage checks that every listed provider loads. What else is found only at run time is
# not needed: the EC, RSA, AES-GCM and TLS code are in java.base (jdk.crypto.ec is empty since
# JDK 22), JNDI's DNS provider (jdk.naming.dns) is never used, the charsets the JVM decodes
# arguments and file names with are in java.base, and the tools format for no locale
# (jdk.localedata). FFM (fork, exec, setuid) is in java.base; the jar's manifest grants it native
# access (Enable-Native-Access). UCSPI4J_EXTRA_MODULES adds modules (comma-separated).
UCSPI4J_PROVIDER_MODULES=java.security.jgss,jdk.security.jgss,java.xml.crypto,java.smartcardio,jdk.crypto.cryptoki
ucspi4j_pkg_modules() {
  modules=$("$java_home/bin/jdeps" --multi-release 25 --print-module-deps --ignore-missing-deps "$jar")
  modules=$modules,$UCSPI4J_PROVIDER_MODULES
  [ -n "${UCSPI4J_EXTRA_MODULES:-}" ] && modules=$modules,$UCSPI4J_EXTRA_MODULES
  printf '%s\n' "$modules"
}

ucspi4j_pkg_stamp() { # what the tree is made from
  {
    sha256sum "$jar" "$home/bin/ucspi4j" "$home/packaging/lib/stage.sh"
    cat "$java_home/release"
    printf 'extra modules: %s\n' "${UCSPI4J_EXTRA_MODULES:-}"
  } | sha256sum | cut -d' ' -f1
}

# Builds $app unless it is up to date.
ucspi4j_pkg_stage() {
  ucspi4j_pkg_jar
  stamp=$(ucspi4j_pkg_stamp)
  if [ -f "$app.stamp" ] && [ "$(cat "$app.stamp")" = "$stamp" ] && [ -x "$app/runtime/bin/java" ]; then
    ucspi4j_log "$app is up to date"
    return 0
  fi
  rm -rf "$app" "$app.stamp"
  mkdir -p "$app/bin"
  t0=$(date +%s)
  modules=$(ucspi4j_pkg_modules)
  ucspi4j_log "jlink $modules"
  # --generate-cds-archive: the runtime's default class data archive, which the programs without
  # an AOT cache of their own (the servers) start with. Only the one for compressed oops is kept:
  # the other serves heaps over 32 GB, which run without it (14 MB less).
  "$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress zip-6 --generate-cds-archive --output "$app/runtime" >"$work/jlink.log" 2>&1 ||
    { cat "$work/jlink.log" >&2; exit 111; }
  rm -f "$app/runtime/lib/server/classes_nocoops.jsa"
  listed=$(grep -c '^security\.provider\.[0-9]*=' "$app/runtime/conf/security/java.security")
  loaded=$("$app/runtime/bin/java" -XshowSettings:security:providers -version 2>&1 | grep -c 'Provider name:')
  [ "$listed" = "$loaded" ] || { ucspi4j_log "the runtime loads $loaded of the $listed security providers its java.security lists"; exit 111; }
  t1=$(date +%s)

  cp "$home/bin/ucspi4j" "$app/bin/ucspi4j"
  chmod 755 "$app/bin/ucspi4j"
  cp "$jar" "$app/ucspi4j.jar"
  chmod 644 "$app/ucspi4j.jar"
  jar_time=$(stat -c %Y "$jar")
  touch -d "@$jar_time" "$app/ucspi4j.jar"

  # The training runs of cli/pom.xml (exec-maven-plugin, aot-cache*), with the runtime's java and
  # the same JVM flags, which are the launcher's for the programs each cache serves (bin/ucspi4j).
  j=$app/runtime/bin/java
  grants="--enable-native-access=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED"
  (cd "$work" &&
    "$j" -XX:AOTCacheOutput="$app/ucspi4j.aot" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -XX:CompileThresholdScaling=10 -XX:-UsePerfData -cp "$app/ucspi4j.jar" org.ucspi4j.cli.Main --aot-training &&
    "$j" -XX:AOTCacheOutput="$app/ucspi4j-rules.aot" -XX:+UseParallelGC -Xmn256m -XX:-UseAdaptiveSizePolicy \
      -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp "$app/ucspi4j.jar" org.ucspi4j.cli.Main --aot-training=rules &&
    "$j" -XX:AOTCacheOutput="$app/ucspi4j-clients.aot" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining \
      -XX:+UseSerialGC $grants -cp "$app/ucspi4j.jar" org.ucspi4j.cli.Main \
      --aot-training=clients &&
    "$j" -XX:AOTCacheOutput="$app/ucspi4j-servers.aot" -Xms16m -XX:G1PeriodicGCInterval=10000 \
      -XX:TrimNativeHeapInterval=10000 -XX:MinHeapFreeRatio=10 \
      -XX:MaxHeapFreeRatio=30 -XX:+DisableAttachMechanism -XX:-UsePerfData $grants -cp "$app/ucspi4j.jar" \
      org.ucspi4j.cli.Main --aot-training=servers
  ) >"$work/aot-training.log" 2>&1 || { cat "$work/aot-training.log" >&2; exit 111; }
  for a in "$app"/*.aot; do
    chmod 644 "$a"
    touch -d "@$((jar_time + 1))" "$a"
  done
  t2=$(date +%s)
  printf '%s\n' "$stamp" > "$app.stamp"
  ucspi4j_log "runtime $(du -sm "$app/runtime" | cut -f1) MB (jlink $((t1 - t0)) s), AOT caches $(du -cm "$app"/*.aot | tail -n 1 | cut -f1) MB (training $((t2 - t1)) s)"
}

# Shell completion (bin/ucspi4j completion, made by the staged runtime): $1/NAME for each program,
# where bash-completion looks a command's script up by its name, and $2, all of them in one file for
# zsh (and bash without bash-completion) to source.
ucspi4j_pkg_completion() {
  mkdir -p "$1" "$(dirname "$2")"
  for p in $programs; do
    "$app/runtime/bin/java" -Xshare:auto -XX:TieredStopAtLevel=1 -jar "$app/ucspi4j.jar" completion "$p" > "$1/$p" ||
      { ucspi4j_log "unable to make the completion script of $p"; exit 111; }
    chmod 644 "$1/$p"
  done
  (cd "$1" && cat $programs) > "$2"
  chmod 644 "$2"
}

# Gzipped manual pages into $1/man1 and $1/man7 (gzip -n: no name or time in the file).
ucspi4j_pkg_man() {
  for section in 1 7; do
    mkdir -p "$1/man$section"
    for page in "$home/docs/man/man$section"/*."$section"; do
      gzip -9n < "$page" > "$1/man$section/${page##*/}.gz"
      chmod 644 "$1/man$section/${page##*/}.gz"
    done
  done
}
