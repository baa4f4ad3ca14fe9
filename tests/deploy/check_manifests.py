"""The deploy manifest checker: everything under deploy/, the Dockerfile and the README's
configuration table must agree, since no cluster or Docker engine is here to find out.

Checks: every YAML file parses; the Dockerfile's runtime stage (ports, volume, user,
health check, stop signal, variable names); the Kubernetes overlays rendered with their
kustomize references resolved (check_kubernetes); the ECS template and cfn-lint
(check_ecs); the compose file; and, given `--binary` with a `serve` subcommand, that the
table's flags are exactly serve's options.

Usage: check_manifests.py [--root DIR] [--binary PATH]   (exit 0 when clean, 1 otherwise)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_ecs  # noqa: E402
import check_kubernetes  # noqa: E402
import config_table  # noqa: E402
import dockerfile  # noqa: E402
from findings import Findings  # noqa: E402

BUILD_COMMAND = "swift build -c release --static-swift-stdlib --product compute-advisor"


def check_yaml_parses(root: Path, findings: Findings) -> None:
    for path in sorted([*root.glob("deploy/**/*.yaml"), *root.glob("deploy/**/*.yml")]):
        loader = check_ecs.CloudFormationLoader if "ecs" in path.parts else yaml.SafeLoader
        try:
            with path.open() as stream:
                documents = [d for d in yaml.load_all(stream, Loader=loader) if d is not None]
            findings.expect(bool(documents), str(path.relative_to(root)), "empty YAML file")
        except yaml.YAMLError as error:
            findings.fail(str(path.relative_to(root)), f"does not parse: {error}")


def check_dockerfile(root: Path, image: dockerfile.RuntimeImage,
                     table: dict[str, config_table.Setting], findings: Findings) -> None:
    where = "Dockerfile"
    text = (root / "Dockerfile").read_text()
    build = dockerfile.stages(text)[0]
    findings.expect(dockerfile.resolved_base(text, build).startswith("swift:6.3-bookworm"),
                    where, "the build stage must use swift:6.3-bookworm")
    findings.expect(any(BUILD_COMMAND in run.arguments for run in build.all("RUN")), where,
                    f"the build stage must run `{BUILD_COMMAND}`")
    findings.expect(BUILD_COMMAND in (root / "scripts/check-runtime-image").read_text(),
                    "scripts/check-runtime-image", "must build the binary like the Dockerfile")
    findings.expect(image.base == "debian:bookworm-slim", where, f"runtime base {image.base}")
    for package in image.packages:
        findings.expect(not package.endswith("-dev") and package not in ("curl", "wget"),
                        where, f"runtime stage installs {package}")
    port = int(table["COMPUTE_ADVISOR_PORT"].default_value())
    findings.expect(image.ports == [port], where, f"EXPOSE {image.ports}, expected [{port}]")
    for variable in image.environment:
        if variable != "PATH":
            findings.expect(variable in table, where,
                            f"ENV {variable} is not in README's configuration table")
    findings.expect(image.environment.get("COMPUTE_ADVISOR_PORT") == str(port), where,
                    "ENV COMPUTE_ADVISOR_PORT differs from EXPOSE")
    data_dir = table["COMPUTE_ADVISOR_DATA_DIR"].container_default()
    findings.expect(image.environment.get("COMPUTE_ADVISOR_DATA_DIR") == data_dir, where,
                    f"ENV COMPUTE_ADVISOR_DATA_DIR is not README's container default {data_dir}")
    findings.expect(image.volumes == [data_dir], where, f"VOLUME {image.volumes} != [{data_dir}]")
    uid = image.user.split(":")[0]
    findings.expect(uid.isdigit() and int(uid) != 0, where, f"USER {image.user} is not non-root")
    findings.expect(image.entrypoint == ["compute-advisor"] and image.command == ["serve"],
                    where, "ENTRYPOINT/CMD must be compute-advisor serve")
    findings.expect(image.healthcheck[:2] == ["compute-advisor", "healthcheck"], where,
                    f"HEALTHCHECK must run compute-advisor healthcheck, runs {image.healthcheck}")
    findings.expect(image.stop_signal == "SIGTERM", where, "STOPSIGNAL must be SIGTERM")
    ignore = (root / ".dockerignore")
    findings.expect(ignore.is_file() and ".build" in ignore.read_text(), ".dockerignore",
                    "must exist and keep .build out of the context")


def check_compose(root: Path, image: dockerfile.RuntimeImage,
                  table: dict[str, config_table.Setting], findings: Findings) -> None:
    path = root / "deploy/compose.yaml"
    where = str(path.relative_to(root))
    if not findings.expect(path.is_file(), where, "missing"):
        return
    services: dict[str, Any] = yaml.safe_load(path.read_text()).get("services", {})
    app = services.get("compute-advisor")
    if not findings.expect(app is not None, where, "no compute-advisor service"):
        return
    build = app.get("build", {})
    built = (path.parent / build.get("context", ".") / build.get("dockerfile", "Dockerfile"))
    findings.expect(built.resolve() == (root / "Dockerfile").resolve(), where,
                    f"builds {built}, not the repository's Dockerfile")
    targets = [int(str(p).rsplit(":", 1)[-1]) for p in app.get("ports", [])]
    findings.expect(targets == image.ports, where, f"container ports {targets} != EXPOSE")
    environment = app.get("environment", {})
    for variable in environment:
        findings.expect(variable in table, where,
                        f"variable {variable} is not in README's configuration table")
    database = urlparse(str(environment.get("DATABASE_URL", "")))
    host = database.hostname
    findings.expect(database.scheme in ("postgres", "postgresql") and host in services, where,
                    f"DATABASE_URL must point at a compose service, points at {host}")
    if host in services:
        findings.expect("healthcheck" in services[host], where, f"{host} has no healthcheck")
        condition = app.get("depends_on", {}).get(host, {}).get("condition")
        findings.expect(condition == "service_healthy", where,
                        f"compute-advisor must wait for {host} to be healthy")
    findings.expect(app.get("healthcheck", {}).get("test") == ["CMD", *image.healthcheck], where,
                    "healthcheck differs from the Dockerfile's HEALTHCHECK")
    volumes = [str(v).split(":")[1] for v in app.get("volumes", [])]
    findings.expect(image.volumes[0] in volumes, where, "no volume at the data directory")
    findings.expect(app.get("read_only") is True and "/tmp" in app.get("tmpfs", []), where,
                    "read_only root with a /tmp tmpfs expected")


def check_serve_flags(binary: Path, table: dict[str, config_table.Setting],
                      findings: Findings) -> None:
    """The table's flags are exactly `serve`'s options (skipped, and said, before serve)."""
    dump = subprocess.run([str(binary), "serve", "--experimental-dump-help"],
                          capture_output=True, text=True)
    try:
        command = json.loads(dump.stdout)["command"]
    except (json.JSONDecodeError, KeyError):
        command = {}
    if command.get("commandName") != "serve":
        print("  note: the binary has no `serve` subcommand yet: README flags not compared")
        return
    options = {name["name"] for argument in command.get("arguments", [])
               for name in argument.get("names", []) if name.get("kind") == "long"}
    options -= {"help", "version"}
    documented = {setting.flag.removeprefix("--") for setting in table.values()}
    for flag in sorted(documented - options):
        findings.fail("README.md", f"--{flag} is in the table but not an option of serve")
    for flag in sorted(options - documented):
        findings.fail("README.md", f"serve's option --{flag} is missing from the table")
    print(f"  serve's {len(options)} options match the README's table")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument("--binary", type=Path)
    arguments = parser.parse_args()
    root = arguments.root.resolve()
    findings = Findings()
    table = config_table.settings(root / "README.md")
    image = dockerfile.runtime_image(root / "Dockerfile")
    print(f"configuration table: {len(table)} variables")
    check_yaml_parses(root, findings)
    check_dockerfile(root, image, table, findings)
    print("kubernetes:")
    check_kubernetes.check(root, image, table, findings)
    print("ecs:")
    check_ecs.check(root, image, table, findings)
    check_compose(root, image, table, findings)
    if arguments.binary:
        check_serve_flags(arguments.binary, table, findings)
    for problem in findings.problems:
        print(f"FAIL {problem}")
    print(f"manifests: {findings.checked} checks, {len(findings.problems)} problem(s)")
    return 1 if findings.problems else 0


if __name__ == "__main__":
    sys.exit(main())
