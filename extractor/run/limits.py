"""Time limits per document: one pathological page must not hold a run (or a worker) forever.

`deadline(seconds)` raises `TimeLimitExceeded` in the code it wraps once `seconds` have passed.
In a process's main thread (one-process runs and `--jobs` workers) a real-time interval timer
(SIGALRM) interrupts the work; elsewhere (Dask runs tasks in worker threads) a timer thread
raises the exception asynchronously in the working thread. Either way Python raises it at the
next bytecode boundary: a long call into compiled code (one lxml parse, one spaCy batch) ends
first, so a limit is kept to within the longest such call.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from extractor.errors import TimeLimitExceeded


@contextmanager
def deadline(seconds: float | None, what: str = "the document") -> Iterator[None]:
    """Raise TimeLimitExceeded inside the block after `seconds` (None or 0: no limit)."""
    if not seconds or seconds <= 0:
        yield
        return
    message = f"{what} took longer than the limit of {seconds:g} s (--max-seconds)"
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM"):
        with _alarm(seconds, message):
            yield
    else:
        with _async_raise(seconds, message):
            yield


@contextmanager
def _alarm(seconds: float, message: str) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _async_raise(seconds: float, message: str) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"inside": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["inside"]:
                state["fired"] = True
                _set_async_exc(target, _AsyncTimeout)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except _AsyncTimeout as exc:
        raise TimeLimitExceeded(message) from exc
    finally:
        with lock:
            state["inside"] = False
            if state["fired"]:
                _set_async_exc(target, None)  # withdraw it if not yet raised
        timer.cancel()


class _AsyncTimeout(TimeLimitExceeded):
    """Raised in a worker thread by the timer; `deadline` gives it its message."""

    def __init__(self) -> None:
        super().__init__("the document took longer than the limit (--max-seconds)")


def _set_async_exc(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )
