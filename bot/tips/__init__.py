"""Interview tips: the library, channel subscriptions, schedules, the posting runtime and its
words.
"""
