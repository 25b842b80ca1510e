"""Reminders: when they are due (policy), how they go out (dispatcher), their words and commands."""
