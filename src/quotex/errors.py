"""Exceptions quotex raises on purpose; anything else escaping is a bug."""


class QuotexError(Exception):
    """Base class: a problem quotex can explain to the user in one line."""


class ModelNotFoundError(QuotexError):
    """The spaCy pipeline asked for is not installed or not a pipeline folder."""


class ResourceError(QuotexError):
    """A quotex language resource (lexicon file) is missing or malformed."""


class InputError(QuotexError):
    """One input cannot be read as text; the message names it and says why."""
