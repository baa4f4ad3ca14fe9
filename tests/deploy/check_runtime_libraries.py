"""Checks that the runtime image's packages provide every shared library the binary loads.

No Docker engine runs on our machines, so the proof is made on this Debian bookworm host,
the same release as the image's `debian:bookworm-slim` base:

1. `ldd` on the release binary (built like the Dockerfile builds it) lists the libraries;
   none may be missing, and none may be a Swift runtime library (the runtime is linked in
   statically) or libcurl (we use no Foundation networking).
2. `dpkg -S` names the Debian package owning each library file.
3. That package must be one the runtime stage installs, a dependency of one
   (`apt-cache depends --recurse`), or part of every Debian image: the Essential packages
   and their dependencies (libc6 and friends).

Usage: check_runtime_libraries.py BINARY DOCKERFILE
Exit 0 when every library is provided, 1 otherwise, printing one line per library.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dockerfile  # noqa: E402

FORBIDDEN = re.compile(
    r"libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|libcurl"
)


def run(*command: str) -> str:
    """Runs `command` and returns its standard output (raises on failure)."""
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def linked_libraries(binary: Path) -> list[tuple[str, str | None]]:
    """(soname, resolved path or None when not found) for every library `ldd` reports."""
    result: list[tuple[str, str | None]] = []
    for line in run("ldd", str(binary)).splitlines():
        line = line.strip()
        if not line or line.startswith(("linux-vdso", "statically linked")):
            continue
        if "=>" in line:
            name, _, target = line.partition("=>")
            target = target.strip()
            path = None if target.startswith("not found") else target.split(" (")[0]
            result.append((name.strip(), path))
        else:  # the dynamic loader: "/lib64/ld-linux-x86-64.so.2 (0x...)"
            path = line.split(" (")[0]
            result.append((os.path.basename(path), path))
    return result


def owning_package(path: str) -> str | None:
    """The Debian package owning `path`, trying the real path and the merged-/usr aliases."""
    real = os.path.realpath(path)
    candidates: list[str] = []
    for candidate in (path, real):
        candidates.append(candidate)
        if candidate.startswith("/usr/"):
            candidates.append(candidate[len("/usr") :])
        else:
            candidates.append("/usr" + candidate)
    for candidate in dict.fromkeys(candidates):
        found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if found.returncode == 0:
            package = found.stdout.splitlines()[0].split(":")[0].strip()
            return package.split(",")[0].strip()
    return None


def dependency_closure(packages: list[str]) -> set[str]:
    """The packages and everything they depend on or pre-depend on, recursively."""
    if not packages:
        return set()
    output = run(
        "apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests",
        "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", *packages,
    )
    return {line.strip().strip("<>").split(":")[0] for line in output.splitlines()
            if line and not line.startswith(" ")}


def essential_packages() -> list[str]:
    """The packages Debian marks Essential: present in every image, slim ones included."""
    output = run("dpkg-query", "-W", "-f=${Package} ${Essential}\n")
    return [line.split()[0] for line in output.splitlines() if line.endswith(" yes")]


def main(binary: Path, dockerfile_path: Path) -> int:
    image = dockerfile.runtime_image(dockerfile_path)
    print(f"runtime stage: {image.base}; installs: {' '.join(image.packages)}")
    if not image.base.startswith("debian:bookworm"):
        print(f"FAIL: the runtime base {image.base} is not Debian bookworm, the release this "
              "check resolves packages against")
        return 1
    per_listed = {package: dependency_closure([package]) for package in image.packages}
    base = dependency_closure(essential_packages())
    failures = 0
    needed_listed: set[str] = set()
    for name, path in linked_libraries(binary):
        if path is None:
            print(f"FAIL {name}: not found by ldd")
            failures += 1
            continue
        if FORBIDDEN.search(name):
            print(f"FAIL {name} ({path}): must be linked statically or not at all")
            failures += 1
            continue
        package = owning_package(path)
        if package is None:
            print(f"FAIL {name} ({path}): no Debian package owns it")
            failures += 1
            continue
        providers = sorted(listed for listed, closure in per_listed.items() if package in closure)
        needed_listed.update(providers)
        if package in base:
            print(f"ok   {name} -> {package} (in every Debian image)")
        elif providers:
            print(f"ok   {name} -> {package} (via {', '.join(providers)})")
        else:
            print(f"FAIL {name} ({path}) -> {package}: not installed by the runtime stage; "
                  f"add {package} to its apt-get install list")
            failures += 1
    unused = [p for p in image.packages if p not in needed_listed]
    if unused:
        print(f"note: no linked library needs {', '.join(unused)} (data files, or libraries "
              "a later feature links)")
    if failures:
        print(f"runtime libraries: {failures} problem(s)")
        return 1
    print("runtime libraries: every library is provided by the runtime stage")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
