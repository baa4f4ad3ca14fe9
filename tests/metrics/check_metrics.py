#!/usr/bin/env python3
"""Metrics check: /metrics parses with prometheus-client's text-format parser and the
counters move as requests are made, with API keys and rate limiting on.

Starts BINARY (`compute-advisor`) on free loopback ports with a fresh keys file (one key
made by `compute-advisor keys create`), a rate limit of 2 requests/s (burst 3) and
/metrics on its own port; scrapes, makes requests (created, unauthorized, rate limited),
scrapes again and compares.

Usage: check_metrics.py BINARY   (exit 0 when every check holds, 1 otherwise)
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

WORKLOAD = {
    "pattern": "event-driven",
    "traffic": {"requestsPerMonth": 60000},
    "execution": {"averageDurationMs": 1800, "maxDurationSeconds": 30},
    "resources": {"memoryMiB": 512},
}
EXPECTED_FAMILIES = {
    "http_requests": "counter",
    "http_request_duration_seconds": "histogram",
    "http_requests_in_flight": "gauge",
    "http_open_connections": "gauge",
    "compute_advisor_evaluations": "counter",
    "compute_advisor_store_operation_duration_seconds": "histogram",
    "compute_advisor_rate_limited": "counter",
    "compute_advisor_authentication_failures": "counter",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, key: str | None = None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=payload, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), data


def scrape(port: int) -> dict[tuple[str, tuple], float]:
    """Every sample as (name, sorted labels) -> value, parsed by prometheus-client."""
    status, headers, data = request(port, "GET", "/metrics")
    assert status == 200, f"/metrics answered {status}"
    assert headers.get("Content-Type", "").startswith("text/plain; version=0.0.4")
    samples = {}
    families = list(text_string_to_metric_families(data.decode()))
    types = {family.name: family.type for family in families}
    for name, kind in EXPECTED_FAMILIES.items():
        if name in types:
            assert types[name] == kind, f"{name} is a {types[name]}, expected {kind}"
    for family in families:
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def total(samples, name: str, **labels) -> float:
    wanted = set(labels.items())
    return sum(v for (n, l), v in samples.items() if n == name and wanted <= set(l))


def main() -> int:
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as directory:
        keys_file = os.path.join(directory, "keys.json")
        key = subprocess.run(
            [binary, "keys", "create", "--name", "metrics-check", "--api-keys-file", keys_file],
            check=True, capture_output=True, text=True).stdout.strip()
        api_port, metrics_port = free_port(), free_port()
        log = open(os.path.join(directory, "server.log"), "w")
        server = subprocess.Popen(
            [binary, "serve", "--host", "127.0.0.1", "--port", str(api_port),
             "--data-dir", directory, "--api-keys-file", keys_file, "--rate-limit", "2",
             "--rate-limit-burst", "3", "--metrics-port", str(metrics_port)],
            stdout=log, stderr=subprocess.STDOUT)
        failures = []
        try:
            for _ in range(300):
                try:
                    if request(api_port, "GET", "/healthz")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            before = scrape(metrics_port)
            statuses = [request(api_port, "POST", "/v1/recommendations", key, WORKLOAD)[0]
                        for _ in range(2)]
            statuses.append(request(api_port, "GET", "/v1/recommendations")[0])
            statuses += [request(api_port, "GET", "/v1/options", key)[0] for _ in range(3)]
            statuses.append(request(api_port, "GET", "/metrics")[0])
            after = scrape(metrics_port)
            print(f"statuses: {statuses}")

            def check(condition: bool, message: str) -> None:
                print(("ok   " if condition else "FAIL ") + message)
                if not condition:
                    failures.append(message)

            check(statuses[:3] == [201, 201, 401], "two created, one unauthorized")
            check(429 in statuses[3:6], "the rate limit answered 429")
            check(statuses[6] in (401, 404), "/metrics is not served on the API port when it has its own")
            created = ("http_requests_total", "POST", "/v1/recommendations", "201")
            for name, method, route, status in [created]:
                delta = (total(after, name, method=method, route=route, status=status)
                         - total(before, name, method=method, route=route, status=status))
                check(delta == 2, f"{name} POST 201 grew by 2 (by {delta})")
            check(total(after, "compute_advisor_evaluations_total")
                  - total(before, "compute_advisor_evaluations_total") == 2,
                  "evaluations grew by 2")
            check(total(after, "compute_advisor_rate_limited_total") >= 1,
                  "rate-limited requests counted")
            check(total(after, "compute_advisor_authentication_failures_total", reason="missing")
                  == 2, "both requests without a key counted")
            check(total(after, "http_request_duration_seconds_count", route="/v1/options") >= 3,
                  "latency histogram counted /v1/options")
            check(total(after, "compute_advisor_store_operation_duration_seconds_count",
                        operation="insert") == 2, "store insert latency counted twice")
            check(("http_open_connections", ()) in after, "open connections reported")
            check(("http_requests_in_flight", ()) in after, "in-flight requests reported")
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(f"metrics: {len(failures)} failure(s)")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
