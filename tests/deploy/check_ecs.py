"""Checks the ECS CloudFormation template against the Dockerfile and the README's table,
then runs cfn-lint (informational rules included) on it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from config_table import Setting
from dockerfile import RuntimeImage
from findings import Findings

# The only actions that may use Resource "*": ECR's token call cannot be scoped, and the image
# may live in any repository the operator chooses.
ACTIONS_ALLOWED_ON_ANY_RESOURCE = {
    "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
    "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
}


class CloudFormationLoader(yaml.SafeLoader):
    """YAML loader that turns short-form intrinsics (`!Ref x`) into their long form."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    name = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {name: value}


CloudFormationLoader.add_multi_constructor("!", _intrinsic)


def load(path: Path) -> dict[str, Any]:
    """The template as plain data (intrinsics in long form)."""
    with path.open() as stream:
        return yaml.load(stream, Loader=CloudFormationLoader)  # noqa: S506 (safe subclass)


def resources_of(template: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [r.get("Properties", {}) for r in template.get("Resources", {}).values()
            if r.get("Type") == kind]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def check_template(path: Path, image: RuntimeImage, table: dict[str, Setting],
                   findings: Findings) -> None:
    where = str(path)
    template = load(path)
    port = image.ports[0]
    definitions = resources_of(template, "AWS::ECS::TaskDefinition")
    if not findings.expect(len(definitions) == 1, where, "expected one task definition"):
        return
    definition = definitions[0]
    findings.expect("FARGATE" in definition.get("RequiresCompatibilities", []), where,
                    "the task definition must require FARGATE")
    containers = definition.get("ContainerDefinitions", [])
    if not findings.expect(len(containers) == 1, where, "expected one container"):
        return
    container = containers[0]
    ports = [m.get("ContainerPort") for m in container.get("PortMappings", [])]
    findings.expect(ports == [port], where, f"container ports {ports}, expected [{port}]")
    environment = {e["Name"]: e.get("Value") for e in container.get("Environment", [])}
    secrets = {s["Name"]: s.get("ValueFrom") for s in container.get("Secrets", [])}
    for variable in [*environment, *secrets]:
        findings.expect(variable in table, where,
                        f"variable {variable} is not in README's configuration table")
    findings.expect(str(environment.get("COMPUTE_ADVISOR_PORT", port)) == str(port), where,
                    "COMPUTE_ADVISOR_PORT is not the container port")
    findings.expect(secrets.get("DATABASE_URL") == {"Ref": "DatabaseUrlSecretArn"}, where,
                    "DATABASE_URL must come from the DatabaseUrlSecretArn secret")
    findings.expect(container.get("HealthCheck", {}).get("Command") == ["CMD", *image.healthcheck],
                    where, "container HealthCheck differs from the Dockerfile's HEALTHCHECK")
    findings.expect(container.get("ReadonlyRootFilesystem") is True, where,
                    "ReadonlyRootFilesystem must be true")
    mounts = [m.get("ContainerPath") for m in container.get("MountPoints", [])]
    data_dir = environment.get("COMPUTE_ADVISOR_DATA_DIR", image.volumes[0])
    findings.expect(data_dir == image.volumes[0] and data_dir in mounts and "/tmp" in mounts,
                    where, f"data dir {data_dir} and /tmp must be mounted, mounts are {mounts}")
    findings.expect(container.get("LogConfiguration", {}).get("LogDriver") == "awslogs", where,
                    "logs must go to CloudWatch (awslogs)")

    groups = resources_of(template, "AWS::ElasticLoadBalancingV2::TargetGroup")
    for group in groups:
        findings.expect(group.get("HealthCheckPath") == "/healthz", where,
                        f"target group health check path {group.get('HealthCheckPath')}")
        findings.expect(group.get("Port") == port, where, f"target group port {group.get('Port')}")
    findings.expect(len(groups) == 1, where, "expected one target group")
    for service in resources_of(template, "AWS::ECS::Service"):
        for balancer in service.get("LoadBalancers", []):
            findings.expect(balancer.get("ContainerPort") == port, where,
                            f"service load balancer port {balancer.get('ContainerPort')}")
    policies = resources_of(template, "AWS::ApplicationAutoScaling::ScalingPolicy")
    findings.expect(any(p.get("PolicyType") == "TargetTrackingScaling" for p in policies), where,
                    "no target tracking scaling policy")
    check_roles(template, where, findings)


def check_roles(template: dict[str, Any], where: str, findings: Findings) -> None:
    """Least privilege: no wildcard actions, no managed admin policies, `*` only for ECR."""
    for role in resources_of(template, "AWS::IAM::Role"):
        for arn in role.get("ManagedPolicyArns", []):
            findings.fail(where, f"managed policy {arn}: write the statements out instead")
        for policy in role.get("Policies", []):
            for statement in policy["PolicyDocument"]["Statement"]:
                actions = as_list(statement.get("Action", []))
                for action in actions:
                    findings.expect("*" not in str(action), where, f"wildcard action {action}")
                if "*" in as_list(statement.get("Resource")):
                    wide = set(actions) - ACTIONS_ALLOWED_ON_ANY_RESOURCE
                    findings.expect(not wide, where, f"Resource '*' for {sorted(wide)}")


def run_cfn_lint(paths: list[Path], findings: Findings) -> None:
    """cfn-lint, informational findings included; its output is the problem text."""
    linter = shutil.which("cfn-lint", path=str(Path(sys.executable).parent)) or \
        shutil.which("cfn-lint")
    if not findings.expect(linter is not None, "cfn-lint", "not installed in the environment"):
        return
    result = subprocess.run([linter, "--include-checks", "I", "--", *map(str, paths)],
                            capture_output=True, text=True)
    findings.expect(result.returncode == 0, "cfn-lint",
                    (result.stdout + result.stderr).strip() or f"exit {result.returncode}")
    print(f"  cfn-lint --include-checks I: {'clean' if result.returncode == 0 else 'problems'}")


def check(root: Path, image: RuntimeImage, table: dict[str, Setting],
          findings: Findings) -> None:
    templates = sorted((root / "deploy/ecs").glob("*.yaml"))
    if not findings.expect(bool(templates), "deploy/ecs", "no CloudFormation template"):
        return
    for template in templates:
        check_template(template, image, table, findings)
    run_cfn_lint(templates, findings)
