"""``python -m crawler.cli``: the same as the ``govwatch`` command (the scheduler runs its
children this way)."""

from crawler.cli import main

main()
