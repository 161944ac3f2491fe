#!/usr/bin/env python3
"""Warm-start benchmark: `lwexec --cache PREFIX -- /bin/true` against `/bin/true` started directly
and against the C init wrappers people put in front of a command, which fetch nothing:
`tini -- /bin/true` and `dumb-init /bin/true` (Debian's packages).

Starts the emulator (moto_server with SigV4 checks on) seeded with the SOP's secrets (4 under
/non-prod/backend), warms the keyring cache once, then runs all four commands in ONE hyperfine run
(-N, no shell) per round, in many short rounds, and reports the median of the per-round medians.
Goals (issues 4 and 18): lwexec <= 3.0x /bin/true; the Embedded launcher no slower than tini and
<= 2.3x /bin/true.

Usage: bench/warm_start.py [--lwexec PATH] [--baseline PATH] [--rounds N] [--runs N] [--out FILE]
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from emulator import Emulator  # noqa: E402


def hyperfine(commands, runs, env):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(["hyperfine", "-N", "--style", "none", "-w", "20", "-r", str(runs), "--export-json", out.name, *commands],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [r["median"] for r in json.load(open(out.name))["results"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lwexec", default=os.path.join(ROOT, ".build/ship/lwexec"))
    # Many short rounds: the machine's speed drifts (shared cores), and a drift between the commands
    # of one round would count as lwexec's; short rounds keep them all in the same state.
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--out", help="append a Markdown summary here")
    ap.add_argument("--baseline", help="another lwexec (e.g. the round's starting commit) in the same runs, for an A/B")
    a = ap.parse_args()
    for tool in ("hyperfine", "tini", "dumb-init"):
        if not shutil.which(tool):
            sys.exit(f"warm_start.py: {tool} is needed (apt-get install {tool})")

    emu = Emulator()
    emu.start()
    try:
        emu.seed_sop()
        env = {**os.environ, **emu.env()}
        lw = [a.lwexec, "--cache", "--cache-ttl", "1h", "/non-prod/backend", "--", "/bin/true"]
        subprocess.run(lw, check=True, env=env)  # warm the cache
        commands = {
            "`/bin/true`": ["/bin/true"],
            "`tini -- /bin/true` (C)": ["tini", "--", "/bin/true"],
            "`dumb-init /bin/true` (C)": ["dumb-init", "/bin/true"],
        }
        if a.baseline:
            base = [a.baseline, *lw[1:]]
            subprocess.run(base, check=True, env=env)
            commands["baseline `lwexec --cache /non-prod/backend -- /bin/true`"] = base
        commands["`lwexec --cache /non-prod/backend -- /bin/true` (warm)"] = lw
        medians = {k: [] for k in commands}
        for _ in range(a.rounds):
            for k, m in zip(commands, hyperfine([" ".join(c) for c in commands.values()], a.runs, env)):
                medians[k].append(m)
        med = {k: statistics.median(v) * 1000 for k, v in medians.items()}
        floor, tini, warm = med["`/bin/true`"], med["`tini -- /bin/true` (C)"], list(med.values())[-1]
        lines = ["| command | median (ms) | x `/bin/true` |", "| --- | ---: | ---: |"]
        lines += [f"| {k} | {v:.3f} | {v / floor:.2f} |" for k, v in med.items()]
        lines += ["", f"lwexec / tini: **{warm / tini:.2f}**; lwexec / `/bin/true`: **{warm / floor:.2f}x** "
                      f"({a.rounds} rounds of {a.runs} runs, all commands in each hyperfine run)."]
        if a.baseline:
            base_med = med["baseline `lwexec --cache /non-prod/backend -- /bin/true`"]
            lines += [f"after / before (baseline): **{warm / base_med:.3f}**."]
        print("\n".join(lines))
        if a.out:
            with open(a.out, "a") as fh:
                fh.write("\n".join(lines) + "\n")
    finally:
        emu.stop()


if __name__ == "__main__":
    main()
