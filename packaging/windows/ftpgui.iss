; Inno Setup script for ftpgui (Inno Setup 6). packaging/build_windows.ps1 runs it after PyInstaller:
;   ISCC.exe /DAppVersion=0.1.0 /DDistDir=..\..\dist /DIconFile=..\..\build\pyinstaller\ftpgui\ftpgui.ico ftpgui.iss
; It installs the one-folder bundle dist\ftpgui\ (ftpgui.exe and ftpgui-cli.exe) per user by default (no
; administrator rights needed) or for all users, with a Start menu entry and an optional desktop icon.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z
#endif
#ifndef DistDir
  #define DistDir "..\..\dist"
#endif
#ifndef OutputDir
  #define OutputDir DistDir
#endif

[Setup]
; AppId identifies the app for upgrades and uninstall: never change it
AppId={{6B2F7A0E-3C1D-4E8B-9F61-2D0C5A7B9E43}
AppName=ftpgui
AppVersion={#AppVersion}
AppVerName=ftpgui {#AppVersion}
AppPublisher=ftpgui contributors
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\ftpgui
DefaultGroupName=ftpgui
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=ftpgui-{#AppVersion}-windows-x64-setup
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\ftpgui.exe
UninstallDisplayName=ftpgui {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese ships with Inno Setup as an unofficial translation in some releases only
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\ftpgui\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\ftpgui"; Filename: "{app}\ftpgui.exe"; Comment: "FTP client that shows how active and passive mode connect"
Name: "{autodesktop}\ftpgui"; Filename: "{app}\ftpgui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ftpgui.exe"; Description: "{cm:LaunchProgram,ftpgui}"; Flags: nowait postinstall skipifsilent
