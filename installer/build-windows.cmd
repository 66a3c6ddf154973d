@echo off
rem Double-clickable wrapper: builds installer\out\QRBeam-<ver>-windows-x64.msi (see build-windows.ps1).
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0build-windows.ps1" %*
exit /b %ERRORLEVEL%
