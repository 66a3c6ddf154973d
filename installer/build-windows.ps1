# Builds the Windows installer: installer\out\QRBeam-<ver>-windows-x64.msi
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
# Needs: JDK 17+ with jmods (JAVA_HOME or on PATH), Maven, and WiX Toolset 3 (candle.exe, light.exe on PATH;
# jpackage of JDK 17/21 supports WiX 3 only). Optional environment: QRBEAM_SKIP_MAVEN=1, QRBEAM_APP_TARGET,
# QRBEAM_VERSION (see installer/lib/common.sh; this script mirrors it for Windows).
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Add-Type -AssemblyName System.IO.Compression.FileSystem

$InstallerDir = Split-Path -Parent $MyInvocation.MyCommand.Path
$RepoDir = Split-Path -Parent $InstallerDir
$AppName = 'QRBeam'
$MainJar = 'qrbeam-app.jar'
$MainClass = 'dev.qrbeam.app.Launcher'
$Vendor = 'QRBeam'
$Description = 'Send files between computers by showing and scanning a QR code'
$Copyright = 'Copyright (c) 2026 the QRBeam authors'
# Never change: Windows Installer recognises upgrades of QRBeam by this code.
$UpgradeUuid = '01f8d618-effd-46f6-8d1c-f51d487867a4'
$ExtraModules = 'java.net.http,jdk.crypto.ec'

function Log($msg) { Write-Host "[installer] $msg" }
function Invoke-Native {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

# JDK tools
if ($env:JAVA_HOME) { $JdkBin = Join-Path $env:JAVA_HOME 'bin' }
else { $JdkBin = Split-Path -Parent (Get-Command jpackage).Source }
$JavaHome = Split-Path -Parent $JdkBin
foreach ($t in 'jar', 'jdeps', 'jlink', 'jpackage') {
    if (-not (Test-Path (Join-Path $JdkBin "$t.exe"))) { throw "$t.exe not found in $JdkBin (need a full JDK 17+)" }
}
if (-not (Test-Path (Join-Path $JavaHome 'jmods'))) { throw "$JavaHome\jmods missing (jlink needs the JDK's jmods)" }
if (-not (Get-Command candle.exe -ErrorAction SilentlyContinue)) {
    $wixBin = @($env:WIX, ${env:ProgramFiles(x86)}, $env:ProgramFiles) | Where-Object { $_ } |
        ForEach-Object { Get-ChildItem -Path $_ -Filter 'candle.exe' -Recurse -Depth 2 -ErrorAction SilentlyContinue } |
        Where-Object { $_.DirectoryName -match 'WiX Toolset v3' -or $_.DirectoryName -like "$env:WIX*" } |
        Select-Object -First 1
    if (-not $wixBin) { throw 'WiX Toolset 3 not found (candle.exe, light.exe): install it (choco install wixtoolset --version 3.14.1)' }
    $env:PATH = "$($wixBin.DirectoryName);$env:PATH"
}

# Version: QRBEAM_VERSION or the parent pom's, without -SNAPSHOT
if ($env:QRBEAM_VERSION) { $Version = $env:QRBEAM_VERSION }
else {
    [xml]$pom = Get-Content (Join-Path $RepoDir 'pom.xml')
    $Version = ($pom.project.version -split '-')[0]
}

$Build = Join-Path $InstallerDir 'build\windows'
$Out = Join-Path $InstallerDir 'out'
New-Item -ItemType Directory -Force -Path $Build, $Out | Out-Null

# 1. Maven
if ($env:QRBEAM_SKIP_MAVEN -ne '1') {
    Log 'mvn -B -q -pl app -am package -DskipTests'
    Push-Location $RepoDir
    try { Invoke-Native 'mvn' @('-B', '-q', '-pl', 'app', '-am', 'package', '-DskipTests') } finally { Pop-Location }
}

# 2. Stage: app + class path jars in input\, JavaFX modular (platform) jars in fxmods\
$Target = if ($env:QRBEAM_APP_TARGET) { $env:QRBEAM_APP_TARGET } else { Join-Path $RepoDir 'app\target' }
if (-not (Test-Path (Join-Path $Target $MainJar))) { throw "$Target\$MainJar missing: did the app module build?" }
$InputDir = Join-Path $Build 'input'
$FxMods = Join-Path $Build 'fxmods'
Remove-Item -Recurse -Force $InputDir, $FxMods -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force -Path $InputDir, $FxMods | Out-Null
Copy-Item (Join-Path $Target $MainJar) $InputDir
# The licence and the third-party notices (written by the app module's package phase) ship with the app.
Copy-Item (Join-Path $RepoDir 'LICENSE'), (Join-Path $Target 'THIRD-PARTY.txt') $InputDir
foreach ($jar in Get-ChildItem (Join-Path $Target 'lib\*.jar')) {
    if ($jar.Name -like 'javafx-*') {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($jar.FullName)
        try { $modular = $null -ne ($zip.Entries | Where-Object { $_.FullName -eq 'module-info.class' }) } finally { $zip.Dispose() }
        if ($modular) { Copy-Item $jar.FullName $FxMods }
    } else {
        Copy-Item $jar.FullName $InputDir
    }
}
if (-not (Get-ChildItem (Join-Path $FxMods 'javafx-graphics-*.jar'))) { throw "no JavaFX platform jars in $Target\lib" }

# 3. jlink: the modules jdeps finds, JavaFX as named modules, a CDS archive; then drop the runtime's .exe tools
Log 'jdeps: finding the modules the app needs'
# Three sources (as installer/lib/common.sh): jdeps -R from the app jar, jdeps on the non-modular jars, and
# the non-static `requires` of the modular jars (jdeps alone stops at progressbar -> jline).
$modular = @(); $nonModular = @()
foreach ($jar in Get-ChildItem (Join-Path $InputDir '*.jar')) {
    $zip = [System.IO.Compression.ZipFile]::OpenRead($jar.FullName)
    try { $isModular = $null -ne ($zip.Entries | Where-Object { $_.FullName -match '(^|/)module-info\.class$' }) } finally { $zip.Dispose() }
    if ($isModular) { $modular += $jar.FullName } else { $nonModular += $jar.FullName }
}
# The app jar is a named module: jdeps would resolve its `requires` on the module path, where the class-path jars
# are not, so -R starts from an unpacked copy without module-info.class (as common.sh).
$AppClasses = Join-Path $Build 'app-classes'
if (Test-Path $AppClasses) { Remove-Item -Recurse -Force $AppClasses }
[System.IO.Compression.ZipFile]::ExtractToDirectory((Join-Path $InputDir $MainJar), $AppClasses)
Remove-Item -Force -ErrorAction SilentlyContinue (Join-Path $AppClasses 'module-info.class')
$found = @()
$found += (& (Join-Path $JdkBin 'jdeps.exe') -q -R --multi-release 17 --ignore-missing-deps --print-module-deps `
    --module-path $FxMods --class-path "$InputDir\*" $AppClasses) -split ','
if ($LASTEXITCODE -ne 0) { throw 'jdeps -R failed' }
$found += (& (Join-Path $JdkBin 'jdeps.exe') -q --multi-release 17 --ignore-missing-deps --print-module-deps `
    --module-path $FxMods --class-path ($nonModular -join ';') @nonModular) -split ','
if ($LASTEXITCODE -ne 0) { throw 'jdeps failed' }
foreach ($jar in $modular) {
    foreach ($line in & (Join-Path $JdkBin 'jar.exe') --describe-module --file $jar) {
        $w = $line.Trim() -split '\s+'
        if ($w.Count -lt 2 -or $w[0] -ne 'requires' -or $w[1] -eq 'static') { continue }
        if ($w[1] -eq 'transitive') { if ($w.Count -ge 3) { $found += $w[2] } } else { $found += $w[1] }
    }
}
$mods = ($found | ForEach-Object { $_.Trim() } | Where-Object { $_ -match '^(java|jdk|javafx)\.' } | Sort-Object -Unique) -join ','
if (-not $mods) { throw 'jdeps found no modules' }
$mods = "$mods,javafx.controls,$ExtraModules"
Log "jlink: $mods"
$Runtime = Join-Path $Build 'runtime'
Remove-Item -Recurse -Force $Runtime -ErrorAction SilentlyContinue
Invoke-Native (Join-Path $JdkBin 'jlink.exe') @('--module-path', "$JavaHome\jmods;$FxMods", '--add-modules', $mods,
    '--strip-debug', '--no-header-files', '--no-man-pages', '--generate-cds-archive', '--output', $Runtime)
Get-ChildItem (Join-Path $Runtime 'bin\*.exe') | Remove-Item -Force
# (JavaFX extracts its DLLs to %USERPROFILE%\.openjfx\cache on first start, its standard path for Maven jars.)

# 4. JVM options: installer\java-options.txt, one per line
$javaOptions = @()
foreach ($line in Get-Content (Join-Path $InstallerDir 'java-options.txt')) {
    $l = $line.Trim()
    if ($l -and -not $l.StartsWith('#')) { $javaOptions += @('--java-options', $l) }
}

# 5. jpackage: app image, then the MSI (Start menu entry, desktop shortcut, per-machine install: one admin prompt,
#    so the installer can add the firewall rule)
$Icon = Join-Path $RepoDir 'icons\qrbeam.ico'
$Image = Join-Path $Build 'image'
Remove-Item -Recurse -Force $Image -ErrorAction SilentlyContinue
Log "jpackage app-image $AppName $Version"
Invoke-Native (Join-Path $JdkBin 'jpackage.exe') (@('--type', 'app-image', '--dest', $Image,
    '--name', $AppName, '--app-version', $Version, '--vendor', $Vendor, '--description', $Description,
    '--copyright', $Copyright, '--icon', $Icon,
    '--input', $InputDir, '--main-jar', $MainJar, '--main-class', $MainClass, '--runtime-image', $Runtime) + $javaOptions)

# 5b. WiX: the JDK's own main.wxs plus an inbound firewall rule for QRBeam.exe, added on install and removed on
# uninstall (installer\windows\firewall.wxs.part). The rule needs an elevated (per-machine) install.
$Resources = Join-Path $Build 'resources'
Remove-Item -Recurse -Force $Resources -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force -Path $Resources | Out-Null
$Extracted = Join-Path $Build 'jdk-resources'
Remove-Item -Recurse -Force $Extracted -ErrorAction SilentlyContinue
Invoke-Native (Join-Path $JdkBin 'jimage.exe') @('extract', '--dir', $Extracted,
    '--include', 'regex:.*/jdk/jpackage/internal/resources/main\.wxs', (Join-Path $JavaHome 'lib\modules'))
$mainWxs = Get-ChildItem -Recurse -Filter 'main.wxs' $Extracted | Select-Object -First 1
if (-not $mainWxs) { throw 'main.wxs not found in the JDK (jdk.jpackage module)' }
$wxs = [IO.File]::ReadAllText($mainWxs.FullName)
$part = [IO.File]::ReadAllText((Join-Path $InstallerDir 'windows\firewall.wxs.part'))
$actions = ($part -split '<!-- QRBEAM-FIREWALL-ACTIONS -->')[1] -split '<!-- QRBEAM-FIREWALL-SEQUENCE -->'
if (([regex]::Matches($wxs, '<InstallExecuteSequence>')).Count -ne 1 -or ([regex]::Matches($wxs, '</Product>')).Count -ne 1) {
    throw 'The JDK main.wxs changed shape (one <InstallExecuteSequence> and one </Product> expected): review firewall.wxs.part'
}
$wxs = $wxs.Replace('<InstallExecuteSequence>', "<InstallExecuteSequence>`n$($actions[1])")
$wxs = $wxs.Replace('</Product>', "$($actions[0])`n</Product>")
# 5c. Explorer's "Send with QRBeam" (files and folders): the WiX fragment windows\shell-integration.wxi goes in as
# overrides.wxi (included by jpackage's main.wxs at the top level), and the DefaultFeature gets
# <ComponentGroupRef Id="QRBeamShellIntegration"/>.
$anchor = '<ComponentGroupRef Id="FileAssociations"/>'
if (-not $wxs.Contains($anchor)) { throw "jpackage's main.wxs has no ${anchor} (check the shell integration against this JDK)" }
$wxs = $wxs.Replace($anchor, $anchor + [Environment]::NewLine + '      <ComponentGroupRef Id="QRBeamShellIntegration"/>')
Copy-Item (Join-Path $InstallerDir 'windows\shell-integration.wxi') (Join-Path $Resources 'overrides.wxi')
[IO.File]::WriteAllText((Join-Path $Resources 'main.wxs'), $wxs, [Text.UTF8Encoding]::new($false))

Log 'jpackage msi'
Invoke-Native (Join-Path $JdkBin 'jpackage.exe') @('--type', 'msi', '--dest', $Out, '--app-image', (Join-Path $Image $AppName),
    '--name', $AppName, '--app-version', $Version, '--vendor', $Vendor, '--description', $Description,
    '--copyright', $Copyright, '--icon', $Icon, '--resource-dir', $Resources,
    '--win-menu', '--win-menu-group', $AppName, '--win-shortcut',
    '--win-upgrade-uuid', $UpgradeUuid)
$msi = Join-Path $Out "$AppName-$Version.msi"
Move-Item -Force $msi (Join-Path $Out "$AppName-$Version-windows-x64.msi")
Get-ChildItem $Out
