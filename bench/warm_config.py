#!/usr/bin/env python3
"""Warm start against the size of ~/.aws/config (issue 22, item 7).

Organisations that generate one profile per account and role have thousands of profiles. This
measures `lwexec --cache /non-prod/backend -- /bin/true` (a keyring hit) with AWS_PROFILE=bench, whose
section is the LAST of the file, in configs of 1 profile, 5,000 profiles of 3 properties, 5,000 of 5
properties and 20,000 of 5 properties, against `/bin/true` and `tini -- /bin/true`.

All commands run in ONE hyperfine run (-N, no shell) per round, in many short rounds (the median of
the per-round medians is reported, as in bench/warm_start.py). hyperfine cannot give each command its
own environment, so every lwexec command runs with the same HOME, a symlink that each command's
`--prepare` points at its config's directory before each timing run (`ln -sfn`, outside the timing).
Goal: the 5,000-profile warm start within 1.25x of the 1-profile one.

Usage: bench/warm_config.py [--lwexec PATH] [--rounds N] [--runs N] [--out FILE]
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from emulator import Emulator  # noqa: E402

# (label, filler profiles, properties per filler profile)
CONFIGS = [("1 profile", 0, 0), ("5,000 profiles x 3 properties", 5000, 3),
           ("5,000 profiles x 5 properties", 5000, 5), ("20,000 profiles x 5 properties", 20000, 5)]


def config_text(count, properties, keys, region):
    """`count` generated profiles (SSO or role over a source profile, as `aws configure sso` and
    account-vending tools write them), then the profile the run uses."""
    out = []
    if count:
        out += ["[default]", f"region = {region}", "", "[sso-session corp]",
                "sso_start_url = https://corp.awsapps.com/start", "sso_region = us-east-1", ""]
    for i in range(count):
        account = f"{100000000000 + i}"
        out.append(f"[profile acct-{account}-Admin]")
        props = ([f"role_arn = arn:aws:iam::{account}:role/Admin", "source_profile = default", f"region = {region}"]
                 if i % 2 else
                 ["sso_session = corp", f"sso_account_id = {account}", "sso_role_name = Admin"])
        props += ["output = json", f"role_session_name = bench-{i}", "cli_pager = less"]
        out += props[:properties]
        out.append("")
    out += ["[profile bench]", f"region = {region}", f"aws_access_key_id = {keys.access_key_id}",
            f"aws_secret_access_key = {keys.secret_access_key}", ""]
    return "\n".join(out)


def hyperfine(commands, prepares, names, runs, env):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        args = ["hyperfine", "-N", "--style", "none", "-w", "10", "-r", str(runs), "--export-json", out.name]
        for p in prepares:
            args += ["--prepare", p]
        for n in names:
            args += ["--command-name", n]
        subprocess.run(args + commands, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [r["median"] for r in json.load(open(out.name))["results"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lwexec", default=os.path.join(ROOT, ".build/launcher/lwexec"))
    ap.add_argument("--baseline", help="another lwexec (e.g. an older build) measured in the same runs")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument("--out", help="append a Markdown summary here")
    a = ap.parse_args()
    for tool in ("hyperfine", "tini"):
        if not shutil.which(tool):
            sys.exit(f"warm_config.py: {tool} is needed (apt-get install {tool})")

    emu = Emulator()
    emu.start()
    tmp = tempfile.mkdtemp(prefix="lwexec-warm-config-")
    try:
        emu.seed_sop()
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update({k: v for k, v in emu.env().items() if k.startswith("AWS_ENDPOINT_URL")})
        home = os.path.join(tmp, "home")
        env.update({"HOME": home, "AWS_PROFILE": "bench"})
        dirs = []
        for i, (label, count, props) in enumerate(CONFIGS):
            d = os.path.join(tmp, f"c{i}")
            os.makedirs(os.path.join(d, ".aws"))
            with open(os.path.join(d, ".aws", "config"), "w") as fh:
                fh.write(config_text(count, props, emu.admin_keys, emu.region))
            dirs.append(d)
        lw = [a.lwexec, "--cache", "--cache-ttl", "1h", "/non-prod/backend", "--", "/bin/true"]
        # Warm the cache, then check that each config is served by the launcher itself (a hit).
        for d, (label, _, _) in zip(dirs, CONFIGS):
            subprocess.run(["ln", "-sfn", d, home], check=True)
            subprocess.run(lw, check=True, env=env)
            r = subprocess.run([a.lwexec, "-v", *lw[1:]], env=env, capture_output=True, text=True, check=True)
            if "cache hit" not in r.stderr:
                sys.exit(f"warm_config.py: {label}: not a cache hit: {r.stderr.strip()}")
        names = ["`/bin/true`", "`tini -- /bin/true`"] + [f"lwexec warm, {label}" for label, _, _ in CONFIGS]
        commands = ["/bin/true", "tini -- /bin/true"] + [" ".join(lw)] * len(CONFIGS)
        prepares = ["/bin/true", "/bin/true"] + [f"ln -sfn {d} {home}" for d in dirs]
        if a.baseline:
            names += [f"baseline warm, {label}" for label, _, _ in CONFIGS]
            commands += [" ".join([a.baseline, *lw[1:]])] * len(CONFIGS)
            prepares += [f"ln -sfn {d} {home}" for d in dirs]
        sizes = [os.path.getsize(os.path.join(d, ".aws", "config")) for d in dirs]
        load_before = os.getloadavg()
        medians = {n: [] for n in names}
        for _ in range(a.rounds):
            for n, m in zip(names, hyperfine(commands, prepares, names, a.runs, env)):
                medians[n].append(m)
        load_after = os.getloadavg()
        # Other work on the machine may clear the keyring: a run that handed off would not be a warm start.
        for d, (label, _, _) in zip(dirs, CONFIGS):
            subprocess.run(["ln", "-sfn", d, home], check=True)
            r = subprocess.run([a.lwexec, "-v", *lw[1:]], env=env, capture_output=True, text=True, check=True)
            if "cache hit" not in r.stderr:
                sys.exit(f"warm_config.py: {label}: the entry was gone after the runs (keyring cleared?): measure again")
        med = {n: statistics.median(v) * 1000 for n, v in medians.items()}
        one = med[names[2]]
        lines = ["| command | config size | median (ms) | x 1 profile |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {n} | | {med[n]:.3f} | |" for n in names[:2]]
        lines += [f"| {n} | {s / 1e6:.2f} MB | {med[n]:.3f} | {med[n] / one:.2f} |" for n, s in zip(names[2:6], sizes)]
        if a.baseline:
            base_one = med[names[6]]
            lines += [f"| {n} | {s / 1e6:.2f} MB | {med[n]:.3f} | {med[n] / base_one:.2f} |" for n, s in zip(names[6:], sizes)]
        lines += ["", f"{a.rounds} rounds of {a.runs} runs, all commands in each hyperfine run; "
                      f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after ({os.cpu_count()} cores)."]
        print("\n".join(lines))
        if a.out:
            with open(a.out, "a") as fh:
                fh.write("\n".join(lines) + "\n")
    finally:
        emu.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
