"""Reading and mapping a MARC file in a second process, so that it overlaps
with the database writes of the import on another core.

``in_second_process(produce)`` runs the generator function ``produce`` in a
forked child and yields what it yields, in order, in this process. The child
works up to ``AHEAD`` items ahead of what this process has taken, so that a
slow item on either side does not stall the other, and a large file is never
held in memory. An exception in the child is raised here; leaving the loop
early (an exception while writing) stops the child.

The child is forked: it starts with this process's memory (Django set up, the
file open, the language active), so nothing has to be pickled but the items.
It never touches the database.
"""

import multiprocessing
import os
import pickle
import queue
import threading
import traceback
from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _

# How many items the child may have made that this process has not taken:
# with one, each side waited for the other whenever a batch was slower to read
# or to write than the one before (a tenth of a large import's time).
AHEAD = 4
DONE = "done"
ITEM = "item"
FAILED = "failed"


class ChildDied(RuntimeError):
    """The second process ended without saying why (killed, out of memory)."""


def can_run_in_second_process() -> bool:
    """A second core, ``fork``, and no other thread here: a thread holding a
    lock at the moment of the fork would leave it locked in the child."""
    return (
        (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def in_second_process(produce: Callable[[], Iterator]) -> Iterator:
    """What ``produce()`` yields, computed in a forked child process."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_produce_into, args=(produce, sending), daemon=True)
    child.start()
    sending.close()
    try:
        yield from _received(receiving, child)
    finally:
        receiving.close()
        child.terminate()
        child.join()


def _received(receiving, child) -> Iterator:
    while True:
        try:
            kind, payload = pickle.loads(receiving.recv_bytes())
        except EOFError:  # the child ended without a last word
            child.join()
            reason = _(
                "the MARC file reader stopped unexpectedly (exit code %(code)s);"
                " try the import again"
            )
            raise ChildDied(reason % {"code": child.exitcode}) from None
        if kind == DONE:
            return
        if kind == FAILED:
            raise payload
        yield payload


def _produce_into(produce: Callable[[], Iterator], sending) -> None:
    """The child: each item, then ``DONE`` or the exception that stopped it,
    pickled here and written to the pipe by a second thread, so that making
    the next items goes on while this process is busy with the last. Once
    nobody listens (this process was killed) the child stops making them."""
    outbox: queue.Queue = queue.Queue(maxsize=AHEAD)
    unheard = threading.Event()
    sender = threading.Thread(target=_send_all, args=(outbox, sending, unheard), daemon=True)
    sender.start()
    try:
        for item in produce():
            if unheard.is_set():
                break
            outbox.put(_pickled(ITEM, item))
    except Exception as error:
        outbox.put(_pickled(FAILED, _picklable(error)))
    else:
        outbox.put(_pickled(DONE, None))
    outbox.put(None)
    sender.join()


def _pickled(kind: str, payload) -> bytes:
    return pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)


def _send_all(outbox: queue.Queue, sending, unheard: threading.Event) -> None:
    """Write what ``outbox`` holds to the pipe until ``None``; the writing
    releases the interpreter lock, so the child's reading goes on meanwhile.
    When the pipe is broken (nobody listens), say so in ``unheard`` and take
    what is still put until ``None``, so that a put waiting on a full
    ``outbox`` returns and the maker sees it."""
    try:
        while (data := outbox.get()) is not None:
            sending.send_bytes(data)
    except OSError:
        unheard.set()
        while outbox.get() is not None:
            pass
    finally:
        sending.close()


def _picklable(error: Exception) -> Exception:
    """``error`` itself if it survives pickling, else a ``RuntimeError`` with its traceback."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError("".join(traceback.format_exception(error)))
    return error
