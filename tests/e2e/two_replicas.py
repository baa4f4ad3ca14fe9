#!/usr/bin/env python3
"""Two replicas, one PostgreSQL: end-to-end proof that replicas share one consistent store.

Starts two `compute-advisor serve` processes (A and B) on different ports against the same
PostgreSQL database and shows:
  1. start: both replicas started at the same moment against an empty database migrate
     it once (advisory lock), release the lock and both serve (several rounds);
  2. read: a query POSTed to one replica is listed by the other and read back byte for
     byte; both list the same page, byte for byte;
  3. idempotency: a keyed POST to A retried against B returns the same record (same id,
     same bytes, `Idempotent-Replayed: true`), also when both get it at the same moment;
     the same key with another workload is refused; one row per key;
  4. kill -9: writers POST to both replicas, one replica is killed with SIGKILL at a random
     moment; every 201 it (or the survivor) acknowledged is read back, identical, from
     the survivor; keyed requests cut off by the kill and retried on the survivor leave
     exactly one row each. The victim restarts and the roles alternate each round.
Prints the figures and exits non-zero on any failure.

Usage: two_replicas.py BINARY [--rounds 4] [--clients 8] [--seed N]
Needs COMPUTE_ADVISOR_TEST_POSTGRES_URL (scripts/with-postgres sets it) and psql.
"""

import argparse
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from replica_writers import Ledger, Writer
from replicas_support import (JSON_HEADERS, Database, Replica, call, launch_together,
                              workload_bodies)

TIME_LIMIT_SECONDS = 150
# PostgresSchema.migrationLockKey (Sources/Storage/PostgreSQL/PostgresSchema.swift): the
# advisory lock every replica takes to migrate. Should it change, the contended start
# round fails (no replica waits on this key) rather than passing without contention.
MIGRATION_LOCK_KEY = 0x0063_6F6D_7061_6476


class Checks:
    """Counts expectations and prints each one that fails."""

    def __init__(self):
        self.failures = 0

    def expect(self, condition: bool, message: str) -> bool:
        if not condition:
            self.failures += 1
            print(f"  FAILED: {message}")
        return condition


def post(replica: Replica, workload: dict, key: str | None = None):
    """POST /v1/recommendations of `workload` to `replica`, with `key` as Idempotency-Key."""
    headers = dict(JSON_HEADERS)
    if key is not None:
        headers["Idempotency-Key"] = key
    return call(replica.port, "POST", "/v1/recommendations",
                body=json.dumps(workload).encode(), headers=headers)


def named(workload: dict, rng: random.Random) -> dict:
    """`workload` under a name no other request of this run uses."""
    return {**workload, "name": f"replicas-{rng.getrandbits(48):012x}"}


def check_concurrent_start(db: Database, binary: str, work: Path, rounds: int,
                           checks: Checks, launched: list, databases: list) -> tuple:
    """Starts A and B together on a new empty database `rounds` times, each storing a query
    the other reads; returns the last pair (still running) and its database name. Every
    replica and database it creates is added to `launched` and `databases` (for cleanup)."""
    first_versions = None
    for round_number in range(1, rounds + 1):
        name = f"replicas_e2e_{os.getpid()}_{round_number}"
        url = db.create_empty(name)
        databases.append(name)
        pair = [Replica("A", binary, url, work), Replica("B", binary, url, work)]
        launched.extend(pair)
        # Even rounds: a third session holds the migration lock while both launch, so both
        # must be waiting on it together when it is released.
        contended = round_number % 2 == 0
        holder = db.hold_advisory_lock(MIGRATION_LOCK_KEY, name) if contended else None
        started = time.monotonic()
        launch_together(pair)
        if holder is not None:
            waiters = wait_for_lock_waiters(db, name, pair)
            checks.expect(waiters == len(pair), f"{waiters} replicas waited on the lock")
            Database.release(holder)
        for replica in pair:
            replica.wait_ready()
        elapsed = time.monotonic() - started
        versions = [row[0] for row in db.query(
            "SELECT version FROM storage_migrations ORDER BY version", name)]
        first_versions = first_versions or versions
        locks_left = (db.advisory_locks(name, granted=True)
                      + db.advisory_locks(name, granted=False))
        checks.expect(versions and versions == first_versions,
                      f"migrations recorded: {versions}, in round 1: {first_versions}")
        checks.expect(locks_left == 0, f"{locks_left} advisory locks left after both started")
        probe = workload_bodies(pair[0].port)[0]
        for writer, reader in [(pair[0], pair[1]), (pair[1], pair[0])]:
            created = post(writer, probe)
            served = created.status == 201 and call(
                reader.port, "GET", f"/v1/recommendations/{created.json()['id']}"
            ).body == created.body
            checks.expect(served, f"start round {round_number}: a query POSTed to {writer.name} "
                          f"({created.status}) was not read back from {reader.name}")
        contention = (f" while a third session held the migration lock ({waiters} replicas "
                      "waited on it until its release)" if contended else "")
        print(f"start round {round_number}: A and B launched together on an empty "
              f"database{contention}, "
              f"both ready in {elapsed:.2f} s; migrations {', '.join(versions)} applied once, "
              f"advisory locks left {locks_left}; each stored a query the other read")
        if round_number < rounds:
            for replica in pair:
                replica.stop()
            db.drop(name)
            databases.remove(name)
    return pair, name


def wait_for_lock_waiters(db: Database, database: str, pair: list, timeout: float = 30) -> int:
    """Waits until every replica waits for an advisory lock in `database` (or one exits, or
    the time is up); returns how many wait."""
    deadline = time.monotonic() + timeout
    while True:
        waiting = db.advisory_locks(database, granted=False)
        exited = any(replica.process.poll() is not None for replica in pair)
        if waiting == len(pair) or exited or time.monotonic() > deadline:
            return waiting
        time.sleep(0.05)


def check_cross_replica_reads(a: Replica, b: Replica, bodies: list, rng: random.Random,
                              checks: Checks) -> None:
    written = []
    for writer, reader in [(a, b), (b, a)]:
        for workload in bodies:
            created = post(writer, named(workload, rng))
            if not checks.expect(created.status == 201, f"POST to {writer.name}: "
                                 f"{created.status} {created.body[:200]!r}"):
                continue
            record_id = created.json()["id"]
            written.append(record_id)
            read = call(reader.port, "GET", f"/v1/recommendations/{record_id}")
            checks.expect(read.status == 200 and read.body == created.body,
                          f"{record_id} from {writer.name} read on {reader.name}: {read.status}, "
                          f"identical={read.body == created.body}")
            checks.expect(read.headers.get("etag") == created.headers.get("etag"),
                          f"{record_id}: ETag differs between replicas")
    limit = len(written) + 5
    listed_on_a = call(a.port, "GET", f"/v1/recommendations?limit={limit}")
    listed_on_b = call(b.port, "GET", f"/v1/recommendations?limit={limit}")
    ids_on_b = {item["id"] for item in listed_on_b.json()["items"]}
    checks.expect(set(written) <= ids_on_b,
                  f"{len(set(written) - ids_on_b)} written ids missing from B's list")
    checks.expect(listed_on_a.body == listed_on_b.body, "A and B list different bytes")
    print(f"read: {len(written)} queries POSTed (half to A, half to B) read back byte for byte "
          f"and listed by the other replica; the list pages of A and B are identical")


def check_idempotency(a: Replica, b: Replica, bodies: list, db: Database, database: str,
                      rng: random.Random, checks: Checks) -> None:
    keys = []
    for workload in bodies:
        workload = named(workload, rng)
        key = f"replicas-retry-{rng.getrandbits(64):016x}"
        keys.append(key)
        first = post(a, workload, key)
        retried = post(b, workload, key)
        again = post(a, workload, key)
        checks.expect(first.status == 201 and "idempotent-replayed" not in first.headers,
                      f"first keyed POST to A: {first.status} {first.headers}")
        for label, answer in [("retry on B", retried), ("retry on A", again)]:
            checks.expect(answer.status == 201
                          and answer.headers.get("idempotent-replayed") == "true"
                          and answer.body == first.body,
                          f"{label}: {answer.status}, replayed="
                          f"{answer.headers.get('idempotent-replayed')}, "
                          f"identical={answer.body == first.body}")
        other = post(b, named(workload, rng), key)
        checks.expect(other.status == 422 and b"idempotency-key-reused" in other.body,
                      f"same key, other workload on B: {other.status}")

    raced = 0
    for workload in bodies * 2:
        workload = named(workload, rng)
        key = f"replicas-race-{rng.getrandbits(64):016x}"
        keys.append(key)
        answers: dict = {}
        gate = threading.Barrier(2)

        def send(replica: Replica) -> None:
            gate.wait()
            answers[replica.name] = post(replica, workload, key)

        threads = [threading.Thread(target=send, args=(r,)) for r in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = [answers[n].status for n in "AB"]
        replays = [answers[n].headers.get("idempotent-replayed") == "true" for n in "AB"]
        if checks.expect(statuses == [201, 201] and answers["A"].body == answers["B"].body
                         and sorted(replays) == [False, True],
                         f"same keyed POST to A and B at once: {statuses}, replayed {replays}"):
            raced += 1

    quoted = ",".join(f"'{k}'" for k in keys)
    duplicated = db.query("SELECT idempotency_key FROM recommendation WHERE idempotency_key IN "
                          f"({quoted}) GROUP BY idempotency_key HAVING count(*) <> 1", database)
    rows = int(db.scalar(f"SELECT count(*) FROM recommendation WHERE idempotency_key IN ({quoted})",
                         database))
    checks.expect(not duplicated and rows == len(keys), f"{rows} rows for {len(keys)} keys")
    print(f"idempotency: {len(bodies)} keyed POSTs to A retried on B and on A replayed the same "
          f"record byte for byte; {raced} keys sent to A and B at the same moment gave one "
          f"record each; {rows} rows for {len(keys)} keys")


def check_kill_rounds(a: Replica, b: Replica, bodies: list, db: Database, database: str,
                      rounds: int, clients: int, rng: random.Random, checks: Checks) -> tuple:
    """Returns how many writes were acknowledged in all rounds, and how many of them were
    lost or changed."""
    total = lost = 0
    for round_number in range(1, rounds + 1):
        victim, survivor = (a, b) if round_number % 2 else (b, a)
        ledger, stop = Ledger(), threading.Event()
        threads = [Writer(home=(a, b)[i % 2], other=(b, a)[i % 2], bodies=bodies,
                          keyed=i % 4 >= 2, ledger=ledger, stop=stop,
                          rng=random.Random(rng.random())) for i in range(clients)]
        for t in threads:
            t.start()
        delay = rng.uniform(0.5, 2.5)
        time.sleep(delay)
        victim.kill_hard()
        killed_at = len(ledger.snapshot())
        time.sleep(1.0)  # the survivor takes over the victim's writers (> 0 required)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        acks = ledger.snapshot()
        missing = differing = 0
        for ack in acks:
            read = call(survivor.port, "GET", f"/v1/recommendations/{ack.record_id}")
            if read.status != 200:
                missing += 1
            elif read.body != ack.document:
                differing += 1
        by_victim = sum(1 for ack in acks if ack.replica == victim.name)
        after_kill = sum(1 for ack in acks[killed_at:] if ack.replica == survivor.name)
        failed_over = [ack for ack in acks if ack.failed_over]
        keyed = {ack.idempotency_key: ack.record_id for ack in acks if ack.idempotency_key}
        stored = dict(db.query(
            "SELECT idempotency_key, id FROM recommendation WHERE idempotency_key IN ("
            + ",".join(f"'{k}'" for k in keyed) + ")", database)) if keyed else {}
        checks.expect(missing == 0 and differing == 0,
                      f"round {round_number}: {missing} missing, {differing} differing")
        checks.expect(stored == keyed, f"round {round_number}: {len(stored)} keyed rows stored "
                      f"for {len(keyed)} keyed acknowledgements, or ids differ")
        checks.expect(by_victim > 0 and after_kill > 0,
                      f"round {round_number}: {by_victim} acknowledged by the victim, "
                      f"{after_kill} by the survivor after the kill")
        checks.expect(not ledger.unexpected, f"round {round_number}: answers other than 201: "
                      f"{ledger.unexpected[:3]}")
        print(f"kill round {round_number}: kill -9 {victim.name} after {delay:.2f} s; "
              f"{len(acks)} acknowledged ({by_victim} by {victim.name}, {after_kill} after the "
              f"kill), all read back from {survivor.name}: lost {missing}, changed {differing}; "
              f"{len(failed_over)} keyed writes cut off and retried on {survivor.name} "
              f"({sum(1 for ack in failed_over if ack.replayed)} replayed what "
              f"{victim.name} had stored); one row per key: {stored == keyed}")
        total += len(acks)
        lost += missing + differing
        victim.start()
    return total, lost


def stop_run(signal_number: int, _frame) -> None:
    """SIGALRM (the time limit) or SIGTERM: raise, so that the replicas are stopped."""
    raise SystemExit(f"stopped by {signal.Signals(signal_number).name} "
                     f"(time limit {TIME_LIMIT_SECONDS} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--rounds", type=int, default=4, help="kill -9 rounds")
    parser.add_argument("--start-rounds", type=int, default=3, help="concurrent start rounds")
    parser.add_argument("--clients", type=int, default=8,
                        help="concurrent writers in the kill -9 rounds")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    server_url = os.environ.get("COMPUTE_ADVISOR_TEST_POSTGRES_URL")
    if not server_url:
        print("COMPUTE_ADVISOR_TEST_POSTGRES_URL is not set (run under scripts/with-postgres)")
        return 2
    signal.signal(signal.SIGALRM, stop_run)
    signal.signal(signal.SIGTERM, stop_run)
    signal.alarm(TIME_LIMIT_SECONDS)
    rng = random.Random(args.seed)
    db = Database(server_url)
    checks = Checks()
    started = time.monotonic()
    launched, databases = [], []
    with tempfile.TemporaryDirectory(prefix="two-replicas-") as work_dir:
        work = Path(work_dir)
        try:
            (a, b), database = check_concurrent_start(db, args.binary, work, args.start_rounds,
                                                      checks, launched, databases)
            bodies = workload_bodies(a.port)
            check_cross_replica_reads(a, b, bodies, rng, checks)
            check_idempotency(a, b, bodies, db, database, rng, checks)
            acknowledged, lost = check_kill_rounds(a, b, bodies, db, database, args.rounds,
                                                   args.clients, rng, checks)
            rows = db.scalar("SELECT count(*) FROM recommendation", database)
            for replica in (a, b):
                errors = replica.logged_errors()
                checks.expect(not errors, f"replica {replica.name} logged errors: {errors[:3]}")
        finally:
            for replica in launched:
                replica.stop()
            if checks.failures or sys.exc_info()[0] is not None:
                for replica in {r.log_path: r for r in launched}.values():
                    print(f"--- replica {replica.name} log (last lines):\n{replica.log_tail()}")
            for name in databases:
                db.drop(name)
    print(f"seed {args.seed}: {acknowledged} writes acknowledged over {args.rounds} kill -9 "
          f"rounds, {lost} lost or changed; {rows} rows stored; {checks.failures} failed checks "
          f"({time.monotonic() - started:.1f} s)")
    return 0 if checks.failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
