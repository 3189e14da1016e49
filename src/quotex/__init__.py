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
    "report",
    "show",
]

if TYPE_CHECKING:
    from quotex.highlight import show
    from quotex.html_report import report
    from quotex.pipeline import explain, extract, extract_many

# Where each lazily loaded name lives: spaCy, Rich and Jinja2 take time to
# import, and `import quotex` (and `quotex --help`) must stay fast.
_LAZY = {
    "explain": "quotex.pipeline",
    "extract": "quotex.pipeline",
    "extract_many": "quotex.pipeline",
    "show": "quotex.highlight",
    "report": "quotex.html_report",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        import importlib

        return getattr(importlib.import_module(module), name)
    raise AttributeError(f"module 'quotex' has no attribute {name!r}")
