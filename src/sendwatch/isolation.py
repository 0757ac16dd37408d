"""Reading each document in a worker process, with a time limit as the last resort.

Readers are linear in the size of a text, but a file can still be built to make a
library slow (a PDF's content streams, a page of pathological markup) or to crash it
(pdfium is native code). So each file is read in a separate process: the batch process
only stores. When a file takes longer than the time limit, or the worker dies, the worker
is killed and replaced and that file alone fails, with a reason that says so.

The worker is forked (Linux and other systems with ``fork``), so it starts at once with
everything the parent has imported. Where ``fork`` is missing, files are read in the
process itself and there is no time limit. A worker dies with its parent (Linux's
parent-death signal), so a killed batch leaves no reader behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

from sendwatch.sources import SourceError

#: Tell a job's failure from its answer on the pipe.
_OK, _REFUSED, _BUG = "ok", "refused", "bug"

#: What a forked worker runs: a function of the job's arguments.
Job = Callable[..., Any]


def can_isolate() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "win32"


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no orphan readers)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def run_job(job: Job, args: tuple[Any, ...]) -> tuple[str, Any]:
    """Run one job, turning its failure into a message: a SourceError is the file's own
    fault (refused); anything else is a reader's bug."""
    try:
        return _OK, job(*args)
    except SourceError as e:
        return _REFUSED, (e.reason, e.hint)
    except RecursionError:
        return _BUG, "RecursionError: the document is nested too deeply to read"
    except MemoryError:
        return _BUG, "MemoryError: the document needs more memory than there is"
    except Exception as e:
        return _BUG, f"{type(e).__name__}: {e}"


def _serve(job: Job, conn: Connection, parent_end: Connection) -> None:
    parent_end.close()
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        if args is None:
            return
        try:
            conn.send(run_job(job, args))
        except (BrokenPipeError, OSError):
            return
        except Exception as e:  # an answer that cannot be pickled
            conn.send((_BUG, f"{type(e).__name__} while returning the result: {e}"))


class Worker:
    """A process that runs ``job`` on each set of arguments it is given, one at a time.

    :meth:`run` returns the job's answer, or raises :class:`SourceError` naming ``label``
    when the job refused the file, failed, ran out of time or killed its process.
    Use it as a context manager, so the process ends with the batch.
    """

    def __init__(self, job: Job, time_limit: float | None):
        self.job = job
        self.time_limit = time_limit
        self.isolated = can_isolate()
        self._process: Any = None
        self._conn: Connection | None = None

    def __enter__(self) -> Worker:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _start(self) -> Connection:
        context = multiprocessing.get_context("fork")
        parent_end, child_end = context.Pipe()
        process = context.Process(
            target=_serve, args=(self.job, child_end, parent_end), daemon=True
        )
        process.start()
        child_end.close()
        self._process, self._conn = process, parent_end
        return parent_end

    def _stop(self, kill: bool) -> int | None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is None:
            return None
        if conn is not None:
            if not kill:
                with contextlib.suppress(OSError):
                    conn.send(None)
            conn.close()
        if kill and process.is_alive():
            process.kill()
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        code = process.exitcode
        process.close()
        return code

    def close(self) -> None:
        self._stop(kill=False)

    def run(self, label: str, *args: Any) -> Any:
        if not self.isolated:
            status, answer = run_job(self.job, args)
            return _answer(label, status, answer)
        conn = self._conn or self._start()
        try:
            conn.send(args)
            ready = conn.poll(self.time_limit)
        except (BrokenPipeError, OSError):
            ready = True
        if not ready:
            self._stop(kill=True)
            raise SourceError(
                label,
                f"took longer than the time limit of {self.time_limit:g} s to read",
                "it may be built to slow readers down; raise --time-limit "
                "(SENDWATCH_TIME_LIMIT) if it is a real report",
            )
        try:
            status, answer = conn.recv()
        except (EOFError, OSError):
            code = self._stop(kill=True)
            why = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            raise SourceError(
                label,
                f"stopped the reader ({why})",
                "the file may be corrupt; please report it if it is a real report",
                internal=True,
            ) from None
        return _answer(label, status, answer)


def _answer(label: str, status: str, answer: Any) -> Any:
    if status == _OK:
        return answer
    if status == _REFUSED:
        reason, hint = answer
        raise SourceError(label, reason, hint)
    raise SourceError(
        label, f"could not be read ({answer})", "please report this as a bug", internal=True
    )


def pid_of(worker: Worker) -> int | None:
    """The worker's process id while it runs (for tests)."""
    return worker._process.pid if worker._process is not None else None
