"""Reading and mapping a MARC file in a second process, so that it overlaps
with the database writes of the import on another core.

``in_second_process(produce)`` runs the generator function ``produce`` in a
forked child and yields what it yields, in order, in this process. The child
is at most one item ahead (a pipe holds it until it is taken), so a large file
is never held in memory. An exception in the child is raised here; leaving the
loop early (an exception while writing) stops the child.

The child is forked: it starts with this process's memory (Django set up, the
file open, the language active), so nothing has to be pickled but the items.
It never touches the database.
"""

import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Iterator

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
            kind, payload = receiving.recv()
        except EOFError:  # the child ended without a last word
            child.join()
            raise ChildDied(f"the MARC reader stopped (exit code {child.exitcode})") from None
        if kind == DONE:
            return
        if kind == FAILED:
            raise payload
        yield payload


def _produce_into(produce: Callable[[], Iterator], sending) -> None:
    """The child: send each item, then ``DONE``, or the exception that stopped it."""
    try:
        for item in produce():
            sending.send((ITEM, item))
    except Exception as error:
        sending.send((FAILED, _picklable(error)))
    else:
        sending.send((DONE, None))
    finally:
        sending.close()


def _picklable(error: Exception) -> Exception:
    """``error`` itself if it survives pickling, else a ``RuntimeError`` with its traceback."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError("".join(traceback.format_exception(error)))
    return error
