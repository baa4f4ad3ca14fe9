"""A small kustomize renderer: just the features our deploy/kubernetes/ tree uses.

No cluster and no kustomize binary are guaranteed on our machines, so the manifest checker
renders overlays itself: `resources` (files and directories, recursively), `labels` (with
`includeSelectors`), `images`, and `patches` given by `path` or inline `patch`, either
strategic-merge (maps merged, lists of named items merged by `name`, `null` deletes a key,
`$patch: delete` removes a resource) or JSON 6902 (`add`, `replace`, `remove`). Anything
else is reported as unsupported rather than ignored. When `kubectl` is installed, the
checker also compares this rendering with `kubectl kustomize`.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

SUPPORTED_FIELDS = {"apiVersion", "kind", "resources", "labels", "images", "patches"}


class KustomizeError(Exception):
    """A reference that does not resolve, or a feature this renderer does not support."""


def resource_key(resource: dict[str, Any]) -> tuple[str, str]:
    """(kind, name): how patches and the checks find a resource."""
    return resource.get("kind", ""), resource.get("metadata", {}).get("name", "")


def load_documents(path: Path) -> list[dict[str, Any]]:
    """Every non-empty YAML document in the file."""
    with path.open() as stream:
        return [doc for doc in yaml.safe_load_all(stream) if doc]


def render(directory: Path) -> list[dict[str, Any]]:
    """The resources `kustomize build DIRECTORY` would produce (for our feature subset)."""
    kustomization_path = directory / "kustomization.yaml"
    if not kustomization_path.is_file():
        raise KustomizeError(f"{directory}: no kustomization.yaml")
    kustomization = load_documents(kustomization_path)[0]
    unsupported = set(kustomization) - SUPPORTED_FIELDS
    if unsupported:
        raise KustomizeError(f"{kustomization_path}: unsupported fields {sorted(unsupported)}")
    resources: list[dict[str, Any]] = []
    for entry in kustomization.get("resources", []):
        target = (directory / entry).resolve()
        if target.is_dir():
            resources += render(target)
        elif target.is_file():
            resources += load_documents(target)
        else:
            raise KustomizeError(f"{kustomization_path}: resource {entry} does not exist")
    for patch in kustomization.get("patches", []):
        resources = apply_patch(resources, patch, directory, kustomization_path)
    for label in kustomization.get("labels", []):
        for resource in resources:
            add_labels(resource, label["pairs"], label.get("includeSelectors", False))
    for image in kustomization.get("images", []):
        for resource in resources:
            set_image(resource, image)
    return resources


def apply_patch(resources: list[dict[str, Any]], patch: dict[str, Any], directory: Path,
                origin: Path) -> list[dict[str, Any]]:
    if "path" in patch:
        patch_path = directory / patch["path"]
        if not patch_path.is_file():
            raise KustomizeError(f"{origin}: patch {patch['path']} does not exist")
        text = patch_path.read_text()
    else:
        text = patch["patch"]
    body = yaml.safe_load(text)
    if isinstance(body, list):
        selector = patch.get("target")
        if not selector:
            raise KustomizeError(f"{origin}: a JSON 6902 patch needs a target")
        matches = [r for r in resources if selects(selector, r)]
        if not matches:
            raise KustomizeError(f"{origin}: patch target {selector} matches no resource")
        for resource in matches:
            for operation in body:
                apply_json6902(resource, operation, origin)
        return resources
    key = resource_key(body)
    matches = [r for r in resources if resource_key(r) == key]
    if not matches:
        raise KustomizeError(f"{origin}: patch for {key[0]}/{key[1]} matches no resource")
    if body.get("$patch") == "delete":
        return [r for r in resources if resource_key(r) != key]
    for resource in matches:
        strategic_merge(resource, body)
    return resources


def selects(selector: dict[str, Any], resource: dict[str, Any]) -> bool:
    group, _, version = resource.get("apiVersion", "").rpartition("/")
    actual = {"group": group, "version": version, "kind": resource.get("kind"),
              "name": resource.get("metadata", {}).get("name")}
    return all(actual.get(field) == value for field, value in selector.items())


def strategic_merge(target: dict[str, Any], patch: dict[str, Any]) -> None:
    """Merges `patch` into `target` in place (maps by key, named lists by `name`)."""
    for key, value in patch.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            strategic_merge(target[key], value)
        elif isinstance(value, list) and isinstance(target.get(key), list) and named(value):
            merged = target[key]
            for item in value:
                existing = next((m for m in merged if m.get("name") == item["name"]), None)
                if existing is None:
                    merged.append(copy.deepcopy(item))
                else:
                    strategic_merge(existing, item)
        else:
            target[key] = copy.deepcopy(value)


def named(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(i, dict) and "name" in i for i in items)


def apply_json6902(resource: dict[str, Any], operation: dict[str, Any], origin: Path) -> None:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in operation["path"].split("/")[1:]]
    parent: Any = resource
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent[part]
    last = parts[-1]
    op = operation["op"]
    if op in ("add", "replace"):
        if isinstance(parent, list):
            index = len(parent) if last == "-" else int(last)
            if op == "add":
                parent.insert(index, copy.deepcopy(operation["value"]))
            else:
                parent[index] = copy.deepcopy(operation["value"])
        else:
            if op == "replace" and last not in parent:
                raise KustomizeError(f"{origin}: replace of missing {operation['path']}")
            parent[last] = copy.deepcopy(operation["value"])
    elif op == "remove":
        del parent[int(last) if isinstance(parent, list) else last]
    else:
        raise KustomizeError(f"{origin}: unsupported JSON 6902 operation {op}")


def add_labels(resource: dict[str, Any], pairs: dict[str, str], selectors: bool) -> None:
    resource.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
    if not selectors:
        return
    spec = resource.get("spec", {})
    kind = resource.get("kind")
    if kind == "Service":
        spec.setdefault("selector", {}).update(pairs)
    elif kind in ("Deployment", "StatefulSet", "DaemonSet", "PodDisruptionBudget"):
        spec.setdefault("selector", {}).setdefault("matchLabels", {}).update(pairs)
    if "template" in spec:
        template = spec["template"]
        template.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
        # kustomize 5 also extends the pods' own topology spread selectors (not affinities).
        for constraint in template.get("spec", {}).get("topologySpreadConstraints", []):
            constraint.setdefault("labelSelector", {}).setdefault("matchLabels", {}).update(pairs)


def set_image(resource: dict[str, Any], image: dict[str, str]) -> None:
    pod = resource.get("spec", {}).get("template", {}).get("spec", {})
    for container in pod.get("containers", []) + pod.get("initContainers", []):
        name, _, _ = container["image"].partition(":")
        if name == image["name"]:
            new_name = image.get("newName", name)
            container["image"] = f"{new_name}:{image['newTag']}" if "newTag" in image else new_name
