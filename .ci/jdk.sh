# Sourced by .ci/run and ./tandem: selects a JDK 25+ (the machines' default java is 17).
# Keeps a JAVA_HOME that is already 25+, else takes a known JDK 25 location, else (as root on
# Debian) installs openjdk-25-jdk-headless.

tandem_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

tandem_select_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]] \
      && (( $(tandem_java_major "${JAVA_HOME}/bin/java") >= 25 )); then
    :
  else
    unset JAVA_HOME
    local candidate
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 \
                     /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-arm64; do
      if [[ -x "$candidate/bin/java" ]]; then export JAVA_HOME="$candidate"; break; fi
    done
  fi
  if [[ -z "${JAVA_HOME:-}" ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      echo "No JDK 25 found; installing openjdk-25-jdk-headless" >&2
      apt-get update -qq && apt-get install -y -qq openjdk-25-jdk-headless >&2
      export JAVA_HOME=/usr/lib/jvm/java-25-openjdk-$(dpkg --print-architecture)
    else
      echo "Tandem needs JDK 25: install one and set JAVA_HOME to it." >&2
      return 1
    fi
  fi
  export PATH="$JAVA_HOME/bin:$PATH"
}
