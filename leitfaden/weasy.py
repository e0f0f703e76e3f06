"""WeasyPrint, loaded without the compiler runs that cost a fifth of its import.

WeasyPrint opens its C libraries (Pango, HarfBuzz, fontconfig …) through cffi under several
names each, the first ones meant for other platforms. cffi looks up each name with
``ctypes.util.find_library``, which on Linux asks the dynamic linker's cache (ldconfig) and,
for a name the cache does not know, then runs gcc and ld: about 11 ms per name, 22 names,
0.2 s of every brochure build (WeasyPrint issue #1125). While WeasyPrint loads, the lookup
asks only the linker's cache. Nothing is lost: WeasyPrint's own list ends with each library's
exact file name (``libpango-1.0.so.0``), which the dynamic linker finds on its own, also in
a folder named by LD_LIBRARY_PATH.
"""

from __future__ import annotations

import ctypes.util
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def _library_lookup_by_linker_cache() -> Iterator[None]:
    cache_lookup: Callable[[str], str | None] | None = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if cache_lookup is None:  # not Linux: the platform's own lookup runs no compiler
        yield
        return
    full_lookup = ctypes.util.find_library
    ctypes.util.find_library = cache_lookup  # type: ignore[assignment]  # same signature
    try:
        yield
    finally:
        ctypes.util.find_library = full_lookup


with _library_lookup_by_linker_cache():
    import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer
    import weasyprint  # type: ignore[import-untyped]  # WeasyPrint ships no type hints
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

__all__ = ["FontConfiguration", "URLFetcher", "pydyf", "weasyprint"]
