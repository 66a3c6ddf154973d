#!/usr/bin/env bash
# Builds the macOS installer on a Mac: installer/out/QRBeam-<ver>-macos-<arch>.dmg (arch of the JDK: arm64 or
# x64; run it on each kind of Mac, as the release workflow does on macos-14 and macos-13).
#   bash installer/build-macos.sh
# Optional signing: MACOS_SIGN_IDENTITY="Developer ID Application: ..." signs with the hardened runtime and
# installer/macos/runtime.entitlements (+ camera.entitlements when present). Unsigned builds open with
# right-click > Open the first time.
source "$(dirname "$0")/lib/common.sh"

[ "$(uname -s)" = Darwin ] || die "build-macos.sh runs on macOS only (jpackage builds for the OS it runs on)"
find_jdk_tools
VERSION="$(app_version)"
# jpackage requires the bundle version's first number to be >= 1; users see CFBundleShortVersionString.
IFS=. read -r v_major v_minor v_patch <<<"$VERSION"
BUNDLE_VERSION="$((v_major + 1)).${v_minor:-0}.${v_patch:-0}"
case "$(uname -m)" in arm64) ARCH=arm64 ;; *) ARCH=x64 ;; esac
BUILD="$INSTALLER_DIR/build/macos"
OUT="$INSTALLER_DIR/out"
mkdir -p "$BUILD" "$OUT"

maven_package
stage_inputs "$BUILD"
jlink_runtime "$BUILD"
copy_fx_natives "$BUILD" dylib
java_option_args

RES="$BUILD/resources"
rm -rf "$RES" && mkdir -p "$RES"
sed -e "s/@VERSION@/$VERSION/" -e "s/@BUNDLE_VERSION@/$BUNDLE_VERSION/" "$INSTALLER_DIR/macos/Info.plist.in" > "$RES/Info.plist"
plutil -lint "$RES/Info.plist" >/dev/null
cp "$REPO_DIR/icons/qrbeam.icns" "$RES/$APP_NAME.icns"
cp "$REPO_DIR/icons/qrbeam.icns" "$RES/$APP_NAME-volume.icns"

sign_args=()
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  cp "$INSTALLER_DIR/macos/runtime.entitlements" "$BUILD/qrbeam.entitlements"
  if [ -f "$INSTALLER_DIR/macos/camera.entitlements" ]; then
    /usr/libexec/PlistBuddy -c "Merge $INSTALLER_DIR/macos/camera.entitlements" "$BUILD/qrbeam.entitlements"
  fi
  sign_args=(--mac-sign --mac-signing-key-user-name "$MACOS_SIGN_IDENTITY" --mac-entitlements "$BUILD/qrbeam.entitlements")
fi

log "jpackage app-image $APP_NAME $VERSION ($ARCH)"
rm -rf "$BUILD/image"
"$JDK_BIN/jpackage" --type app-image --dest "$BUILD/image" \
  --name "$APP_NAME" --app-version "$BUNDLE_VERSION" --vendor "$VENDOR" --description "$DESCRIPTION" \
  --copyright "$COPYRIGHT" --icon "$RES/$APP_NAME.icns" --resource-dir "$RES" \
  --input "$BUILD/input" --main-jar "$MAIN_JAR" --main-class "$MAIN_CLASS" \
  --runtime-image "$BUILD/runtime" ${JAVA_OPTION_ARGS[@]+"${JAVA_OPTION_ARGS[@]}"} \
  --mac-package-identifier dev.qrbeam.app --mac-package-name "$APP_NAME" ${sign_args[@]+"${sign_args[@]}"}
# jpackage writes its own Info.plist when the resource is not picked up: make sure ours is in the bundle.
plist="$BUILD/image/$APP_NAME.app/Contents/Info.plist"
grep -q NSCameraUsageDescription "$plist" || die "Info.plist in the app lacks NSCameraUsageDescription"
grep -q NSServices "$plist" || die "Info.plist in the app lacks NSServices (Finder's Send with QRBeam)"

log "jpackage dmg"
rm -f "$OUT/$APP_NAME-$BUNDLE_VERSION.dmg"
"$JDK_BIN/jpackage" --type dmg --dest "$OUT" --app-image "$BUILD/image/$APP_NAME.app" \
  --name "$APP_NAME" --app-version "$BUNDLE_VERSION" --vendor "$VENDOR" --description "$DESCRIPTION" \
  --copyright "$COPYRIGHT" --icon "$RES/$APP_NAME.icns" --resource-dir "$RES" ${sign_args[@]+"${sign_args[@]}"}
mv -f "$OUT/$APP_NAME-$BUNDLE_VERSION.dmg" "$OUT/$APP_NAME-$VERSION-macos-$ARCH.dmg"
ls -l "$OUT"
