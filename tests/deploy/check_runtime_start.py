"""Starts the release binary from a directory holding only what the image holds.

The image holds the binary and its resource bundles under the Dockerfile's install
directory, an empty data volume, and the runtime stage's ENV. This check lays out exactly
that in a temporary root, hides the build tree's resource bundles (SwiftPM's `Bundle.module`
falls back to them, which would mask a bundle missing from the image), runs `serve` as the
image's non-root user with the image's environment (port and data directory moved to
temporary ones, host bound to loopback) and checks, in order:

- the Dockerfile's HEALTHCHECK command exits 0, and GET /healthz and /readyz answer 200;
- GET /v1/pricing answers 200 (the bundled pricing catalog loaded);
- the SQLite database was created inside the data volume, nothing was written elsewhere;
- SIGTERM (the image's STOPSIGNAL) makes the server exit 0 within the drain timeout;
- afterwards the HEALTHCHECK command exits non-zero.

Usage: check_runtime_start.py BINARY DOCKERFILE
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dockerfile  # noqa: E402

STARTUP_SECONDS = 30


class CheckFailed(Exception):
    """One check failed; the message says which and why."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def subcommands(binary: Path) -> list[str]:
    """The root command's registered subcommands, from swift-argument-parser's help dump."""
    result = subprocess.run([str(binary), "--experimental-dump-help"], capture_output=True,
                            text=True, check=True)
    tool = json.loads(result.stdout)
    return [command["commandName"] for command in tool["command"].get("subcommands", [])]


def get(port: int, path: str) -> int:
    """The status code of GET http://127.0.0.1:PORT/PATH (0 when nothing answers)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def image_user(image: dockerfile.RuntimeImage) -> tuple[int, int]:
    """The numeric uid:gid of the image's USER (the Dockerfile must use numbers)."""
    user, _, group = image.user.partition(":")
    if not user.isdigit() or not (group or user).isdigit():
        raise CheckFailed(f"USER must be numeric uid:gid for runAsNonRoot, got '{image.user}'")
    return int(user), int(group or user)


def lay_out_image(binary: Path, root: Path, image: dockerfile.RuntimeImage, uid: int,
                  gid: int) -> tuple[Path, Path]:
    """Copies what the image holds under `root`; returns (install directory, data directory)."""
    install = root / image.install_directory.lstrip("/")
    install.mkdir(parents=True)
    shutil.copy2(binary, install / binary.name)
    for bundle in sorted(binary.parent.glob("*.resources")):
        shutil.copytree(bundle, install / bundle.name)
    data = root / image.environment["COMPUTE_ADVISOR_DATA_DIR"].lstrip("/")
    data.mkdir(parents=True)
    for directory in [root, *root.rglob("*")]:
        if directory.is_dir():
            directory.chmod(0o755)
    if os.getuid() == 0:
        os.chown(data, uid, gid)
    data.chmod(0o750)
    return install, data


def hide_build_bundles(binary: Path) -> list[tuple[Path, Path]]:
    """Renames the build tree's resource bundles so the binary cannot fall back to them."""
    moved = []
    for bundle in sorted(binary.parent.glob("*.resources")):
        hidden = bundle.with_name(bundle.name + ".hidden-by-check-runtime-image")
        bundle.rename(hidden)
        moved.append((hidden, bundle))
    return moved


def snapshot(directory: Path) -> dict[str, int]:
    """Every file under `directory` with its size, to detect writes."""
    return {str(p.relative_to(directory)): p.stat().st_size for p in directory.rglob("*")
            if p.is_file()}


def run_checks(binary: Path, image: dockerfile.RuntimeImage, root: Path) -> None:
    """Lays out the image's contents, then serves from them with the build tree's bundles
    hidden (restored afterwards, whatever happens)."""
    uid, gid = image_user(image)
    install, data = lay_out_image(binary, root, image, uid, gid)
    moved = hide_build_bundles(binary)
    try:
        serve_from_image(image, install, data, root, uid, gid)
    finally:
        for hidden, original in moved:
            hidden.rename(original)


def serve_from_image(image: dockerfile.RuntimeImage, install: Path, data: Path, root: Path,
                     uid: int, gid: int) -> None:
    """Runs serve from the laid-out directory as the image's user, with the image's ENV."""
    port = free_port()
    environment = dict(image.environment)
    environment.update({
        "PATH": environment["PATH"].replace(image.install_directory, str(install)),
        "HOME": str(data),
        "COMPUTE_ADVISOR_HOST": "127.0.0.1",
        "COMPUTE_ADVISOR_PORT": str(port),
        "COMPUTE_ADVISOR_DATA_DIR": str(data),
    })
    executable = shutil.which(image.entrypoint[0], path=environment["PATH"])
    if executable is None or Path(executable).parent != install:
        raise CheckFailed(f"ENTRYPOINT {image.entrypoint[0]} does not resolve to {install}")
    as_image_user = []
    if os.getuid() == 0:
        as_image_user = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]
        print(f"running as uid {uid}, gid {gid} (the image's USER)")
    database = Path(environment.get("COMPUTE_ADVISOR_DATABASE_PATH",
                                    data / "compute-advisor.sqlite"))
    exercise_server(image, Launch(
        prefix=as_image_user, executable=executable, environment=environment, cwd=data,
        port=port, data_on_host=data, install_on_host=install, database_on_host=database,
        log_path=root / "server.log"))


@dataclass
class Launch:
    """How to run the image's binary and where its directories are, seen from this host."""

    prefix: list[str]  # e.g. setpriv (another user) or chroot (another root)
    executable: str  # as the launched process resolves it
    environment: dict[str, str]
    cwd: Path | None
    port: int
    data_on_host: Path
    install_on_host: Path
    database_on_host: Path
    log_path: Path


def exercise_server(image: dockerfile.RuntimeImage, launch: Launch) -> None:
    """Starts serve, probes it like the image's HEALTHCHECK and an orchestrator would, checks
    where it wrote, stops it with the STOPSIGNAL and expects exit 0."""
    port, environment = launch.port, launch.environment
    install_before = snapshot(launch.install_on_host)
    command = [*launch.prefix, launch.executable, *image.entrypoint[1:], *image.command]
    print(f"starting: {' '.join(command)} on 127.0.0.1:{port}")
    log = launch.log_path.open("w+")
    server = subprocess.Popen(command, env=environment, cwd=launch.cwd, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while get(port, "/healthz") == 0:
            if server.poll() is not None:
                raise CheckFailed(f"serve exited with {server.returncode} before answering")
            if time.monotonic() > deadline:
                raise CheckFailed(f"serve did not answer within {STARTUP_SECONDS} s")
            time.sleep(0.2)
        healthcheck = [*launch.prefix, launch.executable, *image.healthcheck[1:]]
        result = subprocess.run(healthcheck, env=environment, capture_output=True, text=True)
        if result.returncode != 0:
            raise CheckFailed(f"HEALTHCHECK exited {result.returncode}: {result.stderr.strip()}")
        print("ok   HEALTHCHECK command exits 0")
        for path in ("/healthz", "/readyz", "/v1/pricing"):
            status = get(port, path)
            if status != 200:
                raise CheckFailed(f"GET {path} answered {status}, expected 200")
            print(f"ok   GET {path} -> 200")
        database = launch.database_on_host
        if not database.is_file() or launch.data_on_host not in database.parents:
            raise CheckFailed(f"no SQLite database at {database} inside the data volume")
        print(f"ok   SQLite database in the data volume: {database.name}")
        if snapshot(launch.install_on_host) != install_before:
            raise CheckFailed(f"serve wrote into the install directory {launch.install_on_host}")
        print("ok   nothing written to the install directory")
        server.send_signal(getattr(signal, image.stop_signal or "SIGTERM"))
        drain = float(environment.get("COMPUTE_ADVISOR_DRAIN_TIMEOUT_SECONDS", "20"))
        try:
            code = server.wait(timeout=drain + 5)
        except subprocess.TimeoutExpired:
            raise CheckFailed(f"serve still running {drain + 5:.0f} s after {image.stop_signal}")
        if code != 0:
            raise CheckFailed(f"serve exited {code} after {image.stop_signal}, expected 0")
        print(f"ok   {image.stop_signal} -> exit 0")
        result = subprocess.run(healthcheck, env=environment, capture_output=True, text=True)
        if result.returncode == 0:
            raise CheckFailed("HEALTHCHECK still exits 0 with the server stopped")
        print(f"ok   HEALTHCHECK exits {result.returncode} once the server is gone")
    except CheckFailed:
        log.seek(0)
        tail = log.read()[-3000:]
        if tail:
            print("--- server output (last 3000 characters) ---\n" + tail + "\n---")
        raise
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        log.close()


def main(binary: Path, dockerfile_path: Path) -> int:
    image = dockerfile.runtime_image(dockerfile_path)
    registered = subcommands(binary)
    missing = [name for name in ("serve", "healthcheck") if name not in registered]
    if missing:
        print(f"FAIL: {binary} has no {' / '.join(missing)} subcommand yet; the start check "
              "needs `serve` (the lead's) and `healthcheck` registered in the root command")
        return 1
    root = Path(tempfile.mkdtemp(prefix="compute-advisor-image-"))
    try:
        run_checks(binary, image, root)
    except CheckFailed as failure:
        print(f"FAIL: {failure}")
        return 1
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("runtime start: the image's contents serve and drain")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: check_runtime_start.py BINARY DOCKERFILE", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
