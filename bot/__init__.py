"""Debrief's platform-neutral core.

Nothing in this package imports an adapter, the storage layer or a platform library
(slack_bolt, discord, sqlalchemy …); ``tests/test_architecture.py`` enforces it.
"""
