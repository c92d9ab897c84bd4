"""Unattended operation: the scheduler (the only user of a running APScheduler), source
health and back-off, and the locks that keep two runs from overlapping."""
