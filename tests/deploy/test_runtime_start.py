"""check_runtime_start.py must pass a server that behaves like the image's and name each
way one can fail. The server under test here is a small Python stand-in for
`compute-advisor` (serve, healthcheck, the argument parser's help dump), so these tests run
before the real `serve` exists; with the real binary, scripts/check-runtime-image runs the
same checks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"  # readable by the image's uid, unlike a per-user Python

STAND_IN = textwrap.dedent('''\
    #!{python}
    import http.server, json, os, signal, sys, urllib.request
    BEHAVIOUR = {behaviour!r}
    command = sys.argv[1:]
    if command == ["--experimental-dump-help"]:
        names = [{{"commandName": n}} for n in ("serve", "healthcheck")]
        print(json.dumps({{"command": {{"commandName": "compute-advisor", "subcommands": names}}}}))
    elif command[:1] == ["healthcheck"]:
        port = os.environ.get("COMPUTE_ADVISOR_PORT", "8080")
        try:
            status = urllib.request.urlopen(f"http://127.0.0.1:{{port}}/healthz", timeout=2).status
        except OSError:
            status = 0
        sys.exit(0 if status == 200 else 1)
    elif command == ["serve"]:
        bundle = os.path.join(os.path.dirname(os.path.realpath(__file__)),
                              "compute-advisor_ComputeAdvisor.resources", "catalog.json")
        data = os.environ["COMPUTE_ADVISOR_DATA_DIR"]
        if BEHAVIOUR != "no-database":
            open(os.path.join(data, "compute-advisor.sqlite"), "w").close()
        if BEHAVIOUR == "writes-install-dir":
            open(os.path.join(os.path.dirname(bundle), "..", "cache"), "w").close()
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                ok = {{"/healthz": True, "/readyz": True, "/v1/pricing": os.path.exists(bundle)}}
                self.send_response(200 if ok.get(self.path) else 404)
                self.end_headers()
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer((os.environ["COMPUTE_ADVISOR_HOST"],
                                         int(os.environ["COMPUTE_ADVISOR_PORT"])), Handler)
        def stop(*_):
            sys.exit(3 if BEHAVIOUR == "bad-exit" else 0)
        signal.signal(signal.SIGTERM, stop)
        server.serve_forever()
    else:
        sys.exit(64)
''')


class RuntimeStartTests(unittest.TestCase):
    def setUp(self) -> None:
        self.build = Path(tempfile.mkdtemp(prefix="compute-advisor-fake-build-"))
        bundle = self.build / "compute-advisor_ComputeAdvisor.resources"
        bundle.mkdir()
        (bundle / "catalog.json").write_text("{}")

    def tearDown(self) -> None:
        shutil.rmtree(self.build, ignore_errors=True)

    def run_check(self, behaviour: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([sys.executable, str(HERE / "check_runtime_start.py"),
                                 str(self._write(behaviour)), str(ROOT / "Dockerfile")],
                                capture_output=True, text=True, timeout=120)
        bundle = self.build / "compute-advisor_ComputeAdvisor.resources"
        self.assertTrue(bundle.is_dir(), "the build tree's bundle was not restored")
        self.assertFalse(list(self.build.glob("*.hidden-by-check-runtime-image")))
        return result

    def test_server_like_the_image_passes(self) -> None:
        result = self.run_check("good")
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("SIGTERM -> exit 0", result.stdout)

    def test_missing_resource_bundle_fails(self) -> None:
        shutil.rmtree(self.build / "compute-advisor_ComputeAdvisor.resources")
        (self.build / "other.txt").write_text("")
        result = subprocess.run([sys.executable, str(HERE / "check_runtime_start.py"),
                                 str(self._write("good")), str(ROOT / "Dockerfile")],
                                capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("GET /v1/pricing answered 404", result.stdout)

    def test_database_outside_the_volume_fails(self) -> None:
        result = self.run_check("no-database")
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("no SQLite database", result.stdout)

    def test_write_to_the_install_directory_fails(self) -> None:
        result = self.run_check("writes-install-dir")
        self.assertEqual(result.returncode, 1, result.stdout)
        # As root the check runs serve as the image's uid, which cannot write there at all;
        # as another user the before/after comparison of the install directory catches it.
        self.assertRegex(result.stdout, "serve exited with|wrote into the install directory")

    def test_non_zero_exit_on_sigterm_fails(self) -> None:
        result = self.run_check("bad-exit")
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("exited 3 after SIGTERM", result.stdout)

    def _write(self, behaviour: str) -> Path:
        binary = self.build / "compute-advisor"
        binary.write_text(STAND_IN.format(python=SYSTEM_PYTHON, behaviour=behaviour))
        binary.chmod(0o755)
        return binary


if __name__ == "__main__":
    unittest.main()
