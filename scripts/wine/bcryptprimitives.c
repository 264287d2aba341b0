/* A stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks: Go's
   runtime (1.22 and later) takes its random bytes from ProcessPrng there.
   This one asks advapi32's RtlGenRandom (SystemFunction036), which Wine
   has. Only for running chibo.exe under Wine in the tests
   (scripts/wine-check.sh copies it into the prefix's system32); real
   Windows 10 and 11 have the real DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
    if (!SystemFunction036(data, n))
      return FALSE;
    data += n;
    length -= n;
  }
  return TRUE;
}
