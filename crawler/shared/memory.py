"""glibc's malloc, told to give large blocks back (issue #14).

glibc serves a block above its mmap threshold (128 KiB at start) with a memory map of its
own, returned to the OS when freed; but each time such a block is freed it raises the
threshold to that block's size (up to 32 MiB), so after the first large page (2 MB of
HTML decodes to up to 8 MB of text, plus trafilatura's copies) the next pages' buffers
come from the heap, whose free space goes back to the OS only from its top. A crawl then
keeps the high-water mark of its largest pages in the crawl process and in every
extraction worker. :func:`return_large_blocks` fixes both thresholds at glibc's own
starting values, which turns that adjustment off: 430-440 MB instead of 490-500 MB peak
PSS for the crawl and its workers on the bench's 439 pages (bench/README.md).

Called in the crawl process (crawler.runtime.run) and in the workers' forkserver
(crawler.shared.forkserver), whose settings the workers inherit when it forks them.
"""

from __future__ import annotations

import ctypes
import sys

M_TRIM_THRESHOLD = -1  # from glibc's malloc.h
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024  # glibc's starting value: larger blocks get a map of their own
TRIM_THRESHOLD = 256 * 1024  # free space at the heap's top above this goes back at once


def return_large_blocks() -> bool:
    """Fix glibc's mmap and trim thresholds in this process (and in the children it forks
    from now on). True when set; False where the C library is not glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    # mallopt answers 1 on success; musl has none, other libcs may answer 0 (unchanged)
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
