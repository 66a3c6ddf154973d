#!/usr/bin/env bash
# Builds the Linux installers: installer/out/qrbeam_<ver>_<arch>.deb and (when rpmbuild exists) qrbeam-<ver>.rpm.
#   bash installer/build-linux.sh            # deb + rpm
#   bash installer/build-linux.sh deb        # only the .deb (what installer/test-deb.sh uses)
# Needs: JDK 17+ with jmods, Maven, fakeroot + dpkg-dev (deb), rpm (rpm). See README.md.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/appcds.sh"

types=("$@"); [ ${#types[@]} -gt 0 ] || types=(deb rpm)
find_jdk_tools
VERSION="$(app_version)"
BUILD="$INSTALLER_DIR/build/linux"
RPM_LICENSE="${QRBEAM_LICENSE:-Apache-2.0}"   # LICENSE at the repository root
OUT="$INSTALLER_DIR/out"
mkdir -p "$BUILD" "$OUT"

maven_package
stage_inputs "$BUILD"
jlink_runtime "$BUILD"
copy_fx_natives "$BUILD" so
java_option_args

# Resources jpackage picks up by name: the .desktop entry (Exec ... %F and MimeType so QRBeam is offered
# under "Open with" for any file or folder), the icon, and the .deb's postinst/prerm (menu + MIME cache).
RES="$BUILD/resources"
rm -rf "$RES" && mkdir -p "$RES"
cp "$INSTALLER_DIR/linux/qrbeam.desktop" "$RES/$APP_NAME.desktop"
cp "$REPO_DIR/icons/png/qrbeam-256.png" "$RES/$APP_NAME.png"
cp "$INSTALLER_DIR/linux/postinst" "$INSTALLER_DIR/linux/prerm" "$RES/"
cp "$INSTALLER_DIR/linux/qrbeam-cds.desktop" "$RES/$CDS_LAUNCHER.desktop"   # jpackage writes one per launcher

cds_launcher_props "$BUILD/$CDS_LAUNCHER.properties"

# app_image DEST [cds]: the jpackage app image; with "cds" also the bin/qrbeam-cds launcher and the class list
# (the .deb's postinst turns them into an AppCDS archive; the .rpm uses jpackage's own scriptlets, so it gets
# the plain image).
app_image() {
  local dest="$1" extra=()
  [ "${2:-}" = cds ] && extra=(--add-launcher "$CDS_LAUNCHER=$BUILD/$CDS_LAUNCHER.properties")
  log "jpackage app-image $APP_NAME $VERSION ${2:-}"
  rm -rf "$dest"
  "$JDK_BIN/jpackage" --type app-image --dest "$dest" \
    --name "$APP_NAME" --app-version "$VERSION" --vendor "$VENDOR" --description "$DESCRIPTION" \
    --copyright "$COPYRIGHT" --icon "$RES/$APP_NAME.png" \
    --input "$BUILD/input" --main-jar "$MAIN_JAR" --main-class "$MAIN_CLASS" \
    --runtime-image "$BUILD/runtime" ${JAVA_OPTION_ARGS[@]+"${JAVA_OPTION_ARGS[@]}"} ${extra[@]+"${extra[@]}"}
  [ "${2:-}" = cds ] && train_appcds "$dest/$APP_NAME"
  return 0
}

for type in "${types[@]}"; do
  case "$type" in
    deb) image="$BUILD/image-deb"; app_image "$image" cds ;;
    rpm) command -v rpmbuild >/dev/null || { log "rpmbuild missing: skipping .rpm (apt-get install rpm)"; continue; }
         image="$BUILD/image-rpm"; app_image "$image" ;;
    *) die "unknown package type $type (deb|rpm)" ;;
  esac
  log "jpackage $type"
  "$JDK_BIN/jpackage" --type "$type" --dest "$OUT" --app-image "$image/$APP_NAME" \
    --name "$APP_NAME" --app-version "$VERSION" --vendor "$VENDOR" --description "$DESCRIPTION" \
    --copyright "$COPYRIGHT" --icon "$RES/$APP_NAME.png" --resource-dir "$RES" \
    --license-file "$INSTALLER_DIR/linux/copyright" \
    --linux-package-name qrbeam --linux-shortcut --linux-menu-group "Network;FileTransfer;" \
    --linux-app-category net --linux-deb-maintainer team@qrbeam.dev \
    --linux-rpm-license-type "$RPM_LICENSE"
done
ls -l "$OUT"
