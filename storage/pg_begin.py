"""``BEGIN`` in the same round trip as the transaction's first statement (PostgreSQL).

asyncpg starts a transaction with a round trip of its own (``BEGIN``, then wait for the
server's answer) before the first statement's. On this 2-core machine every round trip
wakes a server backend and the bot's loop once more, and the server shares the cores:
issue 14's profile put a third of the loop's time in ``socket.send`` at ~4.9 round trips
per dialogue turn, and a turn that writes had one of them spent on ``BEGIN`` alone.

The extended query protocol lets a client send several messages before the ``Sync`` that
ends them. So ahead of the first statement's own Bind/Execute/Sync we put the unnamed
statement's ``Parse("BEGIN ...")``, ``Bind`` and ``Execute``, in the same socket write. The
server runs them in order: the transaction has begun when the statement runs, and the one
``ReadyForQuery`` that ends the trip reports it open. What asyncpg reads back before its
statement's answer (``ParseComplete``, ``BindComplete``, ``CommandComplete BEGIN``) are
messages its bind-execute state already accepts and sets aside (they also come when it
re-parses a statement); the statement's own ``CommandComplete`` comes last and is the one
it keeps. The asyncpg transaction object is marked started, as its own ``start()`` leaves
it, so COMMIT, ROLLBACK and the pool's reset go exactly as before.

It is done only when it cannot confuse the protocol: the connection is idle (no query being
cancelled, no transaction open) and the statement is a named prepared one (the unnamed one
is BEGIN's). If asyncpg then fails on its side before or while sending the statement (an
argument it cannot encode), the written BEGIN has no ``Sync`` after it: the connection is
closed rather than reused, and the pool replaces it (:mod:`storage.pool`). A statement the
server refuses ends with ``Sync`` as always, leaving a failed transaction that the unit of
work's ROLLBACK ends, as when BEGIN had its own trip.

These are private names of asyncpg (0.32) and SQLAlchemy's asyncpg adapter; :data:`SUPPORTED`
checks they are there, else every transaction begins with its own round trip as before.
"""

from __future__ import annotations

import struct
from typing import Any

import asyncpg
from asyncpg.transaction import Transaction, TransactionState

__all__ = ["SUPPORTED", "begin_with_next_statement", "discard_after_client_error"]

# The asyncpg releases whose protocol handling this was tested against (pyproject pins the
# same range): a later one begins the ordinary way until it is tested too.
_TESTED = ((0, 29), (0, 32))


def _version(text: str) -> tuple[int, int]:
    try:
        major, minor = text.split(".")[:2]
        return int(major), int(minor)
    except ValueError:
        return (0, 0)


SUPPORTED = (_TESTED[0] <= _version(asyncpg.__version__) <= _TESTED[1]
             and hasattr(asyncpg.Connection, "_top_xact")
             and "_state" in getattr(Transaction, "__slots__", ())
             and hasattr(TransactionState, "STARTED"))

#: asyncpg's ``Transaction.start()`` text for (isolation, read only, deferrable).
_ISOLATION = {None: "", "read_committed": " ISOLATION LEVEL READ COMMITTED",
              "read_uncommitted": " ISOLATION LEVEL READ UNCOMMITTED",
              "repeatable_read": " ISOLATION LEVEL REPEATABLE READ",
              "serializable": " ISOLATION LEVEL SERIALIZABLE"}

_messages: dict[tuple[str | None, bool, bool], bytes] = {}


def _message(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("!i", len(body) + 4) + body


def _begin_messages(isolation: str | None, readonly: bool, deferrable: bool) -> bytes:
    key = (isolation, readonly, deferrable)
    found = _messages.get(key)
    if found is None:
        query = ("BEGIN" + _ISOLATION[isolation] + (" READ ONLY" if readonly else "")
                 + (" DEFERRABLE" if deferrable else ""))
        found = _messages[key] = (
            _message(b"P", b"\0" + query.encode() + b"\0" + struct.pack("!h", 0))
            + _message(b"B", b"\0\0" + struct.pack("!hhh", 0, 0, 0))
            + _message(b"E", b"\0" + struct.pack("!i", 0)))
    return found


def begin_with_next_statement(adapter: Any, prepared: Any) -> bool:
    """Write ``BEGIN`` for the adapter's connection to run just before ``prepared``'s next
    execution, and mark the transaction started (the adapter's, as ``_start_transaction``
    leaves it). False, with nothing written: begin the ordinary way."""
    connection = adapter._connection
    isolation = adapter.isolation_level
    if (not SUPPORTED or isolation not in _ISOLATION or connection.is_closed()
            or connection._top_xact is not None or connection.is_in_transaction()
            or connection._protocol._is_cancelling() or not prepared._state.name):
        return False
    transaction = connection.transaction(isolation=isolation, readonly=adapter.readonly,
                                         deferrable=adapter.deferrable)
    if not _write_before_next(connection._transport, _begin_messages(
            isolation, bool(adapter.readonly), bool(adapter.deferrable))):
        return False
    transaction._state = TransactionState.STARTED
    connection._top_xact = transaction
    adapter._transaction = transaction
    return True


def _write_before_next(transport: Any, prefix: bytes) -> bool:
    """Send ``prefix`` in the transport's next write, in front of what is written (one
    ``send`` for both: a write of its own would wake the server once more). False when
    this transport's ``write`` cannot be wrapped."""
    def write(data: Any) -> None:
        del transport.write  # the class's own again
        transport.write(prefix + bytes(data))

    try:
        transport.write = write
    except AttributeError:
        return False
    return True


def discard_after_client_error(adapter: Any, error: BaseException) -> None:
    """After a folded BEGIN, an error raised by asyncpg itself (not the server's answer)
    may have left BEGIN unsent or without its ``Sync``: close the connection so it is not
    reused."""
    transport = adapter._connection._transport
    if "write" in vars(transport):
        del transport.write
    if not isinstance(error, asyncpg.PostgresError):
        adapter._connection.terminate()
