/* Prints when the screen of an X display changes, for measuring the
   frames of chibo.exe under Wine the same way on both OpenGL paths (the
   laptop's through Wine's opengl32 and GLX, the software one through Mesa's
   opengl32 and GDI): whatever draws, the X server's framebuffer changes.
   It watches the root window with the DAMAGE extension and prints one line
   per change, the wall-clock time in milliseconds, until DURATION_MS has
   passed. Changes less than 2 ms apart are one frame (a frame can reach the
   server as several requests).
   Usage: DISPLAY=:n framemeter DURATION_MS                                */
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int main(int argc, char **argv) {
  Display *d;
  int ev, err;
  long long end, last = 0;
  if (argc != 2) {
    fprintf(stderr, "usage: framemeter DURATION_MS\n");
    return 2;
  }
  d = XOpenDisplay(NULL);
  if (!d || !XDamageQueryExtension(d, &ev, &err)) {
    fprintf(stderr, "framemeter: no display with DAMAGE\n");
    return 1;
  }
  Damage dmg = XDamageCreate(d, DefaultRootWindow(d), XDamageReportNonEmpty);
  XSync(d, False);
  printf("start\t%lld\n", now_ms());
  fflush(stdout);
  end = now_ms() + atoll(argv[1]);
  while (now_ms() < end) {
    while (XPending(d)) {
      XEvent e;
      XNextEvent(d, &e);
      if (e.type == ev + XDamageNotify) {
        long long t = now_ms();
        if (t - last >= 2) {
          printf("frame\t%lld\n", t);
          fflush(stdout);
        }
        last = t;
        XDamageSubtract(d, dmg, None, None);
      }
    }
    struct pollfd p = {ConnectionNumber(d), POLLIN, 0};
    long long left = end - now_ms();
    poll(&p, 1, left > 0 ? (int)left : 0);
  }
  return 0;
}
