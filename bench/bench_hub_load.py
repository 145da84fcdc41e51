"""Load on the workshop hub: N trainees log in at once, open lesson 03 and run it (issue 14).

Run as root (it creates test accounts), from the project's venv::

    .venv/bin/python bench/bench_hub_load.py                    # N = 1, 5, 10
    .venv/bin/python bench/bench_hub_load.py --trainees 1,5 --all-lessons

For each N a fresh hub (``deploy/local_hub.py``) gets N new trainees; their N browser contexts
(one Chromium, driven by Playwright's async API) log in within the same second. Per trainee:

* **ready**: login clicked -> the course pulled (nbgitpuller) and the start page's cells shown;
* **lesson**: lesson 03 opened (kernel idle) -> "Restart Kernel and Run All" finished;
* **errors**: error outputs or unrendered widgets in the page, HTTP 5xx seen by the browser;
* **memory**: PSS of every process of the trainee (single-user server + kernels), from
  ``/proc/<pid>/smaps_rollup`` after the run; plus the hub, proxy and culler.

``--all-lessons`` also opens every lesson (one kernel each) for the first trainee and reports the
memory, then shuts the idle kernels down as the kernel culler would and reports it again.
``--imports`` (default on) measures what a bare kernel costs and what each import adds.
The browsers share the machine's cores with the servers, so times are pessimistic.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import labpage
import local_hub

LESSON = "notebooks/03_selecting_key_accounts.ipynb"
LESSONS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("0[2-9]*.ipynb"))
PANEL = labpage.PANEL
MIB = 1024 * 1024


def pss_kib(pid: int) -> int:
    """Proportional set size of one process in KiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def pss_of_user(user: str) -> float:
    """PSS of every live process of ``user`` in MiB."""
    import pwd

    return sum(pss_kib(pid) for pid in local_hub.processes_of({pwd.getpwnam(user).pw_uid})) / 1024


def cpu_seconds_of_user(user: str) -> float:
    """CPU seconds (user + system) used so far by ``user``'s live processes and their waited-for children."""
    import pwd

    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in local_hub.processes_of({pwd.getpwnam(user).pw_uid}):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
        except (OSError, ValueError, IndexError):
            continue
    return total / ticks


def pss_parts(user: str) -> tuple[float, list[float]]:
    """(server MiB, [kernel MiB, ...]) of ``user``'s processes."""
    import pwd

    server, kernels = 0.0, []
    for pid in local_hub.processes_of({pwd.getpwnam(user).pw_uid}):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "ipykernel" in cmd:
            kernels.append(pss_kib(pid) / 1024)
        else:
            server += pss_kib(pid) / 1024
    return server, sorted(kernels)


def pss_of_tree(root_pid: int, skip_uids: set[int]) -> float:
    """PSS in MiB of ``root_pid`` and its descendants owned by none of ``skip_uids`` (hub, proxy, culler)."""
    children: dict[int, list[int]] = {}
    owners: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                owners[int(entry.name)] = entry.stat().st_uid
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        if owners.get(pid) not in skip_uids:
            total += pss_kib(pid)
        todo.extend(children.get(pid, []))
    return total / 1024


async def trainee_run(browser: Any, hub: local_hub.LocalHub, user: str, start_gate: asyncio.Event) -> dict[str, Any]:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(300_000)
    page = await context.new_page()
    server_errors: list[str] = []
    page.on("response", lambda r: server_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    result: dict[str, Any] = {"user": user}
    try:
        await page.goto(f"{hub.url}/hub/login")
        await page.fill("#username_input", user)
        await page.fill("#password_input", hub.passwords[user])
        await start_gate.wait()
        started = time.monotonic()
        await page.click("#login_submit")
        await page.wait_for_url(re.compile(rf".*/user/{re.escape(user)}/lab.*"), timeout=300_000)
        await page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.wait_for(timeout=300_000)
        result["ready_s"] = time.monotonic() - started
        opened = time.monotonic()
        await page.goto(f"{hub.url}/user/{user}/lab/workspaces/b{uuid.uuid4().hex[:8]}/tree/kamcourse/{LESSON}?reset")
        await page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.wait_for(timeout=300_000)
        await page.wait_for_function(labpage._KERNEL_IDLE, timeout=300_000, polling=200)
        result["open_s"] = time.monotonic() - opened
        run = time.monotonic()
        await page.evaluate(labpage._WATCH_RUN)
        await page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        await page.locator(".lm-Menu-item[data-command='runmenu:restart-and-run-all']").click()
        await page.locator(".jp-Dialog .jp-mod-accept").click()
        await page.wait_for_function(labpage._RUN_FINISHED, timeout=300_000, polling=200)
        result["run_s"] = time.monotonic() - run
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and await page.evaluate(labpage._WIDGETS_PENDING):
            await page.wait_for_timeout(200)
        reports = await page.evaluate(labpage._CELL_REPORT)
        result["problems"] = [p for cell in reports for p in cell["problems"]]
    except Exception as exc:  # noqa: BLE001 - a failed trainee is a result, not a crash of the bench
        try:
            shown = (await page.locator("body").inner_text(timeout=5000))[:300].replace("\n", " | ")
        except Exception:  # noqa: BLE001
            shown = "?"
        first = str(exc).splitlines()[0] if str(exc) else ""
        result["problems"] = [f"{type(exc).__name__}: {first} (at {page.url}: {shown})"]
    result["http_5xx"] = server_errors
    result["page"] = page
    return result


async def one_round(n: int, *, all_lessons: bool) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    tag = secrets.token_hex(2)
    hub = local_hub.LocalHub(trainees=[f"kb{tag}-{i:02d}" for i in range(n)], trainer=f"kb{tag}-t")
    hub.build()
    hub.start()
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=labpage.CHROMIUM, args=labpage.CHROMIUM_ARGS)
            gate = asyncio.Event()
            tasks = [asyncio.create_task(trainee_run(browser, hub, u, gate)) for u in hub.trainees]
            await asyncio.sleep(2 + 0.3 * n)  # every login page loaded and filled in
            gate.set()
            results = await asyncio.gather(*tasks)
            await asyncio.sleep(3)
            memory = {r["user"]: pss_of_user(r["user"]) for r in results}
            parts = {r["user"]: pss_parts(r["user"]) for r in results}
            cpu = {r["user"]: cpu_seconds_of_user(r["user"]) for r in results}
            import pwd

            trainee_uids = {pwd.getpwnam(u).pw_uid for u in hub.users}
            hub_mib = pss_of_tree(hub.proc.pid, trainee_uids) if hub.proc else 0.0
            extra: dict[str, Any] = {}
            if all_lessons:
                extra = await every_lesson(hub, results[0]["page"], results[0]["user"])
            for r in results:
                await r.pop("page").context.close()
            await browser.close()
    finally:
        saved = Path(f"/var/tmp/bench-hub-load-{n}.log")
        saved.write_text(hub.log_tail(2_000_000), encoding="utf-8")
        hub.stop()
    return {"n": n, "results": results, "memory": memory, "parts": parts, "cpu": cpu, "hub_mib": hub_mib, **extra}


async def every_lesson(hub: local_hub.LocalHub, page: Any, user: str) -> dict[str, Any]:
    """Open every lesson (one kernel each) for one trainee; memory before and after culling."""
    for path in LESSONS:
        await page.goto(f"{hub.url}/user/{user}/lab/workspaces/a{uuid.uuid4().hex[:8]}/tree/kamcourse/{path}?reset")
        await page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.wait_for(timeout=300_000)
        await page.wait_for_function(labpage._KERNEL_IDLE, timeout=300_000, polling=200)
        await page.evaluate(labpage._WATCH_RUN)
        await page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        await page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
        await page.wait_for_function(labpage._RUN_FINISHED, timeout=300_000, polling=200)
    await asyncio.sleep(3)
    all_open = pss_of_user(user)
    all_parts = pss_parts(user)
    # What the kernel culler does after KAMCOURSE_HUB_KERNEL_IDLE minutes: shut idle kernels down.
    # Here through the server's API as the trainee (the culler itself is shown in the server log).
    code = (
        "import json, os, urllib.request, glob\n"
        "info = json.load(open(sorted(glob.glob(os.path.expanduser("
        "'~/.local/share/jupyter/runtime/jpserver-*.json')))[-1]))\n"
        "base = info['url'].rstrip('/') + '/api/kernels'\n"
        "headers = {'Authorization': 'token ' + info['token']}\n"
        "kernels = json.load(urllib.request.urlopen(urllib.request.Request(base, headers=headers)))\n"
        "for k in kernels[:-1]:\n"
        "    urllib.request.urlopen(urllib.request.Request(base + '/' + k['id'], method='DELETE', headers=headers))\n"
        "print(len(kernels))\n"
    )
    culled = hub.run_as(user, code, check=False)
    await asyncio.sleep(3)
    return {
        "all_lessons_mib": all_open,
        "all_parts": all_parts,
        "after_cull_mib": pss_of_user(user),
        "after_cull_parts": pss_parts(user),
        "kernels_open": culled.stdout.strip() or culled.stderr.strip()[-200:],
    }


def import_costs(paths: dict[str, str]) -> list[tuple[str, float, float]]:
    """(what, PSS MiB, RSS MiB) of a bare Python after each cumulative import, in a fresh process."""
    steps = [
        ("bare python", ""),
        ("+ ipykernel (a bare kernel's imports)", "import ipykernel.kernelapp"),
        ("+ numpy", "import numpy"),
        ("+ pandas", "import pandas"),
        ("+ matplotlib (pyplot, inline backend)", "import matplotlib.pyplot, matplotlib_inline.backend_inline"),
        ("+ ipywidgets", "import ipywidgets"),
        ("+ import kamcourse", "import kamcourse"),
        (
            "+ lesson 03 (selection, plots, widgets)",
            "import kamcourse.selection, kamcourse.plots.selection, kamcourse.widgets",
        ),
    ]
    rows = []
    code = ""
    env = {"PYTHONPATH": paths["course"], "PATH": "/usr/bin:/bin", "HOME": "/tmp", "MPLBACKEND": "agg"}
    for label, statement in steps:
        code = f"{code}\n{statement}" if statement else code
        probe = (
            code + "\nimport re\ntext = open('/proc/self/smaps_rollup').read()\n"
            "print(re.search(r'Pss:\\s+(\\d+)', text).group(1), re.search(r'Rss:\\s+(\\d+)', text).group(1))"
        )
        out = subprocess.run(
            [paths["python"], "-c", probe], capture_output=True, text=True, env=env, check=True, cwd="/tmp"
        ).stdout.split()
        rows.append((label, int(out[0]) / 1024, int(out[1]) / 1024))
    return rows


def _parts(parts: tuple[float, list[float]]) -> str:
    return f"server {parts[0]:.0f} + kernels [{', '.join(f'{k:.0f}' for k in parts[1])}] MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--trainees", default="1,5,10", help="comma-separated room sizes (default 1,5,10)")
    parser.add_argument("--all-lessons", action="store_true", help="also open every lesson for one trainee")
    parser.add_argument("--no-imports", action="store_true", help="skip the import-cost table")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("bench_hub_load.py creates test accounts: run it as root (skipped).")
        return 0
    local_hub.sweep_stale_runs()
    sizes = [int(x) for x in args.trainees.split(",") if x.strip()]
    rounds = []
    for i, n in enumerate(sizes):
        print(f"-- {n} trainee(s) log in at once ...", flush=True)
        rounds.append(asyncio.run(one_round(n, all_lessons=args.all_lessons and i == 0)))
    print(
        "\n| trainees | login -> start page ready (median / max) | lesson 03 open (median) "
        "| Run All (median / max) | errors | PSS per trainee (median / max) | CPU s per trainee | hub+proxy+culler |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rounds:
        res = r["results"]

        def stat(key: str, res: list[dict[str, Any]] = res) -> tuple[float, float]:
            values = [x[key] for x in res if key in x]
            return (statistics.median(values), max(values)) if values else (float("nan"), float("nan"))

        errors = sum(len(x["problems"]) + len(x["http_5xx"]) for x in res)
        mem = list(r["memory"].values())
        print(
            f"| {r['n']} | {stat('ready_s')[0]:.0f} s / {stat('ready_s')[1]:.0f} s | {stat('open_s')[0]:.0f} s "
            f"| {stat('run_s')[0]:.0f} s / {stat('run_s')[1]:.0f} s | {errors} "
            f"| {statistics.median(mem):.0f} / {max(mem):.0f} MiB | {statistics.median(r['cpu'].values()):.1f} "
            f"| {r['hub_mib']:.0f} MiB |"
        )
        servers = [v[0] for v in r["parts"].values()]
        kernels = [k for v in r["parts"].values() for k in v[1]]
        print(
            f"    per trainee: server {statistics.median(servers):.0f} MiB + kernels "
            f"{', '.join(f'{k:.0f}' for k in sorted(kernels)[:6])}{' ...' if len(kernels) > 6 else ''} MiB "
            "(each trainee's kernels, all trainees)"
        )
        for x in res:
            for problem in x["problems"] + x["http_5xx"]:
                print(f"    {x['user']}: {problem[:300]}")
        if "all_lessons_mib" in r:
            print(
                f"\nOne trainee with every lesson open ({len(LESSONS)} kernels): {r['all_lessons_mib']:.0f} MiB PSS; "
                f"after the idle kernels are shut down (culler): {r['after_cull_mib']:.0f} MiB "
                f"(kernels before: {r['kernels_open']}); parts before {_parts(r['all_parts'])}, "
                f"after {_parts(r['after_cull_parts'])}"
            )
    if not args.no_imports:
        paths = local_hub.hub_env.build()
        print("\nWhat a kernel's imports cost (fresh Python, cumulative; PSS ~ RSS for one process):\n")
        print("| after | PSS MiB | RSS MiB |\n|---|---|---|")
        for label, pss, rss in import_costs(paths):
            print(f"| {label} | {pss:.0f} | {rss:.0f} |")
    if args.json:
        clean = [{k: v for k, v in r.items()} for r in rounds]
        args.json.write_text(json.dumps(clean, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
