"""Hot statements: compiled once per set of parameter names into SQL text, bind processors
and a row type, and run straight on a driver's cursor (:mod:`storage.direct` on SQLite,
:mod:`storage.direct_pg` on PostgreSQL), skipping SQLAlchemy's per-execution machinery.
A statement marked :func:`hot` that needs more than this (Python-side defaults, expanding
parameters, several parameter sets) takes SQLAlchemy's ordinary path instead.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar, cast

from sqlalchemy.engine import Dialect
from sqlalchemy.exc import InvalidRequestError, MultipleResultsFound, NoResultFound
from sqlalchemy.sql import Executable
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

__all__ = ["DirectResult", "Plan", "Plans", "hot", "plan_for"]

_HotStatement = TypeVar("_HotStatement", bound=Executable)

#: Hot statements by id (kept alive here, so their ids stay theirs).
_hot: dict[int, Executable] = {}


def hot(statement: _HotStatement) -> _HotStatement:
    """Mark a module-level statement as part of the hot path (see the module's docstring)."""
    _hot[id(statement)] = statement
    return statement


_REQUIRED = object()


class Plan:
    """A hot statement compiled for one set of parameter names."""

    __slots__ = ("converters", "positions", "row", "sql")

    def __init__(self, compiled: SQLCompiler) -> None:
        self.sql = compiled.string
        processors = cast(Mapping[str, Callable[[Any], Any]], compiled._bind_processors)
        by_name = {name: bind for bind, name in compiled.bind_names.items()}
        #: Per ``?``: the parameter's key, its value when not given, its bind processor.
        self.positions: list[tuple[str, Any, Callable[[Any], Any] | None]] = []
        for name in compiled.positiontup or ():
            bind = by_name[name]
            default = _REQUIRED if bind.required else bind.value
            self.positions.append((bind.key, default, processors.get(name)))
        columns = compiled._result_columns
        self.row: type[tuple[Any, ...]] | None = None
        self.converters: list[tuple[int, Callable[[Any], Any]]] = []
        if columns:
            self.row = namedtuple("Row", [c.keyname for c in columns],  # type: ignore[misc]
                                  rename=True)
            dialect = compiled.dialect
            for index, column in enumerate(columns):
                convert = column.type._cached_result_processor(dialect, None)
                if convert is not None:
                    self.converters.append((index, convert))

    def arguments(self, params: Mapping[str, Any] | None) -> list[Any]:
        given = params or {}
        arguments = []
        for key, default, convert in self.positions:
            value = given[key] if key in given else default
            if value is _REQUIRED:
                raise InvalidRequestError(f"A value is required for bind parameter {key!r}")
            arguments.append(value if convert is None else convert(value))
        return arguments


def _plan(compiled: SQLCompiler) -> Plan | None:
    """A plan, or None when the statement needs SQLAlchemy's full execution path."""
    if (compiled.insert_prefetch or compiled.update_prefetch or not compiled.positional
            or compiled.literal_execute_params or compiled.post_compile_params
            or compiled.escaped_bind_names
            or len(set(compiled.positiontup or ())) != len(compiled.positiontup or ())
            or any(bind.callable for bind in compiled.bind_names)):
        return None
    return Plan(compiled)


#: Plans by statement id, then by the parameters' names (None: not runnable directly).
Plans = dict[int, dict[tuple[str, ...], "Plan | None"]]


def plan_for(plans: Plans, dialect: Dialect, statement: Executable,
             params: object) -> Plan | None:
    """``statement``'s plan for these parameters when it is hot and can run directly."""
    key = id(statement)
    if key not in _hot or not (params is None or isinstance(params, dict)):
        return None
    by_keys = plans.get(key)
    if by_keys is None:
        by_keys = plans[key] = {}
    keys = tuple(params) if params else ()
    if keys not in by_keys:
        compiled = cast(ClauseElement, statement).compile(dialect=dialect,
                                                          column_keys=sorted(keys))
        by_keys[keys] = _plan(cast(SQLCompiler, compiled))
    return by_keys[keys]


class DirectResult:
    """What the repositories read of a hot statement's result (a buffered list of rows)."""

    __slots__ = ("_rows", "lastrowid", "rowcount")

    def __init__(self, rows: list[Any], rowcount: int, lastrowid: int | None) -> None:
        self._rows = rows
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return list(self._rows)

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def one(self) -> Any:
        if len(self._rows) != 1:
            if self._rows:
                raise MultipleResultsFound("Multiple rows were found when exactly one was required")
            raise NoResultFound("No row was found when one was required")
        return self._rows[0]

    def scalar_one(self) -> Any:
        return self.one()[0]
