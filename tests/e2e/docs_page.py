#!/usr/bin/env python3
"""Docs page check: loads /docs in headless Chromium over the DevTools protocol.

Fails when the page logs any console error or warning (CSP violations included), throws,
misses an operation of the contract, or cannot show an answer: it clicks "Recommend"
and "Compare (chart)" with the first example and checks what the page then shows.
Writes screenshots (whole page, first screen, answer, chart) and the chart's SVG to OUT_DIR.

Usage: docs_page.py BASE_URL OUT_DIR [--chromium chromium]
"""

import argparse
import asyncio
import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets


class DevTools:
    """A minimal Chrome DevTools Protocol client for one page."""

    def __init__(self, socket):
        self.socket = socket
        self.next_id = 0
        self.pending = {}
        self.events = []
        self.reader = asyncio.create_task(self._read())

    async def _read(self):
        async for text in self.socket:
            message = json.loads(text)
            if "id" in message and message["id"] in self.pending:
                self.pending.pop(message["id"]).set_result(message)
            elif "method" in message:
                self.events.append(message)

    async def call(self, method, **params):
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        message = await asyncio.wait_for(future, 30)
        if "error" in message:
            raise RuntimeError(f"{method}: {message['error']}")
        return message["result"]

    async def evaluate(self, expression):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                                 awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def wait_for(self, expression, timeout=20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if await self.evaluate(expression):
                return True
            await asyncio.sleep(0.1)
        return False

    async def screenshot(self, path, selector=None, whole_page=True):
        params = {"format": "png", "captureBeyondViewport": whole_page}
        if selector:
            box = await self.evaluate(
                f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
                ".getBoundingClientRect(); return {x: r.left + scrollX, y: r.top + scrollY, "
                "width: r.width, height: r.height}; })()")
            params["clip"] = dict(box, scale=1)
        elif whole_page:
            metrics = await self.call("Page.getLayoutMetrics")
            size = metrics["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                              "scale": 1}
        data = await self.call("Page.captureScreenshot", **params)
        Path(path).write_bytes(base64.b64decode(data["data"]))

    def problems(self):
        """Console errors and warnings, exceptions, and error log entries (CSP, network)."""
        found = []
        for event in self.events:
            method, params = event["method"], event["params"]
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
                texts = [str(arg.get("value", arg.get("description", ""))) for arg in params["args"]]
                found.append(f"console.{params['type']}: {' '.join(texts)}")
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(f"exception: {details.get('exception', {}).get('description', details['text'])}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                entry = params["entry"]
                found.append(f"{entry['source']} {entry['level']}: {entry['text']} {entry.get('url', '')}")
        return found


def start_chromium(binary, profile):
    process = subprocess.Popen(
        [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-extensions", "--remote-debugging-port=0", f"--user-data-dir={profile}",
         "--window-size=1280,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = Path(profile) / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not port_file.exists():
        time.sleep(0.1)
    port = int(port_file.read_text().split()[0])
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
                pages = [t for t in json.load(response) if t["type"] == "page"]
            if pages:
                return process, pages[0]["webSocketDebuggerUrl"]
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("Chromium offered no page to drive")


def contract_operation_ids(base_url):
    with urllib.request.urlopen(f"{base_url}/openapi.json") as response:
        spec = json.load(response)
    return [op["operationId"] for item in spec["paths"].values()
            for method, op in item.items() if isinstance(op, dict) and "operationId" in op]


def save_chart_svg(base_url, out_dir):
    spec = json.load(urllib.request.urlopen(f"{base_url}/openapi.json"))
    examples = spec["paths"]["/v1/comparisons"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    body = json.dumps(next(iter(examples.values()))["value"]).encode()
    request = urllib.request.Request(f"{base_url}/v1/comparisons", data=body, method="POST", headers={
        "Content-Type": "application/json", "Accept": "image/svg+xml"})
    with urllib.request.urlopen(request) as response:
        (out_dir / "comparison-chart.svg").write_bytes(response.read())


async def check(base_url, out_dir, chromium):
    failures = []
    profile = tempfile.mkdtemp(prefix="docs-page-chromium-")
    process, socket_url = start_chromium(chromium, profile)
    try:
        async with websockets.connect(socket_url, max_size=64 * 1024 * 1024) as socket:
            tools = DevTools(socket)
            for domain in ("Page", "Runtime", "Log"):
                await tools.call(f"{domain}.enable")
            await tools.call("Page.navigate", url=f"{base_url}/docs")
            if not await tools.wait_for("document.querySelectorAll('details.operation').length > 0"):
                failures.append("the operations never rendered")
            await tools.wait_for("document.getElementById('workload').value.length > 0")

            expected = contract_operation_ids(base_url)
            rendered = set(await tools.evaluate(
                "[...document.querySelectorAll('[id^=\"op-\"]')].map(e => e.id.slice(3))"))
            text = await tools.evaluate("document.body.innerText")
            missing = [op for op in expected if op not in rendered or op not in text]
            if missing:
                failures.append(f"operations missing from the page: {missing}")
            print(f"operations: {len(expected)} in the contract, "
                  f"{len(expected) - len(missing)} rendered with their operationId")
            await tools.call("Runtime.evaluate", expression="document.querySelectorAll('details.operation')[0].open = true")
            await tools.screenshot(out_dir / "docs-page.png")
            await tools.screenshot(out_dir / "docs-first-screen.png", whole_page=False)

            await tools.evaluate("document.getElementById('recommend').click()")
            if not await tools.wait_for("document.getElementById('status').textContent.startsWith('Stored as')"):
                status = await tools.evaluate("document.getElementById('status').textContent")
                failures.append(f"Recommend did not store an answer; status: {status!r}")
            rows = await tools.evaluate(
                "[...document.querySelectorAll('#answer table tr')].slice(1)"
                ".map(r => [...r.cells].map(c => c.innerText))")
            print("answer rows (rank, option, eligible, infrastructure, ops hours, TCO):",
                  *["  " + " | ".join(row[:6]) for row in rows], sep="\n")
            eligible = [row for row in rows if row[2] == "yes"]
            pick = await tools.evaluate("document.querySelector('#answer .pick').innerText")
            print(pick)
            costs_shown = all(row[3].startswith("$") and row[5].startswith("$") for row in eligible)
            if len(rows) != 6 or not eligible or not costs_shown:
                failures.append(f"the answer table does not show six options with costs: {rows}")
            if "nothing eligible" in pick:
                failures.append(f"the page shows no recommendation: {pick!r}")
            await tools.screenshot(out_dir / "docs-answer.png", "#try")

            await tools.evaluate("document.getElementById('compare').click()")
            if not await tools.wait_for("(() => { const i = document.getElementById('chart'); "
                                        "return !document.getElementById('chart-figure').hidden "
                                        "&& i.complete && i.naturalWidth > 0; })()"):
                failures.append("Compare did not show a chart")
            else:
                await tools.screenshot(out_dir / "docs-chart.png", "#chart-figure")
            await asyncio.sleep(0.5)
            problems = tools.problems()
            for problem in problems:
                failures.append(problem)
            print(f"console errors and warnings: {len(problems)}")
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)
    save_chart_svg(base_url, out_dir)
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    failures = asyncio.run(check(args.base_url.rstrip("/"), args.out_dir, args.chromium))
    for failure in failures:
        print("FAIL:", failure)
    print(f"screenshots and chart in {args.out_dir}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
