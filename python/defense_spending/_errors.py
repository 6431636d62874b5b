"""The exceptions: a file that does not load, a query that cannot answer."""

from typing import Any, Dict, Optional, Tuple

__all__ = ["LoadError", "QueryError"]


class LoadError(ValueError):
    """A file or folder did not load: what was wrong, and where.

    ``str(error)`` is the crate's own message, which names the position first::

        mine.csv: line 2, column `share_of_gdp`: invalid value "2,5": not a decimal number ...

    Loading is all or nothing: when this is raised, no dataset was made.

    Attributes:
        message: The whole message (the same as ``str(error)``).
        file: The file (or folder) the error is in, as given or found in the folder.
        line: The 1-based line of a CSV file, when the error is in a record.
        column: The column's name as the header spells it, when known.
        cell: In a workbook, the sheet and cell as ``"TABLE3!D14"`` (or the sheet alone
            when the error is about a whole sheet).
        byte: The 0-based byte offset where the CSV record begins, when known.
        kind: What was wrong, as a short name: ``"invalid_value"``, ``"unknown_country"``,
            ``"missing_column"``, ``"unknown_column"``, ``"duplicate"``, ``"csv"``,
            ``"io"`` (the file could not be read), ``"unknown_format"``, ``"workbook"``,
            ``"missing_table"``, ``"unknown_name"``, ``"too_large"``, ``"no_data"``, ...
        value: The offending value as found (``"2,5"``), for the kinds that name one.
        reason: The message without its position.
    """

    message: str
    file: Optional[str]
    line: Optional[int]
    column: Optional[str]
    cell: Optional[str]
    byte: Optional[int]
    kind: str
    value: Optional[str]
    reason: str

    def __init__(
        self,
        message: str,
        *,
        file: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[str] = None,
        cell: Optional[str] = None,
        byte: Optional[int] = None,
        kind: str = "other",
        value: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.cell = cell
        self.byte = byte
        self.kind = kind
        self.value = value
        self.reason = message if reason is None else reason

    def __reduce__(self) -> Tuple[Any, Tuple[str, Dict[str, Any]]]:
        # Keeps the position through pickling (multiprocessing, joblib).
        return (_rebuild, (self.message, self.__dict__.copy()))


def _rebuild(message: str, state: Dict[str, Any]) -> LoadError:
    e = LoadError(message)
    e.__dict__.update(state)
    return e


class QueryError(ValueError):
    """A query could not answer, and says why: a year outside the data
    (``kind == "year_not_in_data"``), a country or name the dataset does not have
    (``"unknown_entity"``, with suggestions in the message), figures that do not add up
    (``"not_additive"``), a currency without an exchange rate (``"missing_rate"``), a
    threshold that is not a number (``"invalid_value"``).

    ``str(error)`` is the crate's own message::

        no spending figures for 2030 in this dataset (it covers 2014-2024)

    Attributes:
        message: The whole message (the same as ``str(error)``).
        kind: What was wrong, as a short name (see above).
        value: The value given, for the kinds that name one.
        reason: The message (a query's error has no position).
    """

    message: str
    kind: str
    value: Optional[str]
    reason: str

    def __init__(
        self,
        message: str,
        *,
        kind: str = "other",
        value: Optional[str] = None,
        reason: Optional[str] = None,
        **_position: Any,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.value = value
        self.reason = message if reason is None else reason

    def __reduce__(self) -> Tuple[Any, Tuple[str, Dict[str, Any]]]:
        return (_rebuild_query, (self.message, self.__dict__.copy()))


def _rebuild_query(message: str, state: Dict[str, Any]) -> QueryError:
    e = QueryError(message)
    e.__dict__.update(state)
    return e
