"""Scheduled work: thin, re-runnable job functions `run(context, now)` and the scheduler that calls them."""
