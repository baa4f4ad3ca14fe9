"""Helpers for tests/e2e/two_replicas.py: server replicas as processes, plain HTTP calls,
and the shared PostgreSQL database reached through psql (Python standard library only).
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    """One HTTP answer: status, headers (names lower-cased) and the body bytes."""

    def __init__(self, status: int, headers: dict, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)


def call(port: int, method: str, path: str, body: bytes | None = None,
         headers: dict | None = None, connection: http.client.HTTPConnection | None = None,
         timeout: float = 10) -> Response:
    """Sends one request (on `connection` when given, else on a new one) and reads the answer."""
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {"Accept": "application/json"})
        answer = conn.getresponse()
        data = answer.read()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, data)
    finally:
        if connection is None:
            conn.close()


class Replica:
    """One `compute-advisor serve` process on its own port, sharing DATABASE_URL."""

    def __init__(self, name: str, binary: str, database_url: str, work_dir: Path):
        self.name = name
        self.binary = binary
        self.database_url = database_url
        self.work_dir = work_dir
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log_path = work_dir / f"replica-{name}.log"

    def launch(self) -> None:
        """Starts the process on a fresh port without waiting for it (see wait_ready)."""
        self.port = free_port()
        log = open(self.log_path, "ab")
        log.write(f"--- start on port {self.port}\n".encode())
        log.flush()
        self.process = subprocess.Popen(
            [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--data-dir", str(self.work_dir / f"data-{self.name}"), "--log-level", "warning"],
            env={**os.environ, "DATABASE_URL": self.database_url},
            stdout=log, stderr=subprocess.STDOUT)
        log.close()

    def wait_ready(self, timeout: float = 30) -> None:
        """Returns once GET /readyz answers 200; raises if the process exits first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"replica {self.name} exited with {self.process.returncode} "
                                   f"before it was ready:\n{self.log_tail()}")
            try:
                if call(self.port, "GET", "/readyz", timeout=2).status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        raise RuntimeError(f"replica {self.name} was not ready in {timeout} s:\n{self.log_tail()}")

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    def kill_hard(self) -> None:
        """kill -9: no drain, no store close; in-flight requests die with the process."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        """SIGTERM and wait for the drain (SIGKILL after 30 s)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill_hard()

    def logged_errors(self) -> list:
        """The lines this replica logged at level error or critical, over all its runs."""
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return []
        return [line for line in lines if log_level(line) in ("error", "critical")]

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def log_level(line: str) -> str | None:
    """The level of a log line: the `level` member of a JSON line, else the second word (the
    swift-log StreamLogHandler format)."""
    try:
        entry = json.loads(line)
    except ValueError:
        words = line.split(" ")
        return words[1] if len(words) > 1 else None
    return entry.get("level") if isinstance(entry, dict) else None


def launch_together(replicas: list) -> None:
    """Launches every replica at the same moment (a barrier), without waiting for them."""
    barrier = threading.Barrier(len(replicas))

    def launch(replica: Replica) -> None:
        barrier.wait()
        replica.launch()

    threads = [threading.Thread(target=launch, args=(r,)) for r in replicas]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


class Database:
    """The PostgreSQL server of COMPUTE_ADVISOR_TEST_POSTGRES_URL, through psql."""

    def __init__(self, server_url: str):
        self.server_url = server_url

    def url(self, database: str) -> str:
        """The server URL with its database replaced by `database`."""
        parts = urllib.parse.urlsplit(self.server_url)
        return urllib.parse.urlunsplit(parts._replace(path="/" + database))

    def query(self, sql: str, database: str | None = None) -> list:
        """Rows of `sql` (each a list of text fields); raises when psql fails."""
        target = self.url(database) if database else self.server_url
        done = subprocess.run(["psql", target, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
                               "-F", "\t", "-c", sql],
                              capture_output=True, text=True, timeout=30)
        if done.returncode != 0:
            raise RuntimeError(f"psql failed on {sql!r}: {done.stderr.strip()}")
        return [line.split("\t") for line in done.stdout.splitlines() if line]

    def scalar(self, sql: str, database: str) -> str:
        return self.query(sql, database)[0][0]

    def create_empty(self, name: str) -> str:
        """Creates database `name` (dropping an earlier one) and returns its URL."""
        self.query(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.query(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop(self, name: str) -> None:
        self.query(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def advisory_locks(self, database: str, granted: bool) -> int:
        """How many advisory locks sessions in `database` hold (or wait for)."""
        return int(self.scalar(
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
            f"WHERE l.locktype = 'advisory' AND d.datname = '{database}' "
            f"AND l.granted = {'true' if granted else 'false'}", database))

    def hold_advisory_lock(self, key: int, database: str) -> subprocess.Popen:
        """A psql session holding the advisory lock `key` in `database` until its stdin is
        closed (see release)."""
        session = subprocess.Popen(["psql", self.url(database), "-X", "-q"],
                                   stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        session.stdin.write(f"SELECT pg_advisory_lock({key});\n")
        session.stdin.flush()
        deadline = time.monotonic() + 10
        while self.advisory_locks(database, granted=True) == 0:
            if time.monotonic() > deadline or session.poll() is not None:
                raise RuntimeError("psql did not take the advisory lock")
            time.sleep(0.02)
        return session

    @staticmethod
    def release(session: subprocess.Popen) -> None:
        """Ends a hold_advisory_lock session, which releases its lock."""
        session.stdin.close()
        session.wait(timeout=10)


def workload_bodies(port: int) -> list:
    """The repository's examples/*.json, else the workload examples of the served contract."""
    examples = sorted((ROOT / "examples").glob("*.json"))
    if examples:
        return [json.loads(p.read_text()) for p in examples]
    spec = call(port, "GET", "/openapi.json").json()
    post = spec["paths"]["/v1/recommendations"]["post"]
    return [example["value"] for example in
            post["requestBody"]["content"]["application/json"]["examples"].values()]
