/* For the tests under Wine only; never shipped in the installer or anywhere else.
 *
 * Rust's standard library on Windows asks bcryptprimitives.dll for ProcessPrng (its source of
 * random bytes, e.g. for HashMap keys). Windows 10 and 11 have it; Debian 12's Wine 8 does not,
 * so every Rust program stops at start there. This stand-in answers ProcessPrng from
 * SystemFunction036 (RtlGenRandom) of advapi32, which Wine has. scripts/wine-lib.sh builds it with
 * MinGW and copies it into the throwaway Wine prefix's system32 (`wine_prefix_ready`). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Windows documents ProcessPrng as always returning TRUE; this one says FALSE if RtlGenRandom
 * failed, which Rust's std then reports. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
