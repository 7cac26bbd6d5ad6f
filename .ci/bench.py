#!/usr/bin/env python3
"""`make bench`: how fast the public pages are at network scale, as ratios inside one run.

It fills two PostgreSQL databases on 127.0.0.1:5432 (and touches no other): wpm_bench with
10,000 mediators, 2,000 demo processes and the PA-X import on top, and wpm_bench_small with 100
mediators. It serves them with gunicorn (two workers, production configuration, HTTPS off) and
drives each endpoint with wrk's concurrent clients for a fixed time, in rounds:

  1. cached: the site as it runs, anonymous pages from the page cache;
  2. uncached: PAGE_CACHE_SECONDS=0, every request renders;
  3. growth: the filtered roster, uncached, at 10,000 mediators against 100.

The focal points' matching page (a request's candidates ranked from all 10,000 mediators) is
measured in both passes beside the filtered roster, signed in as a focal point: it is never
cached, and it is reported, with no target of its own yet.

/healthz, a view that only asks the database whether it is alive, is the baseline of each pass.
The machines are shared, and a burst of noise lasts seconds: each round drives every endpoint in
turn, each ratio is taken within its round (against that round's baseline, or the small roster's
run next to it), and the median over the rounds is the result. The table gives requests per
second, p50 and p99 latency (medians) and the ratios to the baseline; the results go to
var/bench.json and the targets are checked at the end (exit status 1 if one fails).

  BENCH_ROUNDS       rounds per pass (default 3)
  BENCH_PAIRS        rounds of the growth pass, 10,000 then 100 mediators (default 6): the two
                     differ by a few milliseconds, which one burst of noise can outweigh
  BENCH_DURATION     per endpoint and round, as wrk reads it (default 4s)
  BENCH_CONNECTIONS  concurrent clients (default 8)
  BENCH_KEEP_DATA=1  reuse the two databases if a previous run filled them (migrating them)
  REDIS_URL          the cache the workers share (default: each worker its own memory cache)
  WPM_PAX_CSV        the PA-X file imported on top of the demo processes (see README)
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LUA = str(ROOT / ".ci" / "loadtest.lua")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PAIRS = int(os.environ.get("BENCH_PAIRS", "6"))
DURATION = os.environ.get("BENCH_DURATION", "4s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
KEEP_DATA = os.environ.get("BENCH_KEEP_DATA") == "1"
WORKERS = 2
PG = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
LARGE = {"name": "wpm_bench", "mediators": 10_000, "processes": 2_000, "port": 8781}
SMALL = {"name": "wpm_bench_small", "mediators": 100, "processes": 100, "port": 8782}

FILTERED_ROSTER = "/en/mediators/?q=ceasefire&language=en&expertise=process-design"
# Stable names: var/bench.json is keyed by them.
ENDPOINTS = {
    "healthz": "the baseline",
    "roster": "roster",
    "roster_filtered": "roster, q + language + expertise",
    "profile": "profile",
    "catalogue_filtered": "catalogue, track + region",
    "process": "process page",
    "insights": "insights",
    "search": "site search",
    "search_place": "site search for a country's name",
    "agreements": "agreements, region + gender provisions",
    "api_mediators": "API: the roster",
    "api_processes": "API: processes, track",
    "api_agreements": "API: agreements, gender provisions",
    "matching": "matching page (focal point, signed in)",
}
# Reported, not held to a target: signed-in pages are outside the public pages' targets.
REPORTED_ONLY = ("matching",)
# Anonymous pages that must reach half the baseline's throughput with the cache on.
THROUGHPUT_PAGES = (
    "roster",
    "roster_filtered",
    "profile",
    "catalogue_filtered",
    "api_mediators",
    "api_processes",
)
MIN_THROUGHPUT_RATIO = 0.5
MAX_UNCACHED_P50_RATIO = 10
MAX_GROWTH = 1.5


def step(message):
    print(f"\n==> {message}", flush=True)


def fail(message):
    sys.exit(f"bench: {message}")


def run(*args, env=None, capture=False, check=True):
    """Run a command; when it fails, show what it said, then stop (or return None)."""
    result = subprocess.run(args, cwd=ROOT, env=env, check=False, text=True, capture_output=capture)
    if result.returncode != 0:
        if capture:
            sys.stderr.write(result.stdout + result.stderr)
        if not check:
            return None
        fail(f"{' '.join(args[:3])} ... failed")
    return result.stdout if capture else ""


def environment(database, **extra):
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database['name']}",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        # The bench is one client asking thousands of times: the API's limit would stop it.
        "API_RATE_LIMIT": "100000000/m",
        **extra,
    }
    for name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "SECURE_SSL_REDIRECT"):
        env.pop(name, None)
    return env


# One key for the run: the focal point's session, made by manage, must hold in the servers.
SECRET_KEY = secrets.token_urlsafe(64)


def manage(database, *args, capture=False, check=True):
    """Data is prepared in the test configuration: demo data is refused in production."""
    env = environment(database, WPM_ENV="test", SECRET_KEY=SECRET_KEY)
    return run(PY, "manage.py", *args, env=env, capture=capture, check=check)


def database_ready(database):
    """True when a previous run left this database filled (BENCH_KEEP_DATA=1)."""
    if not KEEP_DATA:
        return False
    found = subprocess.run(
        ["psql", *PG, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{database['name']}'"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.stdout.strip() != "1":
        return False
    count = manage(
        database,
        "shell",
        "-v",
        "0",
        "-c",
        "from mediators.models import Mediator; print('COUNT', Mediator.objects.count())",
        capture=True,
    )
    return f"COUNT {database['mediators']}" in count


def prepare(database, pax=False):
    if database_ready(database):
        # Brought up to date, so that a kept database never lacks a column the code reads.
        manage(database, "migrate", "--noinput", "-v", "0")
        run("psql", *PG, "-q", "-d", database["name"], "-c", "VACUUM ANALYZE")
        print(f"  {database['name']}: kept from the last run, migrated")
        return
    started = time.monotonic()
    run("dropdb", *PG, "--if-exists", "--force", database["name"])
    run("createdb", *PG, database["name"])
    manage(database, "migrate", "--noinput", "-v", "0")
    manage(
        database,
        "seed_demo",
        "--mediators",
        str(database["mediators"]),
        "--processes",
        str(database["processes"]),
        capture=True,
    )
    if pax and manage(database, "import_pax", "-v", "0", capture=True, check=False) is None:
        fail("the PA-X import failed (above); WPM_PAX_CSV names the file it reads.")
    # As autovacuum leaves a live database: statistics, and GIN indexes without pending lists.
    run("psql", *PG, "-q", "-d", database["name"], "-c", "VACUUM ANALYZE")
    print(f"  {database['name']}: filled in {time.monotonic() - started:.0f}s")


def addresses(database):
    """Real addresses: public profiles and published processes spread over the whole list."""
    output = manage(
        database,
        "shell",
        "-v",
        "0",
        "-c",
        """
from django.contrib.auth.models import AnonymousUser
from mediators.models import Mediator
from processes.models import Process
visible = Mediator.objects.visible_to(AnonymousUser()).order_by("pk")
profiles = list(visible.values_list("slug", flat=True))
processes = list(Process.objects.public().order_by("pk").values_list("slug", flat=True))
print("PROFILES", *profiles[:: max(1, len(profiles) // 6)][:6])
print("PROCESSES", *processes[:: max(1, len(processes) // 6)][:6])
# A focal point (with an authenticator, as the back office requires) and a sent request with
# criteria: Arabic at C1 and Kenya required, process design preferred.
import datetime
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import auth
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from appointments.models import Request, Requester, Role
from mediators.models import ExpertiseArea
User = auth.get_user_model()
focal, _ = User.objects.get_or_create(
    email="bench-focal@example.org", defaults={"is_staff": True, "is_superuser": True}
)
Authenticator.objects.get_or_create(
    user=focal, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "bench"}}
)
asker, _ = User.objects.get_or_create(email="bench-requester@example.org")
requester, _ = Requester.objects.get_or_create(
    user=asker, defaults={"organisation": "Bench", "position": "Officer", "status": "verified"}
)
request = requester.requests.first()
if request is None:
    today = timezone.localdate()
    request = Request.objects.create(
        requester=requester,
        title="Bench request",
        process_description="Talks.",
        role=Role.objects.first(),
        start_date=today + datetime.timedelta(days=60),
        proposals_due=today + datetime.timedelta(days=20),
        status="sent",
        sent_at=timezone.now(),
    )
    request.languages.create(code="ar", level=5, need="required")
    request.regions.create(country="KE", need="required")
    area = ExpertiseArea.objects.get(slug="process-design")
    request.expertise.create(area=area, need="preferred")
session = SessionStore()
session[auth.SESSION_KEY] = str(focal.pk)
session[auth.BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[auth.HASH_SESSION_KEY] = focal.get_session_auth_hash()
session.create()
print("MATCHING", f"/admin/appointments/request/{request.pk}/candidates/")
print("COOKIE", f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
""",
        capture=True,
    )
    lines = dict(line.split(" ", 1) for line in output.splitlines() if line[:1].isupper())
    profiles, processes = lines["PROFILES"].split(), lines["PROCESSES"].split()
    if len(profiles) < 3 or len(processes) < 3:
        fail(f"{database['name']} holds too few public profiles or published processes.")
    COOKIES[database["name"]] = lines["COOKIE"]
    return {
        "healthz": ["/healthz"],
        "roster": ["/en/mediators/"],
        "roster_filtered": [FILTERED_ROSTER],
        "profile": [f"/en/mediators/{slug}/" for slug in profiles],
        "catalogue_filtered": ["/en/processes/?track=1&region=002"],
        "process": [f"/en/processes/{slug}/" for slug in processes],
        "insights": ["/en/processes/insights/"],
        "search": ["/en/search/?q=ceasefire"],
        "search_place": ["/en/search/?q=Somalia", "/de/search/?q=Kolumbien"],
        "agreements": ["/en/processes/agreements/?region=002&gender=on"],
        "api_mediators": ["/api/v1/mediators/"],
        "api_processes": ["/api/v1/processes/?track=1"],
        "api_agreements": ["/api/v1/agreements/?gender=true"],
        "matching": [lines["MATCHING"]],
    }


# Each database's focal point session, for the matching page.
COOKIES = {}


def production(database, work, **extra):
    return environment(
        database,
        WPM_ENV="production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        HTTPS="false",
        STATIC_ROOT=str(work / "static"),
        **extra,
    )


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer of its own (to the login page, say), not the page measured."""

    def redirect_request(self, *args, **kwargs):
        return None


NO_REDIRECTS = urllib.request.build_opener(KeepRedirects)


class Server:
    """gunicorn on one database, in the production configuration."""

    def __init__(self, database, work, page_cache_seconds):
        self.url = f"http://127.0.0.1:{database['port']}"
        self.cookie = COOKIES.get(database["name"], "")
        self.log = open(work / f"gunicorn-{database['port']}.log", "w")  # noqa: SIM115
        env = production(database, work, PAGE_CACHE_SECONDS=str(page_cache_seconds))
        address = f"127.0.0.1:{database['port']}"
        self.process = subprocess.Popen(
            [GUNICORN, "wpm.wsgi", "-w", str(WORKERS), "-b", address],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(120):
            if self.process.poll() is not None:
                fail(f"gunicorn stopped while starting; see {self.log.name}")
            if self.status("/healthz") == 200:
                return
            time.sleep(0.5)
        fail(f"{self.url}/healthz does not answer 200")

    def status(self, path):
        request = urllib.request.Request(self.url + path)
        if path.startswith("/admin/"):
            request.add_header("Cookie", self.cookie)
        try:
            with NO_REDIRECTS.open(request, timeout=30) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def warm_up(self, paths):
        for path in paths:
            for _ in range(3):
                if self.status(path) != 200:
                    fail(f"{self.url}{path} does not answer 200")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def measure(server, paths):
    """wrk against the paths of one endpoint: requests per second and latency percentiles."""
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}",
            "--timeout",
            "10s",
            "-s",
            LUA,
            server.url,
        ],
        env={
            **os.environ,
            "LOADTEST_PATHS": " ".join(paths),
            "LOADTEST_COOKIE": server.cookie if paths[0].startswith("/admin/") else "",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((line for line in output.stdout.splitlines() if line.startswith("WPMLOAD ")), None)
    if line is None:
        fail(f"wrk gave no result for {paths[0]}:\n{output.stdout}{output.stderr}")
    values = {key: int(value) for key, value in (pair.split("=") for pair in line.split()[1:])}
    failures = ("redirects", "client_errors", "server_errors", "other")
    errors = sum(values[name] for name in (*failures, "connect", "read", "write", "timeout"))
    if errors:
        fail(f"{errors} failed or non-200 responses for {paths[0]}: {line}")
    return {
        "rps": round(values["requests"] / (values["duration_us"] / 1e6), 1),
        "p50_ms": round(values["p50_us"] / 1000, 2),
        "p99_ms": round(values["p99_us"] / 1000, 2),
    }


def measure_all(server, paths):
    """Every endpoint in turn, ROUNDS times; per endpoint the medians over the rounds, and the
    ratios to the baseline taken within each round, then their median."""
    server.warm_up([path for group in paths.values() for path in group])
    rounds = []
    for number in range(1, ROUNDS + 1):
        print(f"  round {number} of {ROUNDS}: {', '.join(ENDPOINTS)}", flush=True)
        rounds.append({name: measure(server, paths[name]) for name in ENDPOINTS})
    results = {}
    for name in ENDPOINTS:
        runs = [one[name] for one in rounds]
        results[name] = {
            "rps": median(run["rps"] for run in runs),
            "p50_ms": median(run["p50_ms"] for run in runs),
            "p99_ms": median(run["p99_ms"] for run in runs),
            "ratio_to_baseline": round(
                median(one[name]["rps"] / one["healthz"]["rps"] for one in rounds), 3
            ),
            "p50_ratio_to_baseline": round(
                median(one[name]["p50_ms"] / one["healthz"]["p50_ms"] for one in rounds), 2
            ),
        }
    return results


def table(title, results):
    print(f"\n{title}")
    columns = ("req/s", "p50 ms", "p99 ms", "rps/base", "p50/base")
    print(f"  {'endpoint':<52} " + " ".join(f"{column:>9}" for column in columns))
    for name, row in results.items():
        label = f"{name} ({ENDPOINTS[name]})" if name != "healthz" else "healthz (the baseline)"
        print(
            f"  {label:<52} {row['rps']:>9.0f} {row['p50_ms']:>9.2f} {row['p99_ms']:>9.2f}"
            f" {row['ratio_to_baseline']:>9.2f} {row['p50_ratio_to_baseline']:>9.2f}"
        )


def check_targets(cached, uncached, growth):
    targets = []
    for name in THROUGHPUT_PAGES:
        targets.append(
            (
                f"cached {name}: throughput at least {MIN_THROUGHPUT_RATIO} x the baseline's",
                cached[name]["ratio_to_baseline"],
                cached[name]["ratio_to_baseline"] >= MIN_THROUGHPUT_RATIO,
            )
        )
    for name in ENDPOINTS:
        if name != "healthz" and name not in REPORTED_ONLY:
            ratio = uncached[name]["p50_ratio_to_baseline"]
            targets.append(
                (
                    f"uncached {name}: p50 at most {MAX_UNCACHED_P50_RATIO} x the baseline's",
                    ratio,
                    ratio <= MAX_UNCACHED_P50_RATIO,
                )
            )
    targets.append(
        (
            f"filtered roster at {LARGE['mediators']} mediators: at most {MAX_GROWTH} x "
            f"as long as at {SMALL['mediators']}",
            growth["ratio"],
            growth["ratio"] <= MAX_GROWTH,
        )
    )
    return [{"target": text, "value": value, "met": met} for text, value, met in targets]


def main():
    started = time.monotonic()
    step("wrk and PostgreSQL on 127.0.0.1:5432")
    if not Path(PY).exists():
        fail(f"{PY} is missing: run 'make install' first.")
    if shutil.which("wrk") is None:
        if os.geteuid() != 0:
            fail("wrk is not installed: apt-get install -y wrk")
        run("apt-get", "install", "-y", "-qq", "wrk")
    if subprocess.run(["pg_isready", "-q", *PG[:4]], check=False).returncode != 0:
        fail("PostgreSQL does not answer on 127.0.0.1:5432 (start it, as .ci/run does).")
    for database in (LARGE, SMALL):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", database["port"])) == 0:
                fail(f"something already listens on 127.0.0.1:{database['port']}; stop it first.")

    step(
        f"Databases: {LARGE['mediators']} mediators + {LARGE['processes']} processes + PA-X, "
        f"and {SMALL['mediators']} mediators"
    )
    prepare(LARGE, pax=True)
    prepare(SMALL)
    paths = addresses(LARGE)
    small_paths = addresses(SMALL)

    work = Path(tempfile.mkdtemp(prefix="wpm-bench-"))
    servers = []
    try:
        run(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=production(LARGE, work))

        cache = (
            "Redis at " + os.environ["REDIS_URL"]
            if os.environ.get("REDIS_URL")
            else ("each worker's memory cache")
        )
        step(f"1. Cached ({cache}): wrk -c{CONNECTIONS} -d{DURATION}, {ROUNDS} rounds")
        server = Server(LARGE, work, page_cache_seconds=600)
        servers.append(server)
        cached = measure_all(server, paths)
        server.stop()
        servers.remove(server)

        step("2. Uncached (PAGE_CACHE_SECONDS=0)")
        large = Server(LARGE, work, page_cache_seconds=0)
        servers.append(large)
        uncached = measure_all(large, paths)

        step(f"3. Growth: the filtered roster, uncached, at {SMALL['mediators']} mediators")
        small = Server(SMALL, work, page_cache_seconds=0)
        servers.append(small)
        small.warm_up(small_paths["roster_filtered"])
        pairs = []
        for number in range(1, PAIRS + 1):
            print(f"  round {number} of {PAIRS}: 10,000 then 100 mediators", flush=True)
            pairs.append(
                (
                    measure(large, paths["roster_filtered"])["p50_ms"],
                    measure(small, small_paths["roster_filtered"])["p50_ms"],
                )
            )
        large_p50 = median(large for large, _small in pairs)
        small_p50 = median(small for _large, small in pairs)
        growth = {
            f"p50_ms_at_{LARGE['mediators']}": large_p50,
            f"p50_ms_at_{SMALL['mediators']}": small_p50,
            "ratio": round(median(large / small for large, small in pairs), 2),
        }
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)

    cpus = os.cpu_count()
    step(
        f"Results ({CONNECTIONS} clients, {ROUNDS} rounds of {DURATION}, medians, "
        f"{WORKERS} workers, {cpus} cores)"
    )
    table("Cached: the site as it runs", cached)
    table("Uncached: every request renders", uncached)
    print(
        f"\nGrowth: the filtered roster's p50 is {large_p50:.2f} ms at {LARGE['mediators']} "
        f"mediators and {small_p50:.2f} ms at {SMALL['mediators']}: {growth['ratio']:.2f} x "
        "(the median of the rounds' ratios)"
    )
    targets = check_targets(cached, uncached, growth)
    results = {
        **{name: {**row, "uncached": uncached[name]} for name, row in cached.items()},
        "growth_ratio": growth["ratio"],
        "growth": growth,
        "targets": targets,
        "run": {
            "connections": CONNECTIONS,
            "rounds": ROUNDS,
            "growth_rounds": PAIRS,
            "duration": DURATION,
            "workers": WORKERS,
            "cpus": cpus,
            "cache": cache,
            "mediators": LARGE["mediators"],
            "processes": LARGE["processes"],
        },
    }
    output = ROOT / "var" / "bench.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")

    print("\nTargets")
    for target in targets:
        verdict = "met   " if target["met"] else "MISSED"
        print(f"  {verdict} {target['target']}: {target['value']}")
    elapsed = time.monotonic() - started
    print(f"\nWritten to {output.relative_to(ROOT)}. Total time: {elapsed:.0f}s.")
    missed = sum(not target["met"] for target in targets)
    if missed:
        fail(f"{missed} target(s) missed.")


if __name__ == "__main__":
    main()
