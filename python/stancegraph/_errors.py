"""The exceptions and warnings stancegraph raises."""


class StancegraphError(Exception):
    """Every stancegraph error."""


class InputError(StancegraphError, ValueError):
    """The input has problems: every one listed in the message, as the
    command line prints them.

    Attributes: ``path`` (the file of the first problem), ``line`` (its
    line, for text files), ``row`` and ``sheet`` (for workbooks and
    tables), ``problems`` (every message).
    """

    path = None
    line = None
    row = None
    sheet = None
    problems = ()


class UsageError(StancegraphError, ValueError):
    """An option that does not exist or does not fit the others."""


class OutputError(StancegraphError, OSError):
    """A file could not be written; nothing was left half-written."""

    def __init__(self, message, path=None):
        super().__init__(message)
        self.filename = path


class FileNotFound(StancegraphError, FileNotFoundError):
    """The input file does not exist."""


class StancegraphWarning(UserWarning):
    """Something the input or the options changed or left out: rows left
    out, names merged, characters replaced."""
