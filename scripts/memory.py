"""Give memory the build no longer uses back to the operating system, between the steps of a large build.

Python frees the objects of a finished step, but the C allocator keeps most of the freed space for reuse: glibc's
malloc holds freed blocks in its heaps, and Arrow's allocator (mimalloc) holds freed pages. A step that builds
many small objects (a dict per row) then leaves the process tens of megabytes per thousand articles larger than what
it holds, and the next step's peak stands on top of it. release_memory() collects garbage, asks glibc to trim its
heaps (malloc_trim; nothing on a C library without it) and Arrow's pool to release unused pages. It changes no
result, only the resident size (BENCHMARK.md, "Memory of the corpus build").
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
from contextlib import contextmanager


def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows): nothing to trim
        return None


_TRIM = _malloc_trim()


def release_memory(collect: bool = True) -> None:
    """Collect garbage (unless collect is False: what a step freed by reference counting needs no collection),
    then return the allocators' free memory to the system (milliseconds)."""
    if collect:
        gc.collect()
    if _TRIM is not None:
        _TRIM(0)
    try:
        import pyarrow as pa
        pa.default_memory_pool().release_unused()
    except ImportError:
        pass


_frozen = threading.Lock()
_frozen_depth = 0


@contextmanager
def older_objects_frozen():
    """While the block runs, garbage collections skip every object that existed when it began (gc.freeze), and
    those objects are collected as before once it ends (gc.unfreeze); nested blocks freeze once, at the outermost.

    A full collection visits every object the process holds, so its cost grows with the modules imported and with
    whatever the caller holds (a test session's thousands of objects), while the garbage a build step leaves is made
    inside the step. On the five articles the collections of release_memory() took about a sixth of a build run
    alone, and more inside a test session (tests/test_package_validation.py: 112 s before, 73 s after). Objects made
    before the block are not the step's garbage, so skipping them changes no result; the build's peak memory is the
    same (234 MB on the five articles)."""
    global _frozen_depth
    with _frozen:
        if _frozen_depth == 0:
            gc.freeze()
        _frozen_depth += 1
    try:
        yield
    finally:
        with _frozen:
            _frozen_depth -= 1
            if _frozen_depth == 0:
                gc.unfreeze()
