#!/usr/bin/env python3
"""Durability check: acknowledged writes survive kill -9.

Runs CYCLES cycles of: start the server on SQLite, POST workloads from several
concurrent clients, kill -9 the server at a random moment, restart it, and GET
every id that was answered 201: each must be present and identical to what the
POST returned. Ends with PRAGMA integrity_check on the database file.

Usage: durability.py BINARY [--cycles 20] [--clients 8] [--seed N]
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before it was ready")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError("server did not become ready")


def start(binary: str, port: int, data_dir: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", data_dir,
         "--log-level", "error"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_ready(port, process)
    return process


def workloads(port: int) -> list:
    """The repository's examples/*.json, else the workload examples of the contract."""
    examples = sorted((ROOT / "examples").glob("*.json"))
    if examples:
        return [json.loads(p.read_text()) for p in examples]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/openapi.json")
    spec = json.loads(conn.getresponse().read())
    post = spec["paths"]["/v1/recommendations"]["post"]
    return [example["value"] for example in
            post["requestBody"]["content"]["application/json"]["examples"].values()]


def client(port: int, bodies: list, stop: threading.Event, acked: dict, lock: threading.Lock,
           rng: random.Random) -> None:
    conn = None
    while not stop.is_set():
        body = dict(rng.choice(bodies))
        body["name"] = f"durability-{rng.getrandbits(48):x}"
        payload = json.dumps(body).encode()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("POST", "/v1/recommendations", body=payload,
                          headers={"Content-Type": "application/json", "Accept": "application/json"})
            response = conn.getresponse()
            data = response.read()
            if response.status == 201:
                answer = json.loads(data)
                with lock:
                    acked[answer["id"]] = answer
            elif response.status >= 500:
                print(f"unexpected {response.status}: {data[:200]!r}", file=sys.stderr)
        except (OSError, http.client.HTTPException, json.JSONDecodeError):
            conn = None  # the server was killed mid-request: not acknowledged, not counted
            time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bodies = None
    acked: dict = {}
    lock = threading.Lock()
    failures = 0
    with tempfile.TemporaryDirectory(prefix="durability-") as data_dir:
        for cycle in range(1, args.cycles + 1):
            port = free_port()
            server = start(args.binary, port, data_dir)
            bodies = bodies or workloads(port)
            stop = threading.Event()
            threads = [threading.Thread(target=client, args=(port, bodies, stop, acked, lock,
                                                             random.Random(rng.random())))
                       for _ in range(args.clients)]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.3, 2.5))
            server.send_signal(signal.SIGKILL)
            server.wait()
            stop.set()
            for t in threads:
                t.join()

            port = free_port()
            server = start(args.binary, port, data_dir)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            missing = mismatched = 0
            with lock:
                snapshot = dict(acked)
            for record_id, answer in snapshot.items():
                conn.request("GET", f"/v1/recommendations/{record_id}", headers={"Accept": "application/json"})
                response = conn.getresponse()
                data = response.read()
                if response.status != 200:
                    missing += 1
                elif json.loads(data) != answer:
                    mismatched += 1
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            failures += missing + mismatched
            print(f"cycle {cycle:2d}: {len(snapshot):6d} acknowledged so far, "
                  f"missing {missing}, differing {mismatched}")

        db = sqlite3.connect(os.path.join(data_dir, "compute-advisor.sqlite"))
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        rows = db.execute("SELECT count(*) FROM recommendation").fetchone()[0]
        db.close()
    print(f"seed {args.seed}: {len(acked)} writes acknowledged over {args.cycles} kill -9 cycles, "
          f"{failures} lost or changed; {rows} rows stored; integrity_check: {integrity}")
    return 0 if failures == 0 and integrity == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
