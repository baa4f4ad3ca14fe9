"""Concurrent writers for tests/e2e/two_replicas.py: clients POSTing to two replicas while
one of them is killed, and the ledger of every write a replica acknowledged (201).

A writer sticks to its home replica until a request fails at the transport level (the
replica died mid-request or refuses connections); it then moves to the other replica.
Keyed writers send an Idempotency-Key and, after such a failure, retry the very same
request against the other replica, as a client behind a load balancer would: the answer
must be the single stored record whether or not the dead replica had committed it.
"""

import http.client
import json
import random
import threading
from dataclasses import dataclass, field

from replicas_support import JSON_HEADERS, Replica, call


@dataclass
class Acknowledgement:
    """One 201 answer: which replica gave it, and the exact document bytes it returned."""
    replica: str
    record_id: str
    document: bytes
    idempotency_key: str | None
    replayed: bool
    failed_over: bool


@dataclass
class Ledger:
    """Thread-safe record of what the writers saw."""
    acknowledged: list = field(default_factory=list)
    unexpected: list = field(default_factory=list)
    transport_failures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def acknowledge(self, ack: Acknowledgement) -> None:
        with self.lock:
            self.acknowledged.append(ack)

    def reject(self, replica: str, status: int, body: bytes) -> None:
        with self.lock:
            self.unexpected.append((replica, status, body[:300]))

    def transport_failure(self) -> None:
        with self.lock:
            self.transport_failures += 1

    def snapshot(self) -> list:
        with self.lock:
            return list(self.acknowledged)


class Writer(threading.Thread):
    """POSTs distinct workloads to `home` (then to the other replica) until `stop` is set."""

    def __init__(self, home: Replica, other: Replica, bodies: list, keyed: bool,
                 ledger: Ledger, stop: threading.Event, rng: random.Random):
        super().__init__(daemon=True)
        self.replicas = [home, other]
        self.bodies = bodies
        self.keyed = keyed
        self.ledger = ledger
        self.stop = stop
        self.rng = rng

    def new_request(self) -> tuple:
        body = dict(self.rng.choice(self.bodies))
        body["name"] = f"replicas-{self.rng.getrandbits(48):012x}"
        key = f"replicas-{self.rng.getrandbits(64):016x}" if self.keyed else None
        return json.dumps(body).encode(), key

    def run(self) -> None:
        connection = None
        pending = None  # (payload, key, failed_over): not answered yet
        while not self.stop.is_set():
            if pending is None:
                payload, key = self.new_request()
                pending = (payload, key, False)
            payload, key, failed_over = pending
            target = self.replicas[0]
            headers = dict(JSON_HEADERS)
            if key is not None:
                headers["Idempotency-Key"] = key
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", target.port, timeout=10)
                answer = call(target.port, "POST", "/v1/recommendations", body=payload,
                              headers=headers, connection=connection)
            except (OSError, http.client.HTTPException):
                # Not acknowledged. A keyed request is retried as is on the other replica;
                # an unkeyed one is dropped (the client cannot know whether it was stored).
                self.ledger.transport_failure()
                connection = None
                self.replicas.reverse()
                pending = (payload, key, True) if key is not None else None
                continue
            pending = None
            if answer.status != 201:
                self.ledger.reject(target.name, answer.status, answer.body)
                continue
            self.ledger.acknowledge(Acknowledgement(
                replica=target.name, record_id=answer.json()["id"], document=answer.body,
                idempotency_key=key,
                replayed=answer.headers.get("idempotent-replayed") == "true",
                failed_over=failed_over))
        if connection is not None:
            connection.close()
