"""Whether a SQLite database's files can be written, asked of the filesystem, not of SQLite.

Why not simply try a write: in WAL mode SQLite keeps its WAL index in the ``-shm`` file and
maps it into memory (``MAP_SHARED``); every transaction writes to that mapping, a read one
too (its read mark). Once the files are made immutable (``chattr +i``; ext4 also refuses
writes to a read-only filesystem the same way) the kernel refuses the first store to a
mapped page that was written back, and it can only say so with SIGBUS: the whole process
dies, nothing logged, an acknowledged request lost (issue 12, item 9). Seen here with gdb:
``sqlite3WalBeginReadTransaction`` faulting at offset 104 of the 32 KiB ``-shm`` mapping
(a read mark, well inside the file: sizing the file beforehand would not help). Writes that
go through ``write()`` (the WAL, the database) fail cleanly with an error instead.

So before SQLite touches the files, :meth:`SqliteFiles.refusal` asks the filesystem: the
immutable and append-only attributes of the database, its ``-wal`` and ``-shm``
(``FS_IOC_GETFLAGS`` on descriptors kept open), and whether the filesystem is mounted
read-only: four system calls, about 10 us, no SQLite. When it answers with a reason, do not
begin a transaction: fail it with that reason. (A flag set in the microseconds between the
check and the transaction's first store can still fault; and a transaction already under
way when the flag is set fails cleanly: its WAL write comes before its index update.)
"""

from __future__ import annotations

import errno
import fcntl
import os
import struct
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.direct import direct_for

__all__ = ["FilesRefuseWrites", "SqliteFiles", "database_path", "guard_engine"]

#: ``FS_IOC_GETFLAGS`` from ``linux/fs.h`` (``_IOR('f', 1, long)``), and its flags.
FS_IOC_GETFLAGS = 0x80086601
FS_IMMUTABLE_FL = 0x00000010
FS_APPEND_FL = 0x00000020
_FLAGS = struct.Struct("l")
#: Errors meaning "this filesystem keeps no such attributes": nothing to refuse.
_UNSUPPORTED = {errno.ENOTTY, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOSYS}
#: How often the kept descriptors are checked against the paths (a -wal or -shm deleted
#: when the last connection closed is created anew by the next one).
REVALIDATE_SECONDS = 1.0


class FilesRefuseWrites(OperationalError):
    """The database's files cannot be written: nothing was asked of SQLite."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the database refuses writes: {reason}", None,
                         OSError(reason), connection_invalidated=False)
        #: What the filesystem said ("debrief.db is immutable (chattr +i)").
        self.reason = reason


def guard_engine(engine: AsyncEngine, files: SqliteFiles) -> None:
    """Ask ``files`` before every new connection and every transaction of ``engine``; when
    they refuse, fail with :class:`FilesRefuseWrites` before SQLite runs a statement (its
    ``PRAGMA journal_mode`` on connect and its ``BEGIN`` both touch the ``-shm`` mapping)."""

    def check() -> None:
        reason = files.refusal()
        if reason is not None:
            raise FilesRefuseWrites(reason)

    def on_connect(dbapi_connection: Any, record: Any) -> None:
        check()

    def on_begin(connection: Connection) -> None:
        check()

    # insert=True: before storage.engine's own listeners, which run the first statements.
    event.listen(engine.sync_engine, "connect", on_connect, insert=True)
    event.listen(engine.sync_engine, "begin", on_begin, insert=True)
    direct = direct_for(engine)
    if direct is not None:  # its units of work bypass those events (storage.direct)
        direct.guard = check


def database_path(url: str) -> str | None:
    """The file of a SQLite database URL (None: another database, or one in memory)."""
    parsed = make_url(url)
    database = parsed.database or ""
    if (parsed.get_backend_name() != "sqlite" or database in ("", ":memory:")
            or "mode=memory" in database):
        return None
    if database.startswith("file:"):
        database = database[len("file:"):].partition("?")[0]
    return os.path.abspath(os.path.expanduser(database))


class SqliteFiles:
    """The files of one SQLite database (a path), asked whether they can be written."""

    def __init__(self, database: str) -> None:
        self.paths = tuple(database + suffix for suffix in ("", "-wal", "-shm"))
        self._fds: dict[str, tuple[int, int]] = {}  # path -> (descriptor, inode)
        self._checked_at = float("-inf")

    def refusal(self) -> str | None:
        """Why the database cannot be written now, or None."""
        if time.monotonic() - self._checked_at >= REVALIDATE_SECONDS:
            self._revalidate()
        for path, (fd, _) in self._fds.items():
            try:
                flags = _FLAGS.unpack(fcntl.ioctl(fd, FS_IOC_GETFLAGS, _FLAGS.pack(0)))[0]
            except OSError as exc:
                if exc.errno in _UNSUPPORTED:
                    continue
                raise
            name = os.path.basename(path)
            if flags & FS_IMMUTABLE_FL:
                return f"{name} is immutable (chattr +i)"
            if flags & FS_APPEND_FL:
                return f"{name} is append-only (chattr +a)"
        if self._fds:
            fd, _ = next(iter(self._fds.values()))
            if os.fstatvfs(fd).f_flag & os.ST_RDONLY:
                return "its filesystem is mounted read-only"
        return None

    def close(self) -> None:
        for fd, _ in self._fds.values():
            os.close(fd)
        self._fds.clear()
        self._checked_at = float("-inf")

    def _revalidate(self) -> None:
        self._checked_at = time.monotonic()
        for path in self.paths:
            try:
                inode = os.stat(path).st_ino
            except OSError:
                inode = None  # absent (no WAL yet): SQLite creates it when it needs it
            kept = self._fds.get(path)
            if kept is not None and kept[1] == inode:
                continue
            if kept is not None:
                os.close(self._fds.pop(path)[0])
            if inode is None:
                continue
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
            except OSError:
                continue  # unreadable: SQLite will say so itself
            self._fds[path] = (fd, os.fstat(fd).st_ino)
