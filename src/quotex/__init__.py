"""quotex: find every direct quote in news text and say who said it.

Library use::

    import quotex
    for quote in quotex.extract(text):
        print(quote.speaker, quote.text)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quotex.errors import InputError, ModelNotFoundError, QuotexError, ResourceError
from quotex.quote import FIELDS, Quote, TextSpan

__version__ = "0.1.0"

__all__ = [
    "FIELDS",
    "InputError",
    "ModelNotFoundError",
    "Quote",
    "QuotexError",
    "ResourceError",
    "TextSpan",
    "__version__",
    "explain",
    "extract",
    "extract_many",
]

if TYPE_CHECKING:
    from quotex.pipeline import explain, extract, extract_many


def __getattr__(name: str) -> Any:
    # spaCy takes a second to import: load it only when extraction is asked for,
    # so `import quotex` (and `quotex --help`) stays fast.
    if name in ("explain", "extract", "extract_many"):
        from quotex import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'quotex' has no attribute {name!r}")
