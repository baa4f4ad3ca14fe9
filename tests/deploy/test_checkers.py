"""The deploy checkers must catch drift: each test breaks one thing in a copy of the
repository's deploy files and expects the checker to name it (and the untouched copy to pass).

Run inside the deploy virtual environment (PyYAML, cfn-lint); scripts/test-deploy does.
Set COMPUTE_ADVISOR_BINARY to the release binary to include the runtime-library case.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
COPIED = ["README.md", "Dockerfile", ".dockerignore", "deploy", "scripts/check-runtime-image"]


class ManifestCheckerTests(unittest.TestCase):
    def setUp(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="compute-advisor-deploy-"))
        for name in COPIED:
            source, target = ROOT / name, self.root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)

    def tearDown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.root / name
        text = path.read_text()
        self.assertIn(old, text, f"{name} no longer holds the text this test breaks")
        path.write_text(text.replace(old, new, 1))

    def check(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(HERE / "check_manifests.py"), "--root",
                               str(self.root), *extra], capture_output=True, text=True,
                              timeout=300)

    def serve_stand_in(self, flags: list[str]) -> Path:
        """An executable answering `serve --experimental-dump-help` with these options."""
        arguments = [{"names": [{"kind": "long", "name": flag}]} for flag in [*flags, "help"]]
        dump = json.dumps({"command": {"commandName": "serve", "arguments": arguments}})
        path = self.root / "serve-stand-in"
        path.write_text(f"#!/bin/sh\ncat <<'JSON'\n{dump}\nJSON\n")
        path.chmod(0o755)
        return path

    def documented_flags(self) -> list[str]:
        sys.path.insert(0, str(HERE))
        import config_table

        table = config_table.settings(self.root / "README.md")
        return [setting.flag.removeprefix("--") for setting in table.values()]

    def assert_problem(self, expected: str, *extra: str) -> None:
        result = self.check(*extra)
        self.assertEqual(result.returncode, 1, result.stdout)
        failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
        self.assertTrue(any(expected in line for line in failures),
                        f"no FAIL line with {expected!r} in:\n{result.stdout}")

    def test_unchanged_copy_passes(self) -> None:
        result = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)

    def test_wrong_readiness_path(self) -> None:
        self.edit("deploy/kubernetes/base/deployment.yaml", "path: /readyz", "path: /ready")
        self.assert_problem("readinessProbe must GET /readyz")

    def test_variable_not_in_readme_table(self) -> None:
        self.edit("deploy/kubernetes/base/configmap.yaml", "COMPUTE_ADVISOR_LOG_LEVEL:",
                  "COMPUTE_ADVISOR_LOGLEVEL:")
        self.assert_problem("COMPUTE_ADVISOR_LOGLEVEL is not in README")

    def test_variable_removed_from_readme_table(self) -> None:
        self.edit("README.md", "| `COMPUTE_ADVISOR_DB_POOL_SIZE` |", "| `DB_POOL` |")
        self.assert_problem("COMPUTE_ADVISOR_DB_POOL_SIZE is not in README")

    def test_missing_kustomize_resource(self) -> None:
        (self.root / "deploy/kubernetes/overlays/single/persistentvolumeclaim.yaml").unlink()
        self.assert_problem("resource persistentvolumeclaim.yaml does not exist")

    def test_patch_for_a_resource_that_is_not_there(self) -> None:
        self.edit("deploy/kubernetes/overlays/replicated/horizontalpodautoscaler.yaml",
                  "name: compute-advisor", "name: compute-adviser")
        self.assert_problem("matches no resource")

    def test_single_overlay_keeps_rolling_update(self) -> None:
        self.edit("deploy/kubernetes/overlays/single/kustomization.yaml", "type: Recreate",
                  "type: RollingUpdate")
        self.assert_problem("expected Recreate")

    def test_writable_root_filesystem(self) -> None:
        self.edit("deploy/kubernetes/base/deployment.yaml", "readOnlyRootFilesystem: true",
                  "readOnlyRootFilesystem: false")
        self.assert_problem("readOnlyRootFilesystem not set")

    def test_exposed_port_differs(self) -> None:
        self.edit("Dockerfile", "EXPOSE 8080", "EXPOSE 9090")
        self.assert_problem("EXPOSE [9090], expected [8080]")

    def test_ecs_container_port_differs(self) -> None:
        self.edit("deploy/ecs/compute-advisor.yaml", "- ContainerPort: 8080",
                  "- ContainerPort: 8081")
        self.assert_problem("container ports [8081], expected [8080]")

    def test_ecs_wildcard_action(self) -> None:
        self.edit("deploy/ecs/compute-advisor.yaml", "Action: secretsmanager:GetSecretValue",
                  "Action: secretsmanager:*")
        self.assert_problem("wildcard action secretsmanager:*")

    def test_cfn_lint_runs(self) -> None:
        self.edit("deploy/ecs/compute-advisor.yaml", "Type: AWS::Logs::LogGroup",
                  "Type: AWS::Logs::LogGrop")
        self.assert_problem("cfn-lint")

    def test_compose_does_not_wait_for_a_healthy_database(self) -> None:
        self.edit("deploy/compose.yaml", "condition: service_healthy",
                  "condition: service_started")
        self.assert_problem("must wait for postgres to be healthy")

    def test_serve_flags_matching_the_table_pass(self) -> None:
        result = self.check("--binary", str(self.serve_stand_in(self.documented_flags())))
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("options match the README's table", result.stdout)

    def test_serve_flag_missing_from_the_table(self) -> None:
        # A flag no row documents (a real one, such as --tls-cert, now has its row).
        stand_in = self.serve_stand_in([*self.documented_flags(), "undocumented-flag"])
        self.assert_problem("serve's option --undocumented-flag is missing from the table",
                            "--binary", str(stand_in))

    def test_table_flag_that_serve_does_not_have(self) -> None:
        flags = [f for f in self.documented_flags() if f != "drain-timeout"]
        self.assert_problem("--drain-timeout is in the table but not an option of serve",
                            "--binary", str(self.serve_stand_in(flags)))

    def test_yaml_syntax_error(self) -> None:
        self.edit("deploy/kubernetes/base/service.yaml", "  type: ClusterIP", "  type: [Cluster")
        self.assert_problem("does not parse")


@unittest.skipUnless(os.environ.get("COMPUTE_ADVISOR_BINARY"), "needs the release binary")
class RuntimeLibraryCheckerTests(unittest.TestCase):
    def test_missing_runtime_package_is_named(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            broken = Path(directory) / "Dockerfile"
            text = (ROOT / "Dockerfile").read_text()
            self.assertIn("      libpq5 \\\n", text)
            broken.write_text(text.replace("      libpq5 \\\n", "", 1))
            result = subprocess.run(
                [sys.executable, str(HERE / "check_runtime_libraries.py"),
                 os.environ["COMPUTE_ADVISOR_BINARY"], str(broken)],
                capture_output=True, text=True)
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("add libpq5 to its apt-get install list", result.stdout)


@unittest.skipUnless(os.environ.get("COMPUTE_ADVISOR_BINARY") and os.getuid() == 0,
                     "needs the release binary and root")
class RuntimeRootCheckerTests(unittest.TestCase):
    def test_missing_runtime_package_leaves_a_library_unresolved_in_the_image(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            broken = Path(directory) / "Dockerfile"
            text = (ROOT / "Dockerfile").read_text()
            self.assertIn("      libpq5 \\\n", text)
            broken.write_text(text.replace("      libpq5 \\\n", "", 1))
            result = subprocess.run(
                [sys.executable, str(HERE / "check_runtime_rootfs.py"),
                 os.environ["COMPUTE_ADVISOR_BINARY"], str(broken),
                 str(ROOT / ".build/deploy-rootfs")],
                capture_output=True, text=True, timeout=900)
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("libpq.so.5 => not found", result.stdout)


if __name__ == "__main__":
    unittest.main()
