"""Command handlers: small functions from (Context, Command) to replies.

Handlers validate everything first and only then write through ``ctx.uow``; the service
commits once at the end, so a refused command leaves nothing half-stored.
"""
