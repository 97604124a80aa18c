; 人大工作台 Windows 安装程序 / the Windows installer (NSIS 3, built on Linux by scripts/windows-build.sh).
;
; Our own script, not Tauri's NSIS bundling: `tauri build --bundles nsis` downloads NSIS, its
; plugins and the WebView2 bootstrapper at build time and fails on an offline build machine;
; Debian's `makensis` builds this one with nothing downloaded.
;
; - per user, no administrator: installs to %LOCALAPPDATA%\Programs\人大工作台 (township office
;   PCs often have no administrator password), registers its uninstaller under HKCU;
; - Start-menu and desktop shortcuts: 人大工作台 (the window) and 人大工作台（浏览器模式）
;   (`renda.exe serve --open`: the same app in the browser, for PCs without WebView2);
; - installing over an older version overwrites the program files only; the data folder
;   %APPDATA%\renda\renda-workbench\data is never touched (the app backs up and migrates it itself
;   when it opens it);
; - the uninstaller removes the program and its shortcuts and KEEPS the data folder, and says
;   where it is (not in silent mode, /S).
;
; makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSRCDIR=<folder with the three files> \
;          -DICON=<.ico> -DOUTFILE=<installer.exe> packaging/windows/installer.nsi

Unicode true
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS Win10
RequestExecutionLevel user
; -DFAST_COMPRESSION: the test builds' installer (debug binaries, some 200 MB), made in seconds
!ifdef FAST_COMPRESSION
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !error "-DVERSION=x.y.z is required"
!endif
!ifndef SRCDIR
  !error "-DSRCDIR=<folder holding renda.exe, 人大工作台.exe, WebView2Loader.dll> is required"
!endif
!ifndef OUTFILE
  !error "-DOUTFILE=<installer.exe> is required"
!endif
!ifndef ICON
  !error "-DICON=<icon.ico> is required"
!endif

!define PRODUCT "人大工作台"
!define PUBLISHER "人大工作台"
!define WINDOW_EXE "人大工作台.exe"
!define CLI_EXE "renda.exe"
!define UNINSTALLER "卸载人大工作台.exe"
!define BROWSER_LINK "人大工作台（浏览器模式）.lnk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\renda-workbench"
; where the app keeps its data (README: %APPDATA%\renda\renda-workbench\data\renda.db)
!define DATA_DIR "$APPDATA\renda\renda-workbench\data"
; the WebView2 runtime's registration (Microsoft's documented check: a "pv" other than 0.0.0.0)
!define WEBVIEW2_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
Caption "${PRODUCT} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
; an upgrade goes where the earlier version was installed
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${WINDOW_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开人大工作台"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; Waits until neither program runs from $INSTDIR: a running .exe cannot be replaced or deleted.
; A program file that is running cannot be opened for writing; in silent mode the answer is Cancel.
!macro WAIT_CLOSED UN
Function ${UN}WaitClosed
  Push $0
  Push $1
  ${Do}
    StrCpy $1 ""
    ${If} ${FileExists} "$INSTDIR\${WINDOW_EXE}"
      ClearErrors
      FileOpen $0 "$INSTDIR\${WINDOW_EXE}" a
      ${If} ${Errors}
        StrCpy $1 "${PRODUCT}"
      ${Else}
        FileClose $0
      ${EndIf}
    ${EndIf}
    ${If} ${FileExists} "$INSTDIR\${CLI_EXE}"
      ClearErrors
      FileOpen $0 "$INSTDIR\${CLI_EXE}" a
      ${If} ${Errors}
        StrCpy $1 "${PRODUCT}（浏览器模式）"
      ${Else}
        FileClose $0
      ${EndIf}
    ${EndIf}
    ${If} $1 == ""
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$1 正在运行。请先关闭它（浏览器模式请关闭它的黑色命令行窗口），再点“重试”。" /SD IDCANCEL IDRETRY retry
    Abort "$1 正在运行，未能继续。"
    retry:
  ${Loop}
  Pop $1
  Pop $0
FunctionEnd
!macroend
!insertmacro WAIT_CLOSED ""
!insertmacro WAIT_CLOSED "un."

Section "${PRODUCT}" SecMain
  SectionIn RO
  SetShellVarContext current
  Call WaitClosed
  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "/oname=${WINDOW_EXE}" "${SRCDIR}\${WINDOW_EXE}"
  File "/oname=${CLI_EXE}" "${SRCDIR}\${CLI_EXE}"
  File "/oname=WebView2Loader.dll" "${SRCDIR}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  ; shortcuts start in the user's Documents, so that files the CLI writes land somewhere sensible
  SetOutPath "$DOCUMENTS"
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\${WINDOW_EXE}" "" "$INSTDIR\${WINDOW_EXE}" 0 \
    SW_SHOWNORMAL "" "代表建议办理、履职管理、联络站台账"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\${BROWSER_LINK}" "$INSTDIR\${CLI_EXE}" "serve --open" "$INSTDIR\${WINDOW_EXE}" 0 \
    SW_SHOWNORMAL "" "在浏览器中打开人大工作台（关闭黑色窗口即退出）"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\卸载人大工作台.lnk" "$INSTDIR\${UNINSTALLER}"
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${WINDOW_EXE}" "" "$INSTDIR\${WINDOW_EXE}" 0 \
    SW_SHOWNORMAL "" "代表建议办理、履职管理、联络站台账"
  CreateShortCut "$DESKTOP\${BROWSER_LINK}" "$INSTDIR\${CLI_EXE}" "serve --open" "$INSTDIR\${WINDOW_EXE}" 0 \
    SW_SHOWNORMAL "" "在浏览器中打开人大工作台（关闭黑色窗口即退出）"
  SetOutPath "$INSTDIR"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${WINDOW_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  Call WarnWithoutWebView2
SectionEnd

; The window needs Microsoft's WebView2 runtime (Windows 11 and up-to-date Windows 10 have it).
; Without it, say so now; the window says the same and offers browser mode when opened.
Function WarnWithoutWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_KEY}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_KEY}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_OK|MB_ICONINFORMATION "本机没有检测到 Microsoft Edge WebView2 运行时，人大工作台的桌面窗口需要它才能打开。$\r$\n$\r$\n现在就可以使用“人大工作台（浏览器模式）”（开始菜单和桌面上都有），功能与数据完全相同；$\r$\n安装 WebView2 运行时后，桌面窗口即可使用。" /SD IDOK
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Call un.WaitClosed
  Delete "$INSTDIR\${WINDOW_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\${UNINSTALLER}"
  ; only our own files: the folder goes when it is empty, anything the user put there stays
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\${BROWSER_LINK}"
  Delete "$SMPROGRAMS\${PRODUCT}\卸载人大工作台.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  Delete "$DESKTOP\${BROWSER_LINK}"

  DeleteRegKey HKCU "${UNINSTALL_KEY}"

  ; the data folder is never removed here
  ${If} ${FileExists} "${DATA_DIR}\*.*"
    MessageBox MB_OK|MB_ICONINFORMATION "人大工作台已卸载。$\r$\n$\r$\n您的数据没有删除，仍保存在：$\r$\n${DATA_DIR}$\r$\n$\r$\n重新安装后会自动使用这些数据。如确定不再需要，可以自己删除这个文件夹（建议先复制到别处留存）。" /SD IDOK
  ${EndIf}
SectionEnd
