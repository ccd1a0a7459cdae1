#!/usr/bin/env bash
# Installs the freshly built .deb on this machine and proves the installed app works, then removes
# it. Called by `./mvnw -B -Pinstallers,installer-check verify -pl packaging -am -DskipTests`
# (packaging/pom.xml), which .ci/run runs after the tests. Needs root and Debian's apt-get: it
# changes the system (installs Tandem and the libraries it depends on), so it is for CI machines.
#
# Steps: install the .deb (dependencies via apt-get) → the files and desktop entry are in place →
# start a standalone room server from room-server/target → create a room over HTTP →
# `/opt/tandem/bin/Tandem --smoke-test <link>` joins it, its classes coming from the JDK AOT cache
# the package ships → `xdg-mime query default
# x-scheme-handler/tandem` names Tandem's desktop entry → remove the package → nothing is left.
# Also inspects the .rpm when one was built (this Debian machine cannot install it).
set -euo pipefail

target=${1:?usage: check-installed-deb.sh PACKAGING_TARGET_DIR ROOM_SERVER_JAR}
server_jar=${2:?usage: check-installed-deb.sh PACKAGING_TARGET_DIR ROOM_SERVER_JAR}
java=${JAVA_HOME:?JAVA_HOME must point at JDK 25}/bin/java
target=$(cd "$target" && pwd)  # apt-get takes a local .deb only by an explicit path
installed=/opt/tandem
launcher=$installed/bin/Tandem
entry=tandem-Tandem.desktop
log=$target/installer-check
rm -rf "$log" && mkdir -p "$log"

say() { echo "installer-check: $*"; }
fail() { echo "installer-check: FAILED: $*" >&2; exit 1; }

[[ $(id -u) == 0 ]] || fail "needs root (it installs and removes the tandem package)"
command -v apt-get >/dev/null || fail "needs Debian's apt-get"
deb=$(ls "$target"/installers/tandem_*_amd64.deb 2>/dev/null | head -1 || true)
[[ -n $deb ]] || fail "no .deb in $target/installers (build with -Pinstallers)"
[[ -f $server_jar ]] || fail "no room server jar at $server_jar"

is_installed() { [[ "$(dpkg-query -W -f='${Status}' tandem 2>/dev/null || true)" == "install ok installed" ]]; }

server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; fi
  if is_installed; then
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -q tandem >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

if is_installed; then
  say "removing a tandem package installed before this check"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -q tandem >"$log/apt-remove-old.log" 2>&1
fi

say "installing $(basename "$deb")"
install_deb() { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb" >"$log/apt-install.log" 2>&1; }
if ! install_deb; then
  say "apt-get install failed; refreshing the package lists once and retrying"
  apt-get update -q >"$log/apt-update.log" 2>&1 || true
  install_deb || { tail -20 "$log/apt-install.log" >&2; fail "apt-get could not install $deb"; }
fi
is_installed || fail "dpkg does not list tandem as installed"
[[ -x $launcher ]] || fail "$launcher is missing"
[[ -f /usr/share/applications/$entry ]] || fail "desktop entry /usr/share/applications/$entry is missing"
grep -q '^MimeType=.*x-scheme-handler/tandem;' "/usr/share/applications/$entry" || fail "the desktop entry does not claim tandem:// links"
grep -q "^Exec=$launcher %u" "/usr/share/applications/$entry" || fail "the desktop entry does not start $launcher with the link"
say "installed: $launcher and /usr/share/applications/$entry"

say "starting a room server"
"$java" --enable-native-access=ALL-UNNAMED -jar "$server_jar" --bind 127.0.0.1 --port 0 \
  --data "$log/server-data" >"$log/server.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$log/server.log" | head -1)
  [[ -n $port ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log/server.log" >&2; fail "the room server exited"; }
  sleep 0.1
done
[[ -n $port ]] || { cat "$log/server.log" >&2; fail "the room server did not start within 30 s"; }

room_json=$(curl -sf -X POST "http://127.0.0.1:$port/api/rooms") || fail "POST /api/rooms failed"
link=$(printf '%s' "$room_json" | sed -n 's/.*"editAppLink":"\([^"]*\)".*/\1/p')
room=$(printf '%s' "$room_json" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
[[ -n $link && -n $room ]] || fail "unexpected answer from POST /api/rooms: $room_json"
say "fresh room $room on port $port"

# With the JVM's class-loading log: a JDK AOT cache the JVM cannot use is ignored silently (the
# launcher turns those messages off), so count the app's classes that came from it.
if ! JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$log/class-load.txt" "$launcher" --smoke-test "$link" >"$log/smoke.log" 2>&1; then
  cat "$log/smoke.log" >&2
  fail "the installed app could not join the room"
fi
grep -q "smoke test: joined room $room" "$log/smoke.log" || { cat "$log/smoke.log" >&2; fail "the smoke test did not report joining $room"; }
say "$(grep 'smoke test:' "$log/smoke.log")"
[[ -f $installed/lib/app/tandem.aot ]] || fail "the AOT cache $installed/lib/app/tandem.aot is missing"
from_cache=$(grep -c '^\[.*\] dev\.tandem\..* source: shared objects file' "$log/class-load.txt" || true)
loaded=$(grep -c '^\[.*\] dev\.tandem\.' "$log/class-load.txt" || true)
(( from_cache > 0 )) || fail "the installed app did not use its AOT cache (see $log/class-load.txt)"
say "AOT cache in use: $from_cache of the $loaded Tandem classes the smoke test loaded came from it"

handler=$(xdg-mime query default x-scheme-handler/tandem 2>&1 || true)
[[ $handler == "$entry" ]] || fail "xdg-mime names '$handler' for tandem:// links, expected $entry"
say "xdg-mime: tandem:// links open with $handler"

DEBIAN_FRONTEND=noninteractive apt-get remove -y -q tandem >"$log/apt-remove.log" 2>&1 || fail "apt-get remove tandem failed"
[[ ! -e $launcher ]] || fail "$launcher is still there after removal"
[[ ! -e /usr/share/applications/$entry ]] || fail "the desktop entry is still there after removal"
say "removed cleanly"

rpm_file=$(ls "$target"/installers/tandem-*.rpm 2>/dev/null | head -1 || true)
if [[ -n $rpm_file ]] && command -v rpm >/dev/null; then
  # Whole listings first: `rpm ... | grep -q` under pipefail fails when grep stops reading early.
  rpm_files=$(rpm -qlp "$rpm_file" 2>&1 || true)
  rpm_requires=$(rpm -qp --requires "$rpm_file" 2>&1 || true)
  grep -qx "$launcher" <<<"$rpm_files" || fail "the .rpm does not contain $launcher"
  grep -qx "/opt/tandem/lib/$entry" <<<"$rpm_files" || fail "the .rpm does not carry the desktop entry"
  grep -qx 'gtk3' <<<"$rpm_requires" || fail "the .rpm does not require gtk3"
  say "rpm: $(basename "$rpm_file") contains the launcher and desktop entry and requires gtk3"
fi
say "OK"
