# Sourced by bin/test and .ci/run: the Debian packages the test suite drives, and the C reference
# tools unpacked side by side (ucspi-tcp and ucspi-tcp-ipv6 conflict, so neither is installed).
# bubblewrap, mmdebstrap and dpkg-dev: packaging/test-package (PackageIT). systemd: its
# systemd-socket-activate (SocketActivationIT). haproxy: ProxyProtocolIT, FleetIT. prometheus: its
# promtool (MetricsIT, FleetIT).

UCSPI4J_TEST_PACKAGES="zsh tinycdb freecdb openssl curl gnutls-bin swaks libnet-ssleay-perl libio-socket-ssl-perl stunnel4 haproxy wrk sslscan testssl.sh procps iproute2 socat mandoc make runit daemontools s6 bubblewrap mmdebstrap dpkg-dev prometheus systemd"
UCSPI4J_REF_DIR=${UCSPI4J_REF_DIR:-/opt/ucspi4j-reference}

ucspi4j_missing_packages() {
  for p in $UCSPI4J_TEST_PACKAGES; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || printf '%s ' "$p"
  done
}

# Installs what is missing; quiet and idempotent. Needs root (CI runs as root).
ucspi4j_install_test_deps() {
  missing=$(ucspi4j_missing_packages)
  need_ref=
  for v in djb fefe; do [ -x "$UCSPI4J_REF_DIR/$v/usr/bin/tcprules" ] || need_ref=1; done
  if [ -z "$missing" ] && [ -z "$need_ref" ]; then return 0; fi
  if [ "$(id -u)" != 0 ]; then
    echo "ucspi4j: missing test dependencies: ${missing}${need_ref:+ (and the reference C tools in $UCSPI4J_REF_DIR)}; run as root: .ci/run" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  if [ -n "$missing" ]; then
    echo "ucspi4j: installing $missing" >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/tmp/ucspi4j-apt.log 2>&1 ||
      { cat /tmp/ucspi4j-apt.log >&2; return 1; }
  fi
  if [ -n "$need_ref" ]; then
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get download -qq ucspi-tcp ucspi-tcp-ipv6 >/dev/null 2>&1) || { rm -rf "$tmp"; return 1; }
    mkdir -p "$UCSPI4J_REF_DIR"
    rm -rf "$UCSPI4J_REF_DIR/djb" "$UCSPI4J_REF_DIR/fefe"
    dpkg-deb -x "$tmp"/ucspi-tcp_*.deb "$UCSPI4J_REF_DIR/djb"
    dpkg-deb -x "$tmp"/ucspi-tcp-ipv6_*.deb "$UCSPI4J_REF_DIR/fefe"
    rm -rf "$tmp"
    echo "ucspi4j: reference tools unpacked in $UCSPI4J_REF_DIR/{djb,fefe}" >&2
  fi
}
