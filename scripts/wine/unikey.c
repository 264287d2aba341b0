/* Types into the foreground window the way Unikey and EVKey do on
   Windows: every letter through SendInput as a Unicode character
   (KEYEVENTF_UNICODE, which Windows turns into VK_PACKET and WM_CHAR), and,
   in Telex, a tone or hat key as a few BackSpaces followed by the composed
   letters. scripts/wine-check.sh uses it to type Vietnamese into chibo.exe
   under Wine through the same Windows input path, not through an X keymap.
   Arguments are typed in order: a word is its characters, "-N" is N
   BackSpaces. The first argument is the delay between events in ms.
     unikey.exe 40 "Giang" -3 "àng" " Thi" -1 "ị"                          */
#include <windows.h>
#include <stdlib.h>
#include <wchar.h>

static int delay;

static void press(WORD vk, WORD scan, DWORD flags) {
  INPUT in[2] = {0};
  in[0].type = in[1].type = INPUT_KEYBOARD;
  in[0].ki.wVk = in[1].ki.wVk = vk;
  in[0].ki.wScan = in[1].ki.wScan = scan;
  in[0].ki.dwFlags = flags;
  in[1].ki.dwFlags = flags | KEYEVENTF_KEYUP;
  SendInput(2, in, sizeof(INPUT));
  Sleep(delay);
}

int wmain(int argc, wchar_t **argv) {
  if (argc < 2)
    return 2;
  delay = _wtoi(argv[1]);
  for (int i = 2; i < argc; i++) {
    if (argv[i][0] == L'-' && argv[i][1] >= L'0' && argv[i][1] <= L'9') {
      for (int n = _wtoi(argv[i] + 1); n > 0; n--)
        press(VK_BACK, 0, 0);
      continue;
    }
    for (const wchar_t *c = argv[i]; *c; c++)
      press(0, *c, KEYEVENTF_UNICODE);
  }
  return 0;
}
