"""Thin adapters: console, Slack, Discord, and the ``debrief`` CLI (the composition root)."""
