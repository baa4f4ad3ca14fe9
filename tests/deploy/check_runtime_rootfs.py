"""Builds the runtime image without Docker and runs the binary inside it.

`debootstrap --variant=minbase bookworm` makes the root filesystem `debian:bookworm-slim` is
made from (cached under .build/, about 25 s the first time). The Dockerfile's runtime stage
is then executed on a copy of it, instruction by instruction: RUN in a chroot, `COPY
--from=build /staging/` with the release binary and its resource bundles, ENV, USER and
WORKDIR. Inside that root, as the image's user and with only its ENV:

- `ldd` finds every library the binary needs (no host library can stand in);
- the binary runs (`--experimental-dump-help`);
- when `serve` and `healthcheck` are registered: serve answers, the HEALTHCHECK passes,
  the database lands in the volume, SIGTERM drains to exit 0 (check_runtime_start's checks).

Needs root (debootstrap, chroot, mounting /proc and /dev in the root).
Usage: check_runtime_rootfs.py BINARY DOCKERFILE CACHE_DIR
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_runtime_start as start  # noqa: E402
import dockerfile  # noqa: E402

MIRROR = os.environ.get("DEBIAN_MIRROR", "http://deb.debian.org/debian")
METADATA_ONLY = {"EXPOSE", "VOLUME", "HEALTHCHECK", "STOPSIGNAL", "ENTRYPOINT", "CMD",
                 "LABEL", "ARG"}


def base_root(cache: Path, release: str) -> Path:
    """A minbase root of `release`, made once and reused (marked complete only on success)."""
    root = cache / f"{release}-minbase"
    done = cache / f"{release}-minbase.complete"
    if not done.exists():
        shutil.rmtree(root, ignore_errors=True)
        cache.mkdir(parents=True, exist_ok=True)
        print(f"debootstrap --variant=minbase {release} (once, cached in {cache})")
        subprocess.run(["debootstrap", "--variant=minbase", release, str(root), MIRROR],
                       check=True, stdout=subprocess.DEVNULL)
        done.touch()
    return root


class MountedRoot:
    """A copy of the base root with /proc and /dev mounted, as a container would have."""

    def __init__(self, base: Path, work: Path) -> None:
        self.path = work / "rootfs"
        subprocess.run(["cp", "-a", str(base), str(self.path)], check=True)
        shutil.copy2("/etc/resolv.conf", self.path / "etc/resolv.conf")
        self.mounts: list[Path] = []

    def __enter__(self) -> MountedRoot:
        for target, command in (("proc", ["mount", "-t", "proc", "proc"]),
                                ("dev", ["mount", "--bind", "/dev"])):
            subprocess.run([*command, str(self.path / target)], check=True)
            self.mounts.append(self.path / target)
        return self

    def __exit__(self, *_: object) -> None:
        for mount in reversed(self.mounts):
            subprocess.run(["umount", "--lazy", str(mount)], check=False)

    def still_mounted(self) -> list[str]:
        """Mount points left under the root; deleting it then would delete through them."""
        with open("/proc/mounts") as mounts:
            points = [line.split()[1] for line in mounts]
        return [p for p in points if p == str(self.path) or p.startswith(f"{self.path}/")]

    def run(self, command: list[str], environment: dict[str, str], user: str = "0:0",
            workdir: str = "/", **options: object) -> subprocess.CompletedProcess[str]:
        """Runs `command` in the root as `user`, with exactly `environment`."""
        return subprocess.run(self.command(command, user, workdir), env=environment,
                              text=True, **options)

    def command(self, command: list[str], user: str, workdir: str) -> list[str]:
        return ["chroot", f"--userspec={user}", str(self.path), "/usr/bin/env", "-C", workdir,
                *command]


def execute_runtime_stage(root: MountedRoot, stage: dockerfile.Stage, binary: Path
                          ) -> tuple[dict[str, str], str, str]:
    """Runs the stage's instructions in the root; returns (ENV, USER, WORKDIR) at the end."""
    environment = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    user, workdir = "0:0", "/"
    for instruction in stage.instructions:
        keyword, arguments = instruction.keyword, instruction.arguments
        if keyword == "RUN":
            print(f"RUN (line {instruction.line})")
            result = root.run(["/bin/sh", "-c", arguments], environment, user, workdir,
                              capture_output=True)
            if result.returncode != 0:
                raise start.CheckFailed(f"RUN at line {instruction.line} failed:\n"
                                        f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
        elif keyword == "COPY":
            words = shlex.split(arguments)
            if "--from=build" not in words or not words[-2].startswith("/staging"):
                raise start.CheckFailed(f"line {instruction.line}: cannot execute COPY {arguments}")
            destination = root.path / words[-1].strip("/")
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copy2(binary, destination / binary.name)
            for bundle in sorted(binary.parent.glob("*.resources")):
                shutil.copytree(bundle, destination / bundle.name)
            print(f"COPY the binary and {len(list(binary.parent.glob('*.resources')))} "
                  f"resource bundle(s) to {words[-1]}")
        elif keyword == "ENV":
            single = dockerfile.Stage(base="", name=None, instructions=[instruction])
            environment.update(dockerfile.environment(single))
        elif keyword == "USER":
            user = arguments if ":" in arguments else f"{arguments}:{arguments}"
        elif keyword == "WORKDIR":
            workdir = arguments
            (root.path / workdir.lstrip("/")).mkdir(parents=True, exist_ok=True)
        elif keyword not in METADATA_ONLY:
            raise start.CheckFailed(f"line {instruction.line}: cannot execute {keyword}")
    return environment, user, workdir


def check_inside(root: MountedRoot, image: dockerfile.RuntimeImage,
                 environment: dict[str, str], user: str, workdir: str, work: Path) -> None:
    binary = f"{image.install_directory}/{image.entrypoint[0]}"
    linked = root.run(["ldd", binary], environment, user, workdir, capture_output=True)
    missing = [line.strip() for line in linked.stdout.splitlines() if "not found" in line]
    if linked.returncode != 0 or missing:
        raise start.CheckFailed(f"ldd in the image: {missing or linked.stderr.strip()}")
    count = len([line for line in linked.stdout.splitlines() if "=>" in line])
    print(f"ok   ldd in the image resolves all {count} libraries")
    dump = root.run([image.entrypoint[0], "--experimental-dump-help"], environment, user,
                    workdir, capture_output=True)
    if dump.returncode != 0:
        raise start.CheckFailed(f"the binary does not run in the image: {dump.stderr[-2000:]}")
    print(f"ok   the binary runs in the image as {user}")
    names = [c["commandName"] for c in json.loads(dump.stdout)["command"].get("subcommands", [])]
    missing_commands = [n for n in ("serve", "healthcheck") if n not in names]
    if missing_commands:
        raise start.CheckFailed(f"no {' / '.join(missing_commands)} subcommand yet: serving "
                                "from the image not checked")
    port = start.free_port()
    served = dict(environment, COMPUTE_ADVISOR_HOST="127.0.0.1", COMPUTE_ADVISOR_PORT=str(port))
    data = root.path / served["COMPUTE_ADVISOR_DATA_DIR"].lstrip("/")
    database = served.get("COMPUTE_ADVISOR_DATABASE_PATH",
                          served["COMPUTE_ADVISOR_DATA_DIR"] + "/compute-advisor.sqlite")
    start.exercise_server(image, start.Launch(
        prefix=root.command([], user, workdir), executable=image.entrypoint[0],
        environment=served, cwd=None, port=port, data_on_host=data,
        install_on_host=root.path / image.install_directory.lstrip("/"),
        database_on_host=root.path / database.lstrip("/"), log_path=work / "server.log"))


def main(binary: Path, dockerfile_path: Path, cache: Path) -> int:
    if os.getuid() != 0:
        print("FAIL: the image root check needs root (debootstrap, chroot, mount)")
        return 1
    image = dockerfile.runtime_image(dockerfile_path)
    stage = dockerfile.stages(dockerfile_path.read_text())[-1]
    release = image.base.split(":")[1].split("-")[0]
    work = Path(tempfile.mkdtemp(prefix="compute-advisor-rootfs-"))
    root: MountedRoot | None = None
    try:
        root = MountedRoot(base_root(cache, release), work)
        with root:
            environment, user, workdir = execute_runtime_stage(root, stage, binary)
            check_inside(root, image, environment, user, workdir, work)
    except (start.CheckFailed, subprocess.CalledProcessError) as failure:
        print(f"FAIL: {failure}")
        return 1
    finally:
        left = root.still_mounted() if root else []
        if left:
            print(f"warning: {', '.join(left)} still mounted; {work} left in place")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("runtime image root: the Dockerfile's runtime stage runs the binary")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: check_runtime_rootfs.py BINARY DOCKERFILE CACHE_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
