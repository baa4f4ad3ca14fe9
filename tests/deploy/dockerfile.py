"""Reads the parts of our Dockerfile that the deploy checks compare against.

Only what the checks need: stages, the runtime stage's `apt-get install` packages, its ENV,
EXPOSE, VOLUME, USER, HEALTHCHECK, STOPSIGNAL and ENTRYPOINT/CMD. Standard library only, so
scripts/check-runtime-image can use it without the virtual environment.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Instruction:
    """One Dockerfile instruction with its continuation lines joined."""

    keyword: str
    arguments: str
    line: int


@dataclass
class Stage:
    """A `FROM ... AS name` stage and its instructions."""

    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        """Every instruction of this stage with `keyword` (upper case)."""
        return [i for i in self.instructions if i.keyword == keyword]

    def last(self, keyword: str) -> Instruction | None:
        """The instruction with `keyword` that takes effect (the last one), if any."""
        found = self.all(keyword)
        return found[-1] if found else None


def instructions(text: str) -> list[Instruction]:
    """Splits Dockerfile text into instructions, joining backslash continuations and
    dropping comments (also comment lines inside a continued instruction, as Docker does)."""
    result: list[Instruction] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not pending):
            continue
        if not pending:
            start = number
        continued = stripped.endswith("\\")
        pending.append(stripped[:-1].rstrip() if continued else stripped)
        if not continued:
            joined = " ".join(part for part in pending if part)
            keyword, _, arguments = joined.partition(" ")
            result.append(Instruction(keyword.upper(), arguments.strip(), start))
            pending = []
    if pending:
        raise ValueError(f"Dockerfile ends inside a continued instruction (line {start})")
    return result


def stages(text: str) -> list[Stage]:
    """The build stages in order; global ARGs before the first FROM are skipped."""
    result: list[Stage] = []
    for instruction in instructions(text):
        if instruction.keyword == "FROM":
            words = instruction.arguments.split()
            words = [w for w in words if not w.startswith("--platform")]
            name = words[2] if len(words) >= 3 and words[1].lower() == "as" else None
            result.append(Stage(base=words[0], name=name))
        elif result:
            result[-1].instructions.append(instruction)
    return result


def global_args(text: str) -> dict[str, str]:
    """`ARG NAME=default` lines before the first FROM (used to resolve `FROM ${NAME}`)."""
    result: dict[str, str] = {}
    for instruction in instructions(text):
        if instruction.keyword == "FROM":
            break
        if instruction.keyword == "ARG":
            name, _, default = instruction.arguments.partition("=")
            result[name.strip()] = default.strip()
    return result


def resolved_base(text: str, stage: Stage) -> str:
    """The stage's base image with `${ARG}` references replaced by their defaults."""
    arguments = global_args(text)
    return re.sub(r"\$\{?(\w+)\}?", lambda m: arguments.get(m.group(1), m.group(0)), stage.base)


def apt_packages(stage: Stage) -> list[str]:
    """Every package named after `apt-get install` in the stage's RUN instructions."""
    packages: list[str] = []
    for run in stage.all("RUN"):
        for command in re.split(r"&&|\|\||;", run.arguments):
            words = shlex.split(command)
            while words and re.fullmatch(r"\w+=.*", words[0]):  # VAR=value prefixes
                words = words[1:]
            if len(words) >= 2 and words[0] in ("apt-get", "apt") and "install" in words:
                after = words[words.index("install") + 1 :]
                # `name=version` pins and `name/release` keep only the name.
                packages += [re.split(r"[=/]", w)[0] for w in after if not w.startswith("-")]
    return packages


def environment(stage: Stage) -> dict[str, str]:
    """The stage's ENV as a dictionary (`ENV A=1 B=2` and legacy `ENV A 1`)."""
    result: dict[str, str] = {}
    for env in stage.all("ENV"):
        words = shlex.split(env.arguments)
        if words and "=" not in words[0]:
            result[words[0]] = " ".join(words[1:])
            continue
        for word in words:
            name, _, value = word.partition("=")
            result[name] = value
    return result


def exec_form(instruction: Instruction | None) -> list[str]:
    """The JSON array of an exec-form instruction (CMD, ENTRYPOINT, VOLUME); [] if absent."""
    if instruction is None:
        return []
    arguments = instruction.arguments
    if not arguments.startswith("["):
        return shlex.split(arguments)
    return json.loads(arguments)


def healthcheck_command(stage: Stage) -> list[str]:
    """The HEALTHCHECK's `CMD [...]` in exec form; [] when the stage has none."""
    instruction = stage.last("HEALTHCHECK")
    if instruction is None:
        return []
    _, _, command = instruction.arguments.partition("CMD ")
    return json.loads(command) if command.strip().startswith("[") else shlex.split(command)


def exposed_ports(stage: Stage) -> list[int]:
    """Ports of every EXPOSE (`8080` or `8080/tcp`)."""
    return [int(p.split("/")[0]) for e in stage.all("EXPOSE") for p in e.arguments.split()]


def copied_destination(stage: Stage, source_prefix: str) -> str | None:
    """Where a `COPY --from=...` whose source starts with `source_prefix` puts its files."""
    for copy in stage.all("COPY"):
        words = [w for w in shlex.split(copy.arguments) if not w.startswith("--")]
        if len(words) >= 2 and words[0].startswith(source_prefix):
            return words[-1]
    return None


@dataclass
class RuntimeImage:
    """What the checks need to know about the image's final (runtime) stage."""

    base: str
    packages: list[str]
    environment: dict[str, str]
    ports: list[int]
    volumes: list[str]
    user: str
    install_directory: str
    entrypoint: list[str]
    command: list[str]
    healthcheck: list[str]
    stop_signal: str


def runtime_image(path: Path) -> RuntimeImage:
    """Reads the last stage of the Dockerfile at `path`, the one `docker build` produces."""
    text = path.read_text()
    all_stages = stages(text)
    if not all_stages:
        raise ValueError(f"{path}: no FROM instruction")
    stage = all_stages[-1]
    user = stage.last("USER")
    stop = stage.last("STOPSIGNAL")
    install = copied_destination(stage, "/staging")
    if install is None:
        raise ValueError(f"{path}: the runtime stage copies nothing from /staging")
    return RuntimeImage(
        base=resolved_base(text, stage),
        packages=apt_packages(stage),
        environment=environment(stage),
        ports=exposed_ports(stage),
        volumes=exec_form(stage.last("VOLUME")),
        user=user.arguments if user else "",
        install_directory=install.rstrip("/"),
        entrypoint=exec_form(stage.last("ENTRYPOINT")),
        command=exec_form(stage.last("CMD")),
        healthcheck=healthcheck_command(stage),
        stop_signal=stop.arguments if stop else "",
    )
