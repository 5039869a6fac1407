"""The output folder's bookkeeping: staging folders and the lock. Nothing but the
outputs is left in the folder.

- A build stages its files in ``.timeline-staging-<pid>-<random>`` inside the output
  folder. A staging folder whose process is gone (a build killed with SIGKILL, or one
  stopped while it cleaned up) is stale: :func:`clean_stale` removes it before the next
  build stages its own. One without a process id (older versions) is stale after a day.
- Files are moved into place under an exclusive lock (``flock``) on the output folder
  (:func:`folder_lock`), so two builds into one folder never mix their files: the
  folder holds every file of one build or of the other.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

STAGING_PREFIX = ".timeline-staging-"
#: Age (seconds) after which a staging folder without a process id is stale.
STALE_AFTER = 24 * 3600


def staging_prefix() -> str:
    """The name prefix of this process's staging folders."""
    return f"{STAGING_PREFIX}{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0
    return True


def _stale(folder: Path, now: float) -> bool:
    head = folder.name[len(STAGING_PREFIX):].split("-", 1)[0]
    if head.isdigit():
        return int(head) != os.getpid() and not _alive(int(head))
    with contextlib.suppress(OSError):
        return now - folder.stat().st_mtime > STALE_AFTER
    return False


def clean_stale(folder: Path) -> None:
    """Remove the stale staging folders in ``folder`` (best effort, never raises)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() \
                    and not entry.is_symlink() and _stale(entry, now):
                shutil.rmtree(entry, ignore_errors=True)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself (no lock file; a no-op where
    ``fcntl`` is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
