"""Patterns across a person's interviews (and a community's): the figures, their words, the
commands.
"""
