"""glibc's malloc, told to give large blocks back (issue #14).

glibc serves a block above its mmap threshold (128 KiB at start) with a memory map of its
own, returned to the OS when freed; but each time such a block is freed it raises the
threshold to that block's size (up to 32 MiB), so after the first large page the next
pages' buffers come from the heap, whose free space goes back to the OS only from its
top: a process keeps the high-water mark of its largest pages. :func:`return_large_blocks`
fixes the mmap and trim thresholds, which turns that adjustment off.

A block given back costs page faults when the next one is mapped (~2 µs a page), so the
thresholds differ by process (bench/README.md, fifth session): the crawl process, where
response bodies (265 KB on average) are the large blocks, uses glibc's starting values
(~20 MB less at the peak, ~0.2 M more faults a crawl); the extraction workers, which
allocate far more, give back only blocks of 2 MiB or more (the largest pages' buffers),
which keeps their faults near glibc's default (128 KiB there: 0.6-0.9 M more faults,
about 5 % more CPU, for ~10 MB less).

Called in the crawl process (crawler.runtime.run) and in the workers' forkserver
(crawler.shared.forkserver), whose settings the workers inherit when it forks them.
"""

from __future__ import annotations

import ctypes
import sys

M_TRIM_THRESHOLD = -1  # from glibc's malloc.h
M_MMAP_THRESHOLD = -3
CRAWL = (128 * 1024, 256 * 1024)  # (mmap, trim) thresholds: glibc's starting values
WORKERS = (2 << 20, 4 << 20)  # only the largest pages' buffers


def return_large_blocks(thresholds: tuple[int, int] = CRAWL) -> bool:
    """Fix glibc's mmap and trim thresholds (bytes) in this process and the children it
    forks from now on: a freed block above the first gets its own map back to the OS, free
    space above the second at the heap's top goes back at once. True when set; False where
    the C library is not glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    # mallopt answers 1 on success; musl has none, other libcs may answer 0 (unchanged)
    mmap_threshold, trim_threshold = thresholds
    return bool(mallopt(M_MMAP_THRESHOLD, mmap_threshold)) and bool(
        mallopt(M_TRIM_THRESHOLD, trim_threshold))
