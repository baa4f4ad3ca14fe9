"""Reads the configuration table from README.md, the one list of the service's settings.

The manifests, the Dockerfile and the compose file are checked against it, so a variable
renamed or added in one place and not in the README fails the checks instead of drifting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HEADING = "## Configuration"


@dataclass(frozen=True)
class Setting:
    """One row: environment variable, flag, and the default as written."""

    variable: str
    flag: str
    default: str

    def default_value(self) -> str:
        """The first `code` span of the default column (e.g. `8080`)."""
        match = re.search(r"`([^`]*)`", self.default)
        return match.group(1) if match else self.default

    def container_default(self) -> str | None:
        """The default inside the container when the column says `(container: `X`)`."""
        match = re.search(r"container:\s*`([^`]*)`", self.default)
        return match.group(1) if match else None


def settings(readme: Path) -> dict[str, Setting]:
    """Every row of the table under the README's "## Configuration" heading."""
    text = readme.read_text()
    start = text.find("\n" + HEADING + "\n")
    if start < 0:
        raise ValueError(f"{readme}: no '{HEADING}' section")
    section = text[start + len(HEADING) + 2 :]
    following = re.search(r"^## ", section, flags=re.MULTILINE)
    if following:
        section = section[: following.start()]
    result: dict[str, Setting] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        variable, flag = cells[0].strip("`"), cells[1].strip("`")
        if variable in result:
            raise ValueError(f"{readme}: {variable} appears twice in the configuration table")
        result[variable] = Setting(variable, flag, cells[2])
    if not result:
        raise ValueError(f"{readme}: the '{HEADING}' section has no table rows")
    return result
