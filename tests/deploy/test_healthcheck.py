"""`compute-advisor healthcheck` against real local servers: a healthy one, an unhealthy
one, a closed port, one that never answers and one that answers garbage.

Run with COMPUTE_ADVISOR_BINARY pointing at the built binary (scripts/test-deploy does).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BINARY = os.environ.get("COMPUTE_ADVISOR_BINARY", ".build/release/compute-advisor")


class HealthHandler(BaseHTTPRequestHandler):
    """200 on /healthz, 503 on /readyz, 404 elsewhere."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        status = {"/healthz": 200, "/readyz": 503}.get(self.path, 404)
        body = b'{"status":"ok"}'
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments: object) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthcheck(*arguments: str, environment: dict[str, str] | None = None
                ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPUTE_ADVISOR_")}
    env.update(environment or {})
    return subprocess.run([BINARY, "healthcheck", *arguments], capture_output=True, text=True,
                          env=env, timeout=30)


class HealthcheckTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        dump = subprocess.run([BINARY, "--experimental-dump-help"], capture_output=True,
                              text=True, check=True)
        names = [c["commandName"] for c in json.loads(dump.stdout)["command"]
                 .get("subcommands", [])]
        if "healthcheck" not in names:
            raise AssertionError(f"{BINARY} has no healthcheck subcommand: register "
                                 "HealthcheckCommand in ComputeAdvisorCommand's subcommands")
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), HealthHandler)
        cls.port = cls.server.server_address[1]
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.shutdown()
        cls.server.server_close()

    def test_healthy_server_exits_zero(self) -> None:
        result = healthcheck("--port", str(self.port), "--verbose")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("answered 200", result.stdout)

    def test_port_comes_from_the_serve_environment_variable(self) -> None:
        result = healthcheck(environment={"COMPUTE_ADVISOR_PORT": str(self.port)})
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_wildcard_serve_host_is_asked_on_loopback_and_a_named_host_is_used(self) -> None:
        wildcard = healthcheck("--port", str(self.port),
                               environment={"COMPUTE_ADVISOR_HOST": "0.0.0.0"})
        self.assertEqual(wildcard.returncode, 0, wildcard.stderr)
        named = healthcheck("--port", str(self.port),
                            environment={"COMPUTE_ADVISOR_HOST": "localhost"})
        self.assertEqual(named.returncode, 0, named.stderr)

    def test_status_other_than_200_exits_one(self) -> None:
        result = healthcheck("--port", str(self.port), "--path", "/readyz")
        self.assertEqual(result.returncode, 1)
        self.assertIn("answered 503", result.stderr)

    def test_closed_port_exits_one(self) -> None:
        result = healthcheck("--port", str(free_port()))
        self.assertEqual(result.returncode, 1)
        self.assertIn("refused", result.stderr)

    def test_silent_server_times_out_within_the_budget(self) -> None:
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen()
            started = time.monotonic()
            result = healthcheck("--port", str(listener.getsockname()[1]), "--timeout", "0.5")
            elapsed = time.monotonic() - started
        self.assertEqual(result.returncode, 1)
        self.assertIn("timed out", result.stderr)
        self.assertLess(elapsed, 3)

    def test_non_http_answer_exits_one(self) -> None:
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen()

            def answer_garbage() -> None:
                connection, _ = listener.accept()
                with connection:
                    connection.recv(1024)
                    connection.sendall(b"SSH-2.0-OpenSSH\r\n")

            thread = threading.Thread(target=answer_garbage)
            thread.start()
            result = healthcheck("--port", str(listener.getsockname()[1]))
            thread.join()
        self.assertEqual(result.returncode, 1)
        self.assertIn("malformed response", result.stderr)

    def test_malformed_port_variable_is_an_error_not_a_default(self) -> None:
        result = healthcheck(environment={"COMPUTE_ADVISOR_PORT": "eighty"})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("COMPUTE_ADVISOR_PORT", result.stderr)


if __name__ == "__main__":
    unittest.main()
