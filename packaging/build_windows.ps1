# Build ftpgui for Windows: the PyInstaller one-folder bundle, its self-test, then the Inno Setup installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1 [-Dist DIR] [-Work DIR] [-NoInstaller]
#
# Needs a Python with ftpgui and PyInstaller (pip install -e ".[package]") and Inno Setup 6 (ISCC.exe on
# PATH or in its default folder; `choco install innosetup`). $env:PYTHON picks the interpreter.
# Output: DIST\ftpgui\ (ftpgui.exe, ftpgui-cli.exe) and DIST\ftpgui-VERSION-windows-x64-setup.exe.
# Signing: set $env:SIGNTOOL_ARGS (e.g. '/fd SHA256 /tr http://timestamp.example /td SHA256 /a') to sign
# both executables and the installer with signtool.exe; unsigned builds make SmartScreen warn once.
param(
    [string]$Dist = "",
    [string]$Work = "",
    [switch]$NoInstaller
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path "$PSScriptRoot\..").Path
if (-not $Dist) { $Dist = Join-Path $Root "dist" }
if (-not $Work) { $Work = Join-Path $Root "build\pyinstaller" }
$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit status $LASTEXITCODE" }
}

$Version = (& $Python -c "import sys; sys.path.insert(0, sys.argv[1]); import ftpgui; print(ftpgui.__version__)" $Root).Trim()
$started = Get-Date
Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", $Dist, "--workpath", $Work, (Join-Path $Root "packaging\ftpgui.spec"))
Write-Host ("bundle built in {0:N0} s: {1}\ftpgui" -f ((Get-Date) - $started).TotalSeconds, $Dist)

# The GUI executable is windowed (no console): its self-test reports through the exit status only;
# ftpgui-cli.exe shows that the console build starts.
$env:QT_QPA_PLATFORM = "offscreen"
$selftest = Start-Process -FilePath (Join-Path $Dist "ftpgui\ftpgui.exe") -ArgumentList "--self-test" -Wait -PassThru
if ($selftest.ExitCode -ne 0) { throw "ftpgui.exe --self-test failed with exit status $($selftest.ExitCode)" }
Invoke-Checked (Join-Path $Dist "ftpgui\ftpgui-cli.exe") @("--version")
Remove-Item Env:QT_QPA_PLATFORM
Write-Host "self-test passed"

if ($env:SIGNTOOL_ARGS) {
    foreach ($exe in @("ftpgui.exe", "ftpgui-cli.exe")) {
        Invoke-Checked "signtool.exe" (@("sign") + $env:SIGNTOOL_ARGS.Split(" ") + @((Join-Path $Dist "ftpgui\$exe")))
    }
}
if ($NoInstaller) { exit 0 }

$Iscc = (Get-Command "ISCC.exe" -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    foreach ($dir in @("${env:ProgramFiles(x86)}\Inno Setup 6", "$env:ProgramFiles\Inno Setup 6", "$env:LOCALAPPDATA\Programs\Inno Setup 6")) {
        if (Test-Path "$dir\ISCC.exe") { $Iscc = "$dir\ISCC.exe"; break }
    }
}
if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) was not found; install it (choco install innosetup) or pass -NoInstaller" }
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "/DDistDir=$Dist", "/DOutputDir=$Dist",
    "/DIconFile=$(Join-Path $Work 'ftpgui\ftpgui.ico')", (Join-Path $Root "packaging\windows\ftpgui.iss"))
$Setup = Join-Path $Dist "ftpgui-$Version-windows-x64-setup.exe"
if ($env:SIGNTOOL_ARGS) {
    Invoke-Checked "signtool.exe" (@("sign") + $env:SIGNTOOL_ARGS.Split(" ") + @($Setup))
}
Write-Host "installer: $Setup"
