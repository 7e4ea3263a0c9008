"""Worker processes that are safe to start from a build (issue #14): what a child does first,
how it dies with its parent, and when ``fork`` is safe. Used by :mod:`pxextract.workers`.

* :func:`start_method` — ``fork`` where it exists (the pipeline built once, shared), else ``spawn``.
* :func:`quiet_threads` — fork only while no other thread can hold a lock: a rich progress
  bar's refresh thread is paused (its ``Live`` lock held: it is between two refreshes, not
  writing to stderr); any other running thread makes the fork unsafe (``spawn`` is used).
* :func:`init_child` — first thing in every worker: close the inherited descriptors of the build
  lock (:func:`pxextract.store.swap.lock_fds`; closing the child's copy leaves the ``flock``
  held by the build process alone, and a killed build's lock is free at once), fresh stdio
  objects (the parent's may have been locked by another thread at the fork), SIGINT ignored
  (Ctrl-C is the parent's to handle), :func:`die_with_parent`.
* :func:`stop` — shut a pool down, or kill its workers when the batch stopped early.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator


def start_method(requested: str | None = None) -> str:
    import multiprocessing

    if requested:
        return requested
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


@contextlib.contextmanager
def quiet_threads() -> Iterator[bool]:
    """True inside the block when this process may fork now: every other thread is either gone
    or a rich refresh thread paused for the block (its ``live._lock`` held here)."""
    me = threading.current_thread()
    others = [t for t in threading.enumerate() if t is not me and t.is_alive()]
    locks = [getattr(getattr(t, "live", None), "_lock", None) for t in others]
    if any(lock is None for lock in locks):
        yield False
        return
    with contextlib.ExitStack() as stack:
        for lock in locks:
            stack.enter_context(lock)
        yield True


def die_with_parent(parent_pid: int) -> None:
    """End this worker as soon as the process that started it is gone, whatever killed it.

    On Linux the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``); everywhere,
    a daemon thread checks twice a second that the parent is still ours (a dead parent's
    children are re-parented at once, even while it is an unreaped zombie).
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent_pid:  # died before the line above
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="pxextract-parent-watch", daemon=True).start()


def init_child(parent_pid: int) -> None:
    """The first thing a worker process does (forked or spawned)."""
    from .store.swap import lock_fds

    for fd in lock_fds():  # a forked child's copies; never flock(LOCK_UN): that would free the parent's lock
        with contextlib.suppress(OSError):
            os.close(fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name, fd in (("stdout", 1), ("stderr", 2)):
        with contextlib.suppress(OSError, ValueError):
            setattr(sys, name, open(fd, "w", encoding="utf-8", errors="backslashreplace", closefd=False))
    die_with_parent(parent_pid)


def stop(executor, finished: bool) -> None:
    """Shut ``executor`` down: wait for its workers after a complete batch; otherwise (an error,
    Ctrl-C, the caller closing the generator) kill them now."""
    if finished:
        executor.shutdown(wait=True)
        return
    for proc in list((getattr(executor, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.kill()
    executor.shutdown(wait=False, cancel_futures=True)
