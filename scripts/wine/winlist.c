/* Lists the visible top-level windows and the work area, as Windows sees
   them, for scripts/wine-check.sh: an observer outside chibo.exe that tells
   where its window is, whether it fits the work area, and whether any other
   window (an error dialog, a message box) has appeared. One line each:
     workarea<TAB>left,top,right,bottom
     window<TAB>left,top,right,bottom<TAB>client x,y,width,height<TAB>class<TAB>title
     foreground<TAB>class
   (rectangles in screen pixels; the client area is what the program draws;
   the title in UTF-8; foreground is the window that takes the clicks and
   keys, "-" when none).                                                   */
#include <windows.h>
#include <stdio.h>

static void utf8(const wchar_t *w, char *out, int size) {
  if (!WideCharToMultiByte(CP_UTF8, 0, w, -1, out, size, NULL, NULL))
    out[0] = 0;
}

static BOOL CALLBACK each(HWND h, LPARAM unused) {
  wchar_t title[512], cls[256];
  char t8[1024], c8[512];
  RECT r, c;
  POINT origin = {0, 0};
  (void)unused;
  if (!IsWindowVisible(h))
    return TRUE;
  GetWindowTextW(h, title, 512);
  GetClassNameW(h, cls, 256);
  GetWindowRect(h, &r);
  GetClientRect(h, &c);
  ClientToScreen(h, &origin);
  utf8(title, t8, sizeof t8);
  utf8(cls, c8, sizeof c8);
  printf("window\t%ld,%ld,%ld,%ld\t%ld,%ld,%ld,%ld\t%s\t%s\n", r.left, r.top, r.right, r.bottom,
         origin.x, origin.y, c.right, c.bottom, c8, t8);
  return TRUE;
}

int main(void) {
  RECT work;
  SystemParametersInfoW(SPI_GETWORKAREA, 0, &work, 0);
  printf("workarea\t%ld,%ld,%ld,%ld\n", work.left, work.top, work.right, work.bottom);
  EnumWindows(each, 0);
  {
    HWND f = GetForegroundWindow();
    wchar_t cls[256] = L"-";
    char c8[512];
    if (f)
      GetClassNameW(f, cls, 256);
    utf8(cls, c8, sizeof c8);
    printf("foreground\t%s\n", c8);
  }
  return 0;
}
