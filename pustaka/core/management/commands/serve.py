"""``pustaka serve``: the production web server (gunicorn) with the background
task worker and the scheduler (``pustaka scheduler``: the daily circulation
task, notices) beside it; Ctrl-C or SIGTERM stops all three."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand

STOP_GRACE_SECONDS = 10


def default_workers() -> int:
    """``WEB_CONCURRENCY``, else two gunicorn processes (one on a single-core
    machine), on either database. On SQLite the threads of one process share
    one core: with 32 desks scanning about once a second, one process of 4
    threads answered 1% of the scans in 74-566 ms, two processes in 42-50 ms
    (``bench/circulation.py --pause-ms 1000``, 2 cores, measured before the
    desk's statements were built once: now 16-22 ms), and two also answer
    more scans when saturated (104 against 81 a second then)."""
    if os.environ.get("WEB_CONCURRENCY"):
        return int(os.environ["WEB_CONCURRENCY"])
    return min(2, os.cpu_count() or 1)


def gunicorn_command(*, host: str, port: int, workers: int, threads: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "pustaka.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        "--no-control-socket",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]


def worker_command() -> list[str]:
    return [sys.executable, "-m", "pustaka.cli", "db_worker", "--no-startup-delay"]


def scheduler_command() -> list[str]:
    """The clock of the background work; a command line, as core imports no other app."""
    return [sys.executable, "-m", "pustaka.cli", "scheduler"]


def child_commands(*, host: str, port: int, workers: int, threads: int, worker: bool):
    """gunicorn; with ``worker``, the task worker and (unless ``PUSTAKA_DAILY_AT``
    is ``off``) the scheduler that feeds it."""
    commands = [gunicorn_command(host=host, port=port, workers=workers, threads=threads)]
    if worker:
        commands.append(worker_command())
        if settings.PUSTAKA_DAILY_AT != "off":
            commands.append(scheduler_command())
    return commands


def stop_all(processes: list[subprocess.Popen]) -> None:
    """Ask every child to stop, wait a little, then kill what is left."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Command(BaseCommand):
    help = (
        "Serve Pustaka with gunicorn and run the background-task worker and the "
        "scheduler beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="gunicorn processes (default: WEB_CONCURRENCY, else 1 on SQLite, 2 on PostgreSQL)",
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", "4")))
        parser.add_argument(
            "--no-worker", action="store_true", help="Serve pages only (no worker, no scheduler)."
        )

    def handle(self, *args, host, port, workers, threads, no_worker, **options):
        for alias in settings.CACHES:
            caches[alias].clear()  # nothing remembered from before a restore or upgrade
        commands = child_commands(
            host=host,
            port=port,
            workers=workers or default_workers(),
            threads=threads,
            worker=not no_worker,
        )
        self.stdout.write(f"Pustaka is serving on http://{host}:{port}/ (Ctrl-C stops it)")
        self.stdout.flush()
        serve(commands)


def serve(commands: list[list[str]]) -> None:
    """Run ``commands`` until one exits or we are told to stop; then stop all."""
    processes = [subprocess.Popen(command, start_new_session=True) for command in commands]
    stopping = []

    def request_stop(signum, frame):
        stopping.append(signum)

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopping and all(process.poll() is None for process in processes):
            time.sleep(0.2)
    finally:
        stop_all(processes)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
