"""A person's records: history, drafts, outcomes, settings, export and forget."""
