#!/usr/bin/env python3
"""The command line as a user runs it: `recommend` (file, stdin, table), `catalog`, and
bad input (exit code 2 with every problem by field path on stderr).

Usage: cli_test.py BINARY
"""

import json
import subprocess
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINARY = ""


def run(*arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([BINARY, *arguments], input=stdin, capture_output=True, text=True,
                          timeout=60)


class RecommendCommandTests(unittest.TestCase):
    def test_every_example_gets_a_json_answer_with_a_pick(self):
        for example in sorted((ROOT / "examples").glob("*.json")):
            with self.subTest(example=example.name):
                result = run("recommend", str(example))
                self.assertEqual(result.returncode, 0, result.stderr)
                answer = json.loads(result.stdout)
                self.assertEqual(len(answer["options"]), 6)
                self.assertIn(answer["recommendation"]["option"],
                              [option["option"] for option in answer["options"] if option["eligible"]])

    def test_standard_input_gives_the_same_answer_as_the_file(self):
        example = ROOT / "examples" / "web-backend.json"
        from_file = run("recommend", str(example))
        from_stdin = run("recommend", "-", stdin=example.read_text())
        self.assertEqual(from_stdin.returncode, 0, from_stdin.stderr)
        self.assertEqual(from_file.stdout, from_stdin.stdout)

    def test_table_names_every_option(self):
        result = run("recommend", str(ROOT / "examples" / "web-backend.json"), "--format", "table")
        self.assertEqual(result.returncode, 0, result.stderr)
        for name in ["EC2", "Lambda", "Fargate", "EKS"]:
            self.assertIn(name, result.stdout)

    def test_invalid_workload_exits_2_listing_every_problem_by_path(self):
        workload = {"pattern": "request-driven",
                    "traffic": {"requestsPerSecond": {"average": 10, "peak": 5}},
                    "resources": {"memoryMiB": 100000000, "architecture": "sparc"},
                    "colour": "blue"}
        result = run("recommend", "-", stdin=json.dumps(workload))
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, "")
        for path in ["traffic.requestsPerSecond", "resources.memoryMiB",
                     "resources.architecture", "colour"]:
            self.assertIn(path, result.stderr)

    def test_malformed_json_exits_2_with_the_position(self):
        result = run("recommend", "-", stdin='{"pattern": ')
        self.assertEqual(result.returncode, 2)
        self.assertIn(":1:13:", result.stderr)  # file:line:column

    def test_missing_file_is_an_error_not_an_answer(self):
        result = run("recommend", "/nonexistent/workload.json")
        self.assertNotEqual(result.returncode, 0)
        self.assertEqual(result.stdout, "")


class CatalogCommandTests(unittest.TestCase):
    def test_catalog_lists_options_limits_and_sources(self):
        result = run("catalog")
        self.assertEqual(result.returncode, 0, result.stderr)
        for text in ["lambda", "ecs-fargate", "eks-ec2", "us-east-1", "aws.amazon.com"]:
            self.assertIn(text, result.stdout)


if __name__ == "__main__":
    BINARY = sys.argv.pop(1)
    unittest.main(verbosity=2)
