"""Collects the manifest checker's problems so that one run reports all of them."""

from __future__ import annotations


class Findings:
    """Problems found so far, each prefixed with the file it concerns."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checked = 0

    def expect(self, condition: bool, where: str, message: str) -> bool:
        """Records `message` under `where` unless `condition` holds; returns `condition`."""
        self.checked += 1
        if not condition:
            self.problems.append(f"{where}: {message}")
        return condition

    def fail(self, where: str, message: str) -> None:
        """Records a problem unconditionally."""
        self.expect(False, where, message)
