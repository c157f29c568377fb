"""Circulation under load: C clients on loopback lend and take back copies
through the API of a served instance (gunicorn, ``pustaka serve``) for S
seconds; then the database is checked for double loans.

Usage:
  .venv/bin/python bench/circulation.py --clients 32 --seconds 30  # SQLite, fresh PUSTAKA_HOME
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pustaka_bench_circ \\
      .venv/bin/python bench/circulation.py --clients 32 --seconds 30  # an EMPTY PostgreSQL db

The district is the demo's (libraries and accounts), with --members members
registered across its libraries and --copies copies at one library (DS01),
all through the services. The clients act with an API token of DS01's
manager at DS01's desk: each picks a random copy, checks it out to a random
member (``POST /checkouts``), and returns it (``POST /returns``) when lent.
Two clients sometimes pick the same copy at once: one is refused (409
not_available), which is counted, not an error.

By default every client sends its next request as soon as the last is
answered: the server's saturation, where latency is mostly queueing
(32 clients / throughput). ``--pause-ms 1000`` paces each client like a desk,
where a librarian scans about one book a second (0.5 to 1.5 times the pause).

The last line is one JSON object: clients, seconds, database, workers,
threads, ops_per_s (checkouts and returns answered per second), p50_ms and
p99_ms per operation (checkout, return; a refused checkout counts as a
checkout), refused (checkouts refused), errors (anything else than 201, 409
or 200), double_loans (copies with more than one open loan, or loans of a
copy that overlap in time), loans (how many were made) and cpu_ms_per_op:
the CPU time gunicorn's processes (``app``) and, on PostgreSQL on this
machine, the server processes of their connections (``database``) spent
per operation while the clients ran, a figure the machine's other work
disturbs less than the latencies.
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import ROOT, django_setup, print_result

DESK = "DS01"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--workers", type=int, help="gunicorn processes (default: pustaka serve's for the database)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn process")
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=2000)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--pause-ms",
        type=float,
        default=0,
        help="a desk's pause between two scans (0: every client sends at once, saturation)",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pustaka-bench-circulation-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["PUSTAKA_HOME"] = str(work)
    django_setup()
    from pustaka.core.management.commands.serve import default_workers

    workers = args.workers or default_workers()
    token, barcodes, members = load_district(args.members, args.copies)
    port = args.port or free_port()
    server = start_server(work, port, workers, args.threads, token)
    try:
        spent = ServerCpu(server.pid)
        figures = run_clients(
            port, token, barcodes, members, args.clients, args.seconds, args.pause_ms
        )
        figures["cpu_ms_per_op"] = spent.per_op(sum(figures["n"].values()))
    finally:
        stop_server(server)
    figures.update(double_loans())
    print_result(
        "circulation",
        figures,
        clients=args.clients,
        seconds=args.seconds,
        pause_ms=args.pause_ms,
        workers=workers,
        threads=args.threads,
        members=len(members),
        copies=len(barcodes),
    )


# --- the district ----------------------------------------------------------------


def load_district(member_count: int, copy_count: int) -> tuple[str, list[str], list[str]]:
    """Migrate an empty database and load the district through the services;
    the API token's secret, the desk's copy barcodes and the member numbers."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from pustaka.core.services import api_token_create
    from pustaka.libraries.demo import demo_load
    from pustaka.libraries.models import Library

    call_command("migrate", verbosity=0)
    if Library.objects.exists():
        raise SystemExit("The database already has libraries: give the benchmark an empty one.")
    start = time.perf_counter()
    demo_load()
    User = get_user_model()
    admin, manager = User.objects.get(username="admin"), User.objects.get(username="pengelola")
    libraries = list(Library.objects.order_by("code"))
    desk = next(library for library in libraries if library.code == DESK)
    barcodes = add_copies(manager, desk, copy_count)
    members = register_members(admin, libraries, member_count)
    analyze()
    _token, secret = api_token_create(actor=admin, user=manager, name="bench circulation")
    seconds = time.perf_counter() - start
    print(f"loaded {len(members)} members, {len(barcodes)} copies in {seconds:.0f}s", flush=True)
    return secret, barcodes, members


def add_copies(manager, library, count: int) -> list[str]:
    """``count`` copies at ``library``, four of each record."""
    from pustaka.catalog import services

    barcodes = []
    for number in range((count + 3) // 4):
        record = services.record_create(
            actor=manager,
            fields={"title": f"Buku Bacaan Desa {number + 1}", "year": 2000 + number % 25},
        )
        for _copy in range(min(4, count - len(barcodes))):
            barcodes.append(
                services.item_create(actor=manager, record=record, library=library).barcode
            )
    return barcodes


def register_members(admin, libraries, count: int) -> list[str]:
    """``count`` adult members spread over the district's libraries."""
    import datetime

    from pustaka.members.services import member_register

    rng = random.Random(4)
    numbers = []
    for index in range(count):
        member = member_register(
            actor=admin,
            library=libraries[index % len(libraries)],
            fields={
                "name": f"Anggota Uji {index + 1}",
                "gender": rng.choice(["female", "male"]),
                "birth_date": datetime.date(1960 + index % 45, 1 + index % 12, 1 + index % 28),
            },
            consent_statement="Data Anda dipakai untuk layanan perpustakaan.",
        )
        numbers.append(member.number)
    return numbers


def analyze() -> None:
    """Fresh planner statistics, as a running installation has them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- the server ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(work: Path, port: int, workers: int, threads: int, token: str):
    """``pustaka serve`` on loopback (its own process group), once it answers."""
    from django.db import connections

    connections.close_all()
    log = (work / "serve.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pustaka.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ],  # fmt: skip
        cwd=ROOT,
        env={**os.environ, "DEBUG": "0"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"pustaka serve stopped; see {work / 'serve.log'}")
        try:
            status, _body = request(
                http.client.HTTPConnection("127.0.0.1", port), token, "GET", "/me"
            )
            if status == 200:
                print(f"serving on port {port}; log in {work / 'serve.log'}", flush=True)
                return server
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"pustaka serve did not answer in 60 s; see {work / 'serve.log'}")


def stop_server(server) -> None:
    """SIGTERM to ``pustaka serve``, which stops gunicorn and the task worker."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


class ServerCpu:
    """CPU time spent by the served instance from now on: gunicorn's master and
    workers (children of ``pustaka serve``), and the PostgreSQL backends
    serving the database's other connections, read from ``/proc``."""

    def __init__(self, serve_pid: int):
        self.gunicorn = [pid for pid in children(serve_pid) if b"gunicorn" in cmdline(pid)]
        self.app_start = self.app_seconds()
        self.database_start = database_backends_seconds()

    def app_seconds(self) -> float:
        workers = [child for pid in self.gunicorn for child in children(pid)]
        return sum(cpu_seconds(self.gunicorn + workers).values())

    def per_op(self, operations: int) -> dict:
        """Milliseconds per operation since this was made (a backend that started
        meanwhile counts from its start)."""
        app = self.app_seconds() - self.app_start
        database = sum(
            seconds - self.database_start.get(pid, 0.0)
            for pid, seconds in database_backends_seconds().items()
        )
        return {
            "app": round(app * 1000 / max(operations, 1), 2),
            "database": round(database * 1000 / max(operations, 1), 2),
        }


def children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found]


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User and system CPU time of each of ``pids`` still running."""
    seconds = {}
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def database_backends_seconds() -> dict[int, float]:
    """CPU time of each PostgreSQL backend of this database's other connections
    (none on SQLite, or when the server runs elsewhere: its processes are not here)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [pid for (pid,) in cursor.fetchall()]
    connection.close()
    return cpu_seconds(pids)


# --- the clients -----------------------------------------------------------------


def request(connection, token: str, method: str, path: str, body: dict | None = None):
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    connection.request(method, f"/api/v1{path}", body=data, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


class Client(threading.Thread):
    """One desk: checkout of a random copy to a random member, then its return."""

    def __init__(self, index, port, token, barcodes, members, start_at, stop_at, pause_ms):
        super().__init__(daemon=True)
        self.rng = random.Random(index)
        self.pause_ms = pause_ms
        self.port, self.token = port, token
        self.barcodes, self.members = barcodes, members
        self.start_at, self.stop_at = start_at, stop_at
        self.times = {"checkout": [], "return": []}
        self.refused = 0
        self.errors: list[str] = []

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        time.sleep(max(0.0, self.start_at - time.monotonic()))
        if self.pause_ms:  # paced desks start apart, as real desks do
            time.sleep(self.rng.uniform(0, self.pause_ms) / 1000)
        while time.monotonic() < self.stop_at:
            barcode = self.rng.choice(self.barcodes)
            status = self.timed(connection, "checkout", "/checkouts", {
                "member": self.rng.choice(self.members), "barcode": barcode})  # fmt: skip
            if status == 409:
                self.refused += 1
            elif status == 201:
                self.pause()
                self.timed(connection, "return", "/returns", {"barcode": barcode})
            self.pause()
        connection.close()

    def pause(self) -> None:
        """A librarian's time between two scans: 0.5 to 1.5 times --pause-ms."""
        if self.pause_ms:
            time.sleep(self.pause_ms * self.rng.uniform(0.5, 1.5) / 1000)

    def timed(self, connection, operation: str, path: str, body: dict) -> int | None:
        start = time.perf_counter()
        try:
            status, answer = request(connection, self.token, "POST", path, body)
        except (OSError, http.client.HTTPException) as error:
            self.errors.append(f"{operation}: {error!r}")
            connection.close()
            return None
        self.times[operation].append((time.perf_counter() - start) * 1000)
        if status not in (200, 201, 409):
            self.errors.append(f"{operation}: {status} {answer[:200]!r}")
        return status


def run_clients(
    port, token, barcodes, members, count: int, seconds: float, pause_ms: float
) -> dict:
    start_at = time.monotonic() + 1
    stop_at = start_at + seconds
    clients = [
        Client(index, port, token, barcodes, members, start_at, stop_at, pause_ms)
        for index in range(count)
    ]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    elapsed = max(time.monotonic(), stop_at) - start_at
    figures = {"p50_ms": {}, "p99_ms": {}, "n": {}}
    total = 0
    for operation in ("checkout", "return"):
        times = sorted(t for client in clients for t in client.times[operation])
        total += len(times)
        figures["n"][operation] = len(times)
        figures["p50_ms"][operation] = percentile(times, 0.50)
        figures["p99_ms"][operation] = percentile(times, 0.99)
    errors = [error for client in clients for error in client.errors]
    for error in errors[:5]:
        print("error:", error, flush=True)
    figures.update(
        ops_per_s=round(total / elapsed, 1),
        refused=sum(client.refused for client in clients),
        errors=len(errors),
    )
    return figures


def percentile(ordered: list[float], share: float) -> float | None:
    if not ordered:
        return None
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


# --- the check -------------------------------------------------------------------


def double_loans() -> dict:
    """Copies with more than one open loan, plus loans of one copy that overlap
    in time (a loan made before the copy's previous loan was returned)."""
    from django.db import connections

    from pustaka.circulation.models import Event, Loan

    connections.close_all()
    rows = Loan.objects.order_by("item_id", "checked_out_at", "id").values_list(
        "item_id", "checked_out_at", "returned_at"
    )
    doubles, loans = set(), 0
    previous_item, previous_end, open_loans = None, None, {}
    for item_id, checked_out_at, returned_at in rows.iterator():
        loans += 1
        if returned_at is None:
            open_loans[item_id] = open_loans.get(item_id, 0) + 1
        if item_id == previous_item and (previous_end is None or checked_out_at < previous_end):
            doubles.add(item_id)
        previous_item, previous_end = item_id, returned_at
    doubles |= {item_id for item_id, count in open_loans.items() if count > 1}
    checkouts = Event.objects.filter(kind=Event.Kind.CHECKOUT).count()
    return {"double_loans": len(doubles), "loans": loans, "checkout_events": checkouts}


if __name__ == "__main__":
    main()
