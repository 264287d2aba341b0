; The Windows installer of Sổ tay Chi bộ, in Vietnamese, for one user: no
; administrator rights, the program in %LOCALAPPDATA%\Programs\SoTayChiBo,
; shortcuts in the Start menu and on the desktop, the guide, and an
; uninstaller. The data folder (%APPDATA%\SoTayChiBo) is the program's
; own business: installing over an older version leaves it as it is (the new
; version copies it before upgrading its tables, store/upgrade_backup.go),
; and uninstalling never deletes it.
;
; Built by scripts/build-installer.sh:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DBUILD=1 -DSRC=dist/windows
;            -DOUT=dist/SoTayChiBo-0.1.0-cai-dat.exe -DICON=icon.ico installer.nsi

; A 64-bit installer for the 64-bit program (Windows 10 and newer): it also
; runs under a 64-bit-only Wine, as in the tests.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!define APP "Sổ tay Chi bộ"
!define KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SoTayChiBo"
!define DATA "$APPDATA\SoTayChiBo"

Name "${APP}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\SoTayChiBo"
InstallDirRegKey HKCU "${KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=1066 "ProductName" "${APP}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${APP}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${APP}"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "Cài đặt ${APP} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Chương trình giúp chi bộ ghi sổ đảng viên, biên bản sinh hoạt và gửi số liệu lên cấp ủy.$\r$\n$\r$\nMáy không cần quyền quản trị: chương trình chỉ cài cho người dùng này.$\r$\n$\r$\nNếu máy đã có phiên bản cũ, dữ liệu của chi bộ được giữ nguyên; lần mở đầu tiên, chương trình tự sao một bản dữ liệu cũ rồi mới nâng cấp.$\r$\n$\r$\n$_CLICK"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\chibo.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APP} ngay"
!define MUI_FINISHPAGE_SHOWREADME "$INSTDIR\Huong-dan.pdf"
!define MUI_FINISHPAGE_SHOWREADME_TEXT "Mở sách hướng dẫn"
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "Chỉ gỡ chương trình. Dữ liệu của chi bộ trong thư mục ${DATA} (sổ đảng viên, biên bản, bản sao lưu) được giữ nguyên; muốn xóa hẳn phải tự xóa thư mục đó."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

; The program must not be running while its files are replaced or removed.
!macro closed un
Function ${un}closed
  retry:
  ClearErrors
  IfFileExists "$INSTDIR\chibo.exe" 0 done
  FileOpen $0 "$INSTDIR\chibo.exe" a
  IfErrors 0 +3
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP} đang mở. Hãy đóng chương trình (dữ liệu đã lưu không mất) rồi bấm «Retry» (Thử lại)." /SD IDCANCEL IDRETRY retry
    Abort "${APP} đang mở: chưa thay được tệp chương trình."
  FileClose $0
  done:
FunctionEnd
!macroend
!insertmacro closed ""
!insertmacro closed "un."

; The program's folder must never be the data folder or inside it: the
; uninstaller removes the program's folder.
Function .onVerifyInstDir
  StrLen $1 "${DATA}"
  StrCpy $0 "$INSTDIR" $1
  StrCmp $0 "${DATA}" 0 +2
    Abort
FunctionEnd

Section "${APP}"
  SetShellVarContext current
  Call closed
  SetOutPath "$INSTDIR"
  File "${SRC}\chibo.exe"
  File "${SRC}\Huong-dan.pdf"
  ; An older version's software OpenGL goes; this version's comes.
  RMDir /r "$INSTDIR\do-hoa-phan-mem"
  SetOutPath "$INSTDIR\do-hoa-phan-mem"
  File "${SRC}\do-hoa-phan-mem\*.dll"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\go-cai-dat.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\chibo.exe"
  CreateShortcut "$SMPROGRAMS\${APP}\Hướng dẫn sử dụng.lnk" "$INSTDIR\Huong-dan.pdf"
  CreateShortcut "$SMPROGRAMS\${APP}\Gỡ cài đặt ${APP}.lnk" "$INSTDIR\go-cai-dat.exe"
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\chibo.exe"

  WriteRegStr HKCU "${KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${KEY}" "DisplayIcon" "$INSTDIR\chibo.exe"
  WriteRegStr HKCU "${KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${KEY}" "UninstallString" '"$INSTDIR\go-cai-dat.exe"'
  WriteRegStr HKCU "${KEY}" "QuietUninstallString" '"$INSTDIR\go-cai-dat.exe" /S'
  WriteRegDWORD HKCU "${KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${KEY}" "NoRepair" 1
SectionEnd

; Removes only what the installer put there, never the data folder.
Section "Uninstall"
  SetShellVarContext current
  Call un.closed
  Delete "$INSTDIR\chibo.exe"
  Delete "$INSTDIR\Huong-dan.pdf"
  RMDir /r "$INSTDIR\do-hoa-phan-mem"
  Delete "$INSTDIR\go-cai-dat.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\Hướng dẫn sử dụng.lnk"
  Delete "$SMPROGRAMS\${APP}\Gỡ cài đặt ${APP}.lnk"
  RMDir "$SMPROGRAMS\${APP}"
  Delete "$DESKTOP\${APP}.lnk"
  DeleteRegKey HKCU "${KEY}"
SectionEnd
