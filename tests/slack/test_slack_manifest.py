"""The app manifest asks Slack for exactly what the adapter listens to."""

from __future__ import annotations

import re
from pathlib import Path

from adapters.slack import EVENTS_PATH
from adapters.slack.commands import COMMAND

MANIFEST = (Path(__file__).parents[2] / "deploy" / "slack" / "manifest.yml").read_text()


def _list_after(key: str) -> list[str]:
    block = re.search(rf"^\s*{key}:\n((?:\s+-\s.*\n|\s+#.*\n)+)", MANIFEST, re.MULTILINE)
    assert block, key
    return re.findall(r"^\s+-\s+([^\s#]+)", block.group(1), re.MULTILINE)


def test_every_request_url_is_the_one_the_adapter_mounts() -> None:
    urls = re.findall(r"(?:url|request_url):\s*(\S+)", MANIFEST)
    assert len(urls) == 3
    assert all(url.endswith(EVENTS_PATH) for url in urls)


def test_the_slash_command_events_and_scopes_match_the_listeners() -> None:
    assert f"command: {COMMAND}\n" in MANIFEST
    assert _list_after("bot_events") == ["app_home_opened", "message.im"]
    assert _list_after("bot") == ["commands", "chat:write", "im:write", "im:history",
                                  "users:read", "files:write", "channels:read"]
    assert re.search(r"interactivity:\n\s+is_enabled: true", MANIFEST)
    assert re.search(r"home_tab_enabled: true", MANIFEST)
