"""The whole bot in a terminal: ``debrief console``."""

from adapters.console.app import ConsoleApp, ConsoleGateway, render_text

__all__ = ["ConsoleApp", "ConsoleGateway", "render_text"]
