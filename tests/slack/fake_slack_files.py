"""File uploads on the fake Slack, the way ``files_upload_v2`` does them (mixed into
``fake_slack.FakeSlack``):

1. ``files.getUploadURLExternal`` (filename, length) returns a ``file_id`` and an
   ``upload_url`` on this server;
2. the client POSTs the raw bytes to that URL (no token: the URL is the credential);
3. ``files.completeUploadExternal`` (``files`` as JSON, ``channel_id``) shares the file.

Only a completed upload counts as shared (:attr:`FileUploads.shared`); a length that does not
match the bytes received, or completing an id never uploaded, fails as Slack would.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

__all__ = ["FileUploads", "SharedFile"]

_ids = itertools.count(1)


@dataclass(frozen=True)
class SharedFile:
    id: str
    filename: str
    data: bytes
    channel: str
    title: str | None = None
    alt_txt: str | None = None


class FileUploads:
    # Provided by FakeSlack.
    port: int

    def _init_files(self) -> None:
        self._pending: dict[str, dict[str, Any]] = {}  # file id -> upload state
        self.shared: list[SharedFile] = []

    def files_in(self, channel: str) -> list[SharedFile]:
        return [f for f in self.shared if f.channel == channel]

    def _m_files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        filename, length = args.get("filename"), str(args.get("length", ""))
        if not filename or not length.isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(_ids):08d}"
        self._pending[file_id] = {"filename": filename, "length": int(length),
                                  "alt_txt": args.get("alt_txt"), "data": None}
        return {"ok": True, "file_id": file_id,
                "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}"}

    async def _upload(self, request: web.Request) -> web.Response:
        pending = self._pending.get(request.match_info["file_id"])
        if pending is None:
            return web.Response(status=404, text="unknown upload")
        data = await request.read()
        if len(data) != pending["length"]:
            return web.Response(status=400, text="length mismatch")
        pending["data"] = data
        return web.Response(text=f"OK - {len(data)}")

    def _m_files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        files = args.get("files")
        items = json.loads(files) if isinstance(files, str) else files or []
        channel = str(args.get("channel_id") or args.get("channels") or "")
        if not items:
            return {"ok": False, "error": "invalid_arguments"}
        done = []
        for item in items:
            pending = self._pending.get(str(item.get("id")))
            if pending is None or pending["data"] is None:
                return {"ok": False, "error": "file_not_found"}
            done.append((str(item["id"]), item.get("title"), pending))
        out = []
        for file_id, title, pending in done:
            del self._pending[file_id]
            if channel:
                self.shared.append(SharedFile(file_id, pending["filename"], pending["data"],
                                              channel, title, pending["alt_txt"]))
            out.append({"id": file_id, "title": title or pending["filename"],
                        "name": pending["filename"], "size": len(pending["data"])})
        return {"ok": True, "files": out}
