"""The reflection after an interview: its questions, the dialogue state machine, its words and
command handlers.
"""
