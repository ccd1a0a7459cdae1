#!/usr/bin/env bash
# Builds Tandem's native packages with the JDK's jlink and jpackage. Called by
# `./mvnw -B -Pinstallers package` (packaging/pom.xml), which first collects the inputs:
#   target/input/    the desktop-app jar and its dependencies, JavaFX excluded
#   target/javafx/   the platform's JavaFX jars (modular, natives inside) for jlink
# Output: target/installers/ — app-image always; .deb and .rpm on Linux when their tools exist.
#
# RichTextFX's jars are automatic modules, which jlink refuses; so the runtime is JDK + JavaFX
# modules only, and the application runs from the class path (../shared/STACK.md).
#
# Other systems: run the same command there (`./mvnw -B -Pinstallers package` with JDK 25; the
# javafx-windows / javafx-mac profiles pick that platform's JavaFX jars):
#   Windows (Git Bash): app-image + .msi (WiX 3 or 4 on PATH). jpackage cannot declare a URL
#     scheme on Windows, so the app registers tandem:// for the user at start-up (HKCU, see
#     dev.tandem.app.platform.WindowsUrlScheme).
#   macOS: app-image + .dmg; CFBundleURLTypes (tandem) is added to the bundle's Info.plist with
#     PlistBuddy before the .dmg is made from that app-image; links arrive as Apple events
#     (dev.tandem.app.platform.MacLinkEvents).
# Only Linux is built and checked by this project's CI.
set -euo pipefail

target=${1:?usage: build-installers.sh TARGET_DIR APP_VERSION}
version=${2:?usage: build-installers.sh TARGET_DIR APP_VERSION}
here=$(cd "$(dirname "$0")" && pwd)
java_home=${JAVA_HOME:?JAVA_HOME must point at JDK 25}
out="$target/installers"
rm -rf "$target/runtime" "$out" "$target/jpackage-tmp"
mkdir -p "$out"

main_jar=$(cd "$target/input" && ls desktop-app-*.jar | head -1)
echo "packaging: main jar $main_jar, version $version"

# 1. A runtime of the JDK modules the app and its libraries use, plus JavaFX.
"$java_home/bin/jlink" \
  --module-path "$target/javafx" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,jdk.localedata,javafx.base,javafx.graphics,javafx.controls \
  --strip-debug --no-header-files --no-man-pages \
  --output "$target/runtime"

# The launcher's module options: the AOT cache's training run (step 3) must use exactly these.
native_access="--enable-native-access=ALL-UNNAMED,javafx.graphics"
# A minimum heap (as ./tandem): G1 would otherwise shrink the heap and run concurrent cycles whose
# remark pauses delay keystrokes (docs/benchmarks.md, "What the tail is made of"). Training uses it too.
min_heap="-Xms256m"
# The app's grapheme iterator for JavaFX's text layout (as ./tandem; docs/benchmarks.md, "Keystroke pass 8").
locale_providers="-Djava.locale.providers=SPI,CLDR"
# Options of every package; the app-image alone also takes `image` (the installers are made from
# the finished app-image, so that they carry its AOT cache).
common=(
  --name Tandem
  --app-version "$version"
  --vendor "Tandem"
  --description "Collaborative rich-text editor: write one document together, live"
  --copyright "Tandem contributors"
  --dest "$out"
)
# JDK AOT cache (step 3): $APPDIR is the installed lib/app folder. A cache the JVM cannot use is
# ignored without a word (-Xlog:aot*=off, cds*=off): the app then starts as it would without one.
image=(
  --input "$target/input"
  --main-jar "$main_jar"
  --main-class dev.tandem.app.Launcher
  --runtime-image "$target/runtime"
  --java-options "$native_access"
  --java-options "$min_heap"
  --java-options "$locale_providers"
  --java-options "-XX:AOTCache=\$APPDIR/tandem.aot"
  --java-options "-Xlog:aot*=off"
  --java-options "-Xlog:cds*=off"
)
case "$(uname -s)" in
  Linux) icon="$here/src/main/packaging/linux/Tandem.png" ;;
  Darwin) icon="$here/src/main/packaging/macos/Tandem.icns"; common+=(--mac-package-identifier dev.tandem.app) ;;
  MINGW*|MSYS*|CYGWIN*) icon="$here/src/main/packaging/windows/Tandem.ico" ;;
  *) echo "packaging: unsupported system $(uname -s)" >&2; exit 1 ;;
esac
common+=(--icon "$icon")

# 2. The app-image (a folder that runs as is).
"$java_home/bin/jpackage" --type app-image "${common[@]}" "${image[@]}"
echo "packaging: app-image in $out/Tandem"

# 3. The JDK AOT cache (JEP 483/514/515) in the app-image, made by the image's own runtime with the
# launcher's class path (same jars, same order) and module options, from the app's scripted
# training run (a hidden option: hosts a room, types, opens a generated 4 MB file into a new room,
# types, exits; Headless platform, temporary directory). The JVM finds the jars again when the
# image is installed elsewhere (same relative layout).
case "$(uname -s)" in
  Darwin) app_dir="$out/Tandem.app/Contents/app"; app_java="$out/Tandem.app/Contents/runtime/Contents/Home/bin/java" ;;
  MINGW*|MSYS*|CYGWIN*) app_dir="$out/Tandem/app"; app_java="$out/Tandem/runtime/bin/java" ;;
  *) app_dir="$out/Tandem/lib/app"; app_java="$out/Tandem/lib/runtime/bin/java" ;;
esac
cfg="$app_dir/Tandem.cfg"
sep=:
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) sep=';' ;; esac
class_path=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s|\$APPDIR|$app_dir|g" | paste -sd "$sep" -)
[[ -n $class_path ]] || { echo "packaging: no app.classpath in $cfg" >&2; exit 1; }
started=$(date +%s)
if "$app_java" "$native_access" "$min_heap" "$locale_providers" -XX:AOTCacheOutput="$app_dir/tandem.aot" -cp "$class_path" \
    dev.tandem.app.Launcher --aot-training >"$target/aot-training.log" 2>&1 && [[ -s $app_dir/tandem.aot ]]; then
  echo "packaging: AOT cache $(du -h "$app_dir/tandem.aot" | cut -f1) in $(( $(date +%s) - started )) s" \
    "(training log: $target/aot-training.log)"
else
  tail -20 "$target/aot-training.log" >&2
  echo "packaging: the AOT cache's training run failed ($target/aot-training.log)" >&2
  exit 1
fi

case "$(uname -s)" in
  Darwin)
    # A URL scheme needs CFBundleURLTypes in Info.plist, which jpackage has no option for.
    plist="$out/Tandem.app/Contents/Info.plist"
    /usr/libexec/PlistBuddy -c "Add :CFBundleURLTypes array" \
      -c "Add :CFBundleURLTypes:0 dict" \
      -c "Add :CFBundleURLTypes:0:CFBundleURLName string dev.tandem.room-link" \
      -c "Add :CFBundleURLTypes:0:CFBundleURLSchemes array" \
      -c "Add :CFBundleURLTypes:0:CFBundleURLSchemes:0 string tandem" "$plist"
    # Editing Info.plist invalidates jpackage's ad-hoc signature: sign again (ad hoc) and verify.
    codesign --force --deep --sign - "$out/Tandem.app"
    codesign --verify --deep --strict "$out/Tandem.app"
    "$java_home/bin/jpackage" --type dmg --app-image "$out/Tandem.app" --name Tandem \
      --app-version "$version" --mac-package-identifier dev.tandem.app --dest "$out"
    ls -la "$out"
    exit 0
    ;;
  MINGW*|MSYS*|CYGWIN*)
    "$java_home/bin/jpackage" --type msi "${common[@]}" --app-image "$out/Tandem" --win-menu --win-menu-group Tandem \
      --win-shortcut --win-dir-chooser --win-per-user-install \
      --win-upgrade-uuid 1d49c2b4-e3ee-4034-b493-7d0a00987887
    ls -la "$out"
    exit 0
    ;;
esac

linux=(
  --linux-package-name tandem
  --linux-app-category editors
  --linux-menu-group "Office;WordProcessor"
  --linux-shortcut
  --resource-dir "$here/src/main/packaging/linux"
  --install-dir /opt
)
# JavaFX's native needs, which jpackage's automatic Depends misses (STACK.md).
deb_deps="libgtk-3-0, libgl1, libpango-1.0-0, libfreetype6, libfontconfig1, libxxf86vm1"
rpm_deps="gtk3, mesa-libGL, pango, freetype, fontconfig, libXxf86vm, xdg-utils"

if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
  "$java_home/bin/jpackage" --type deb "${common[@]}" --app-image "$out/Tandem" "${linux[@]}" \
    --linux-deb-maintainer "tandem@localhost" --linux-package-deps "$deb_deps"
else
  echo "packaging: dpkg-deb/fakeroot missing; skipping .deb" >&2
fi
if command -v rpmbuild >/dev/null; then
  "$java_home/bin/jpackage" --type rpm "${common[@]}" --app-image "$out/Tandem" "${linux[@]}" --linux-package-deps "$rpm_deps"
else
  echo "packaging: rpmbuild missing (apt-get install rpm); skipping .rpm" >&2
fi
ls -la "$out"
