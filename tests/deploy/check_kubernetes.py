"""Checks the rendered Kubernetes overlays against the Dockerfile and the README's table."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

import kustomize
from config_table import Setting
from dockerfile import RuntimeImage
from findings import Findings

# What each overlay promises (README, "Deploy").
OVERLAYS: dict[str, dict[str, Any]] = {
    "single": {"replicas": 1, "strategy": "Recreate", "store": "sqlite", "autoscaled": False},
    "replicated": {"replicas": 3, "strategy": "RollingUpdate", "store": "postgresql",
                   "autoscaled": True},
}


def only(resources: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r for r in resources if r.get("kind") == kind]


def named_port(container: dict[str, Any], port: Any) -> int | None:
    """The container port number a probe or Service `port` (name or number) refers to."""
    for entry in container.get("ports", []):
        if port in (entry.get("name"), entry.get("containerPort")):
            return entry["containerPort"]
    return None


def check_overlay(name: str, resources: list[dict[str, Any]], image: RuntimeImage,
                  table: dict[str, Setting], readme: str, findings: Findings) -> None:
    where = f"deploy/kubernetes/overlays/{name}"
    expected = OVERLAYS[name]
    deployments = only(resources, "Deployment")
    if not findings.expect(len(deployments) == 1, where, "expected exactly one Deployment"):
        return
    deployment = deployments[0]
    spec = deployment["spec"]
    pod = spec["template"]["spec"]
    pod_labels = spec["template"]["metadata"].get("labels", {})
    containers = [c for c in pod["containers"] if c["name"] == "compute-advisor"]
    if not findings.expect(len(containers) == 1, where, "no container named compute-advisor"):
        return
    container = containers[0]
    port = image.ports[0]

    findings.expect(spec.get("replicas") == expected["replicas"], where,
                    f"replicas {spec.get('replicas')}, expected {expected['replicas']}")
    findings.expect(spec.get("strategy", {}).get("type") == expected["strategy"], where,
                    f"strategy {spec.get('strategy')}, expected {expected['strategy']}")
    findings.expect(container["image"].split(":")[0].endswith(image.entrypoint[0]), where,
                    f"image {container['image']} is not the compute-advisor image")
    findings.expect(named_port(container, "http") == port, where,
                    f"container port 'http' is not the Dockerfile's EXPOSE {port}")
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"),
                        ("startupProbe", "/healthz")):
        http = container.get(probe, {}).get("httpGet")
        if probe != "startupProbe" or http is not None:
            ok = http is not None and http.get("path") == path
            findings.expect(ok, where, f"{probe} must GET {path}, has {http}")
            if http is not None:
                findings.expect(named_port(container, http.get("port")) == port, where,
                                f"{probe} port {http.get('port')} is not container port {port}")

    # Security: the pod and the container.
    pod_security = pod.get("securityContext", {})
    security = container.get("securityContext", {})
    uid = int(image.user.split(":")[0])
    findings.expect(pod_security.get("runAsNonRoot") is True, where, "runAsNonRoot not set")
    findings.expect(pod_security.get("runAsUser") == uid, where,
                    f"runAsUser {pod_security.get('runAsUser')} is not the image's USER {uid}")
    findings.expect(pod_security.get("seccompProfile", {}).get("type") == "RuntimeDefault",
                    where, "seccompProfile must be RuntimeDefault")
    findings.expect(security.get("readOnlyRootFilesystem") is True, where,
                    "readOnlyRootFilesystem not set")
    findings.expect(security.get("allowPrivilegeEscalation") is False, where,
                    "allowPrivilegeEscalation must be false")
    findings.expect(security.get("capabilities", {}).get("drop") == ["ALL"], where,
                    "capabilities must drop ALL")
    findings.expect("resources" in container and "requests" in container["resources"], where,
                    "container has no resource requests (the autoscaler needs them)")

    # Configuration: every variable is one of the README's, and agrees with the image.
    environment: dict[str, Any] = {}
    for source in container.get("envFrom", []):
        reference = source.get("configMapRef", {}).get("name")
        maps = [m for m in only(resources, "ConfigMap") if m["metadata"]["name"] == reference]
        if findings.expect(len(maps) == 1, where, f"envFrom ConfigMap {reference} not rendered"):
            environment.update(maps[0].get("data", {}))
    for variable in container.get("env", []):
        environment[variable["name"]] = variable.get("value", variable.get("valueFrom"))
    for variable in environment:
        findings.expect(variable in table, where,
                        f"environment variable {variable} is not in README's configuration table")
    findings.expect(str(environment.get("COMPUTE_ADVISOR_PORT", port)) == str(port), where,
                    f"COMPUTE_ADVISOR_PORT is not the container port {port}")
    data_dir = environment.get("COMPUTE_ADVISOR_DATA_DIR", image.volumes[0])
    findings.expect(data_dir == image.volumes[0], where,
                    f"COMPUTE_ADVISOR_DATA_DIR {data_dir} is not the image's VOLUME")
    mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
    findings.expect(data_dir in mounts, where, f"nothing mounted at the data dir {data_dir}")
    findings.expect("/tmp" in mounts, where, "read-only root filesystem needs /tmp mounted")
    drain = int(environment.get("COMPUTE_ADVISOR_DRAIN_TIMEOUT_SECONDS", 20))
    pre_stop = container.get("lifecycle", {}).get("preStop", {}).get("exec", {})
    pause = int(pre_stop["command"][1]) if pre_stop.get("command", [""])[0] == "sleep" else 0
    grace = pod.get("terminationGracePeriodSeconds", 30)
    findings.expect(grace > drain + pause, where,
                    f"terminationGracePeriodSeconds {grace} <= preStop {pause} + drain {drain}")

    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    data_volume = volumes.get(mounts.get(data_dir, ""), {})
    database_url = environment.get("DATABASE_URL")
    if expected["store"] == "sqlite":
        claim = data_volume.get("persistentVolumeClaim", {}).get("claimName")
        claims = [c["metadata"]["name"] for c in only(resources, "PersistentVolumeClaim")]
        findings.expect(claim is not None and claim in claims, where,
                        f"the data dir must be on a rendered claim, is {data_volume}")
        findings.expect(database_url is None, where, "single (SQLite) must not set DATABASE_URL")
    else:
        secret = (database_url or {}).get("secretKeyRef", {}) if isinstance(database_url, dict) \
            else {}
        findings.expect(bool(secret.get("name")), where, "DATABASE_URL must come from a Secret")
        findings.expect(secret.get("name", "") in readme, where,
                        f"README does not tell how to create the Secret {secret.get('name')}")

    services = only(resources, "Service")
    if findings.expect(len(services) == 1, where, "expected exactly one Service"):
        service = services[0]["spec"]
        selector = service.get("selector", {})
        findings.expect(bool(selector) and selector.items() <= pod_labels.items(), where,
                        f"Service selector {selector} does not select the pods {pod_labels}")
        for entry in service.get("ports", []):
            findings.expect(named_port(container, entry.get("targetPort")) == port, where,
                            f"Service targetPort {entry.get('targetPort')} is not port {port}")
    budgets = only(resources, "PodDisruptionBudget")
    autoscalers = only(resources, "HorizontalPodAutoscaler")
    findings.expect(bool(budgets) == expected["autoscaled"], where,
                    f"PodDisruptionBudget {'missing' if expected['autoscaled'] else 'present'}")
    findings.expect(bool(autoscalers) == expected["autoscaled"], where,
                    f"HorizontalPodAutoscaler {'missing' if expected['autoscaled'] else 'present'}")
    for budget in budgets:
        labels = budget["spec"].get("selector", {}).get("matchLabels", {})
        findings.expect(bool(labels) and labels.items() <= pod_labels.items(), where,
                        "PodDisruptionBudget selector does not select the pods")
    for autoscaler in autoscalers:
        target = autoscaler["spec"]["scaleTargetRef"]
        findings.expect(target.get("kind") == "Deployment"
                        and target.get("name") == deployment["metadata"]["name"], where,
                        f"HorizontalPodAutoscaler scales {target}, not the Deployment")
        findings.expect(autoscaler["spec"].get("minReplicas", 1) >= expected["replicas"], where,
                        "HorizontalPodAutoscaler minReplicas below the overlay's replicas")


def compare_with_kubectl(directory: Path, ours: list[dict[str, Any]],
                         findings: Findings) -> str:
    """Compares our rendering with `kubectl kustomize` when kubectl is installed."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        return "kubectl not installed: rendered with our renderer only"
    rendered = subprocess.run([kubectl, "kustomize", str(directory)], capture_output=True,
                              text=True)
    if not findings.expect(rendered.returncode == 0, str(directory),
                           f"kubectl kustomize failed: {rendered.stderr.strip()}"):
        return "kubectl kustomize failed"
    theirs = [d for d in yaml.safe_load_all(rendered.stdout) if d]
    key = kustomize.resource_key

    def canonical(resources: list[dict[str, Any]]) -> str:
        return json.dumps(sorted(resources, key=key), sort_keys=True)

    findings.expect(canonical(ours) == canonical(theirs), str(directory),
                    "our rendering differs from kubectl kustomize's")
    return "identical to kubectl kustomize"


def check(root: Path, image: RuntimeImage, table: dict[str, Setting],
          findings: Findings) -> None:
    """Renders every kustomization under deploy/kubernetes and checks the overlays."""
    base = root / "deploy/kubernetes"
    readme = (root / "README.md").read_text()
    for kustomization in sorted(base.rglob("kustomization.yaml")):
        directory = kustomization.parent
        try:
            resources = kustomize.render(directory)
        except (kustomize.KustomizeError, yaml.YAMLError, KeyError, IndexError,
                ValueError) as error:
            findings.fail(str(directory.relative_to(root)), f"does not render: {error}")
            continue
        print(f"  {directory.relative_to(root)}: {len(resources)} resources, "
              f"{compare_with_kubectl(directory, resources, findings)}")
        if directory.parent.name == "overlays":
            if findings.expect(directory.name in OVERLAYS, str(directory),
                               "an overlay the checker knows nothing about"):
                check_overlay(directory.name, resources, image, table, readme, findings)
    for name in OVERLAYS:
        findings.expect((base / "overlays" / name / "kustomization.yaml").is_file(),
                        "deploy/kubernetes", f"overlay {name} is missing")
