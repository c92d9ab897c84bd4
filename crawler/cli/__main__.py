"""``python -m crawler.cli``: the same as the ``govwatch`` command, without its start with
the garbage collector off (``python -m crawler`` is the command itself; the scheduler runs
its children that way)."""

from crawler.cli import main

main()
