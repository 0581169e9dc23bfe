"""Log lines about writes, written only once the write is committed.

A line such as "opportunity created id=N" inside a transaction that later rolls back (a dry
run, a refused import, a killed worker) would record a write that never happened. Services
call `log_after_commit` instead of `logger.info`: outside a transaction the line is written at
once; inside one, when the outermost transaction commits, and never if it rolls back. The
arguments are formatted from the values they have at the call (ids, counts: never personal
data).
"""

from __future__ import annotations

import logging

from django.db import transaction


def log_after_commit(logger: logging.Logger, message: str, *args: object) -> None:
    """`logger.info(message, *args)` after the current transaction commits."""
    transaction.on_commit(lambda: logger.info(message, *args), robust=True)
