#!/usr/bin/env python3
"""`make bench`: how fast the public pages are at network scale, as ratios inside one run.

It fills two PostgreSQL databases on 127.0.0.1:5432 (and touches no other): wpm_bench with
10,000 mediators, 2,000 demo processes and the PA-X import on top, and wpm_bench_small with 100
mediators. It serves them with gunicorn (two workers, production configuration, HTTPS off, Redis
as the cache) and drives each endpoint with wrk for a fixed time, in rounds:

  1. cached: the site as it runs, anonymous pages from the page cache on Redis; throughput at
     BENCH_CONNECTIONS against /healthz's (at least 0.5 x);
  2. uncached: PAGE_CACHE_SECONDS=0, every request renders; latency at one connection per worker,
     so that p50 is the page's own cost and not a queue's. /healthz is a bare view; the floor,
     /en/about/, is the site's chrome around stored content (at most 3 x /healthz). Pages are
     held to 2.5 x the floor, the heaviest (the process with the most agreements, insights,
     site search) to 3 x;
  3. growth, like for like: the roster's first 24 cards and a full page of search results,
     uncached, at 10,000 mediators against 100 (at most 1.3 x);
  4. load: 64 connections for 30 seconds on the uncached roster and search (no errors; p99).

The focal points' matching page is measured beside the others, signed in as a focal point, and
reported with no target. The machines are shared and a burst of noise lasts seconds: each round
drives every endpoint in turn, each ratio is taken within its round, and the result is the median
over the rounds with their range. The results go to var/bench.json, each target with its value,
range and whether it was met; the exit status is 1 if one was missed.

  BENCH_ROUNDS         rounds per pass (default 3)
  BENCH_PAIRS          rounds of the growth pass, 10,000 then 100 mediators (default 6)
  BENCH_DURATION       per endpoint and round, as wrk reads it (default 4s)
  BENCH_CONNECTIONS    concurrent clients of the cached pass (default 8)
  BENCH_LOAD_DURATION  of each load run (default 30s)
  BENCH_KEEP_DATA=1    reuse the two databases if a previous run filled them (migrating them)
  REDIS_URL            the Redis to use (default: the run starts its own)
  WPM_PAX_CSV          the PA-X file imported on top of the demo processes (see README)
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
    "healthz": "the baseline: a bare view",
    "floor": "the floor: /en/about/, the chrome and stored content",
    "home": "home page",
    "roster": "roster",
    "roster_filtered": "roster, q + language + expertise",
    "profile": "profile",
    "catalogue": "catalogue",
    "catalogue_filtered": "catalogue, track + region",
    "agreements": "agreements, region + gender provisions",
    "voice": "a voice",
    "article": "an article",
    "event": "an event",
    "process": "the process with the most agreements",
    "insights": "insights",
    "search": "site search",
    "search_place": "site search for a country's name",
    "api_mediators": "API: the roster",
    "api_processes": "API: processes, track",
    "api_agreements": "API: agreements, gender provisions",
    "matching": "matching page (focal point, signed in)",
}
# Uncached p50 within these multiples of the floor's; the rest within PAGE_P50_RATIO.
HEAVY_PAGES = ("process", "insights", "search", "search_place")
PAGE_P50_RATIO = 2.5
HEAVY_P50_RATIO = 3
FLOOR_P50_RATIO = 3  # the floor's p50 against /healthz's
# Reported, not held to a target: signed-in pages are outside the public pages' targets.
REPORTED_ONLY = ("matching",)
MIN_THROUGHPUT_RATIO = 0.5  # cached requests per second against /healthz's
MAX_GROWTH = 1.3
# Like for like at 10,000 and at 100 mediators: the same page size (24 cards; a full page of
# results), uncached, with what marks one card or result on the page.
GROWTH = {"roster": 'class="card mediator-card"', "search": 'class="card'}
LOAD_CONNECTIONS = 64
LOAD_DURATION = os.environ.get("BENCH_LOAD_DURATION", "30s")
LOAD_PAGES = ("roster", "search")


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
from django.db.models import Count
from wpm.models import Article, Event, Voice
anonymous = AnonymousUser()
worst = Process.objects.public().annotate(n=Count("agreements")).order_by("-n", "pk").first()
print("WORST", worst.slug)
print("VOICE", Voice.objects.visible_to(anonymous).order_by("pk").first().get_absolute_url())
print("ARTICLE", Article.objects.visible_to(anonymous).order_by("pk").first().get_absolute_url())
print("EVENT", Event.objects.visible_to(anonymous).order_by("pk").first().get_absolute_url())
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
    profiles = lines["PROFILES"].split()
    if len(profiles) < 3:
        fail(f"{database['name']} holds too few public profiles.")
    COOKIES[database["name"]] = lines["COOKIE"]
    return {
        "healthz": ["/healthz"],
        "floor": ["/en/about/"],
        "home": ["/en/"],
        "roster": ["/en/mediators/"],
        "roster_filtered": [FILTERED_ROSTER],
        "profile": [f"/en/mediators/{slug}/" for slug in profiles],
        "catalogue": ["/en/processes/"],
        "catalogue_filtered": ["/en/processes/?track=1&region=002"],
        "voice": [lines["VOICE"]],
        "article": [lines["ARTICLE"]],
        "event": [lines["EVENT"]],
        "process": [f"/en/processes/{lines['WORST']}/"],
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

    def count(self, path, marker):
        """How many times the page at path holds marker: its cards or results."""
        with NO_REDIRECTS.open(urllib.request.Request(self.url + path), timeout=30) as response:
            return response.read().decode().count(marker)

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


def measure(server, paths, connections, duration=DURATION, tolerate_errors=False):
    """wrk against the paths of one endpoint: requests per second, latency percentiles and (when
    tolerated) the failed or non-200 answers; otherwise any of them stops the bench."""
    output = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{duration}",
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
    if errors and not tolerate_errors:
        fail(f"{errors} failed or non-200 responses for {paths[0]}: {line}")
    return {
        "rps": round(values["requests"] / (values["duration_us"] / 1e6), 1),
        "p50_ms": round(values["p50_us"] / 1000, 2),
        "p99_ms": round(values["p99_us"] / 1000, 2),
        "errors": errors,
    }


def spread(values, digits=2):
    """The median and the range over the rounds."""
    values = list(values)
    return round(median(values), digits), [round(min(values), digits), round(max(values), digits)]


def measure_all(server, paths, connections):
    """Every endpoint in turn, ROUNDS times; per endpoint the medians over the rounds, and the
    ratios to the baseline and to the floor taken within each round: their median and range."""
    server.warm_up([path for group in paths.values() for path in group])
    rounds = []
    for number in range(1, ROUNDS + 1):
        print(f"  round {number} of {ROUNDS}: {', '.join(ENDPOINTS)}", flush=True)
        rounds.append({name: measure(server, paths[name], connections) for name in ENDPOINTS})
    results = {}
    for name in ENDPOINTS:
        rps_ratio, rps_range = spread(one[name]["rps"] / one["healthz"]["rps"] for one in rounds)
        p50_ratio, p50_range = spread(
            one[name]["p50_ms"] / one["healthz"]["p50_ms"] for one in rounds
        )
        floor, floor_range = spread(one[name]["p50_ms"] / one["floor"]["p50_ms"] for one in rounds)
        results[name] = {
            "rps": median(one[name]["rps"] for one in rounds),
            "p50_ms": median(one[name]["p50_ms"] for one in rounds),
            "p99_ms": median(one[name]["p99_ms"] for one in rounds),
            "rps_to_baseline": rps_ratio,
            "rps_to_baseline_range": rps_range,
            "p50_to_baseline": p50_ratio,
            "p50_to_baseline_range": p50_range,
            "p50_to_floor": floor,
            "p50_to_floor_range": floor_range,
        }
    return results


def table(title, results):
    print(f"\n{title}")
    columns = ("req/s", "p50 ms", "p99 ms", "rps/base", "p50/base", "p50/floor")
    print(f"  {'endpoint':<58} " + " ".join(f"{column:>9}" for column in columns))
    for name, row in results.items():
        label = f"{name} ({ENDPOINTS[name]})"[:58]
        print(
            f"  {label:<58} {row['rps']:>9.0f} {row['p50_ms']:>9.2f} {row['p99_ms']:>9.2f}"
            f" {row['rps_to_baseline']:>9.2f} {row['p50_to_baseline']:>9.2f}"
            f" {row['p50_to_floor']:>9.2f}"
        )


def check_targets(cached, uncached, growth, load):
    def target(text, value, met, spread=None):
        return {"target": text, "value": value, "range": spread, "met": bool(met)}

    floor = uncached["floor"]
    targets = [
        target(
            f"uncached floor: p50 at most {FLOOR_P50_RATIO} x the baseline's",
            floor["p50_to_baseline"],
            floor["p50_to_baseline"] <= FLOOR_P50_RATIO,
            floor["p50_to_baseline_range"],
        )
    ]
    pages = [name for name in ENDPOINTS if name not in ("healthz", "floor", *REPORTED_ONLY)]
    for name in pages:
        limit = HEAVY_P50_RATIO if name in HEAVY_PAGES else PAGE_P50_RATIO
        row = uncached[name]
        targets.append(
            target(
                f"uncached {name}: p50 at most {limit} x the floor's",
                row["p50_to_floor"],
                row["p50_to_floor"] <= limit,
                row["p50_to_floor_range"],
            )
        )
    for name in ("floor", *pages):
        row = cached[name]
        targets.append(
            target(
                f"cached {name}: throughput at least {MIN_THROUGHPUT_RATIO} x the baseline's",
                row["rps_to_baseline"],
                row["rps_to_baseline"] >= MIN_THROUGHPUT_RATIO,
                row["rps_to_baseline_range"],
            )
        )
    for name, row in growth.items():
        targets.append(
            target(
                f"{name} at {LARGE['mediators']} mediators: p50 at most {MAX_GROWTH} x as long "
                f"as at {SMALL['mediators']}, the same {row['items']} items",
                row["ratio"],
                row["ratio"] <= MAX_GROWTH,
                row["range"],
            )
        )
    for name, row in load.items():
        targets.append(
            target(
                f"{name} under load ({LOAD_CONNECTIONS} connections, {LOAD_DURATION}): no errors "
                f"(p99 {row['p99_ms']} ms)",
                row["errors"],
                row["errors"] == 0 and row["rps"] > 0,
            )
        )
    return targets


def own_redis(work):
    """The cache as in production: Redis, the run's own unless REDIS_URL names one."""
    if os.environ.get("REDIS_URL"):
        return None
    if shutil.which("redis-server") is None:
        if os.geteuid() != 0:
            fail("redis-server is not installed: apt-get install -y redis-server")
        run("apt-get", "install", "-y", "-qq", "redis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(work),
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    else:
        fail("redis-server did not start")
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    return server


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
    redis = own_redis(work)
    cache = f"Redis at {os.environ['REDIS_URL']}" + (" (the run's own)" if redis else "")
    try:
        run(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=production(LARGE, work))

        step(f"1. Cached ({cache}): throughput, wrk -c{CONNECTIONS} -d{DURATION}, {ROUNDS} rounds")
        server = Server(LARGE, work, page_cache_seconds=600)
        servers.append(server)
        cached = measure_all(server, paths, CONNECTIONS)
        server.stop()
        servers.remove(server)

        step(
            f"2. Uncached (PAGE_CACHE_SECONDS=0): latency at {WORKERS} connections, one per "
            f"worker, so that p50 is the page's cost and not a queue's; {ROUNDS} rounds"
        )
        large = Server(LARGE, work, page_cache_seconds=0)
        servers.append(large)
        uncached = measure_all(large, paths, WORKERS)

        step(f"3. Growth, like for like: uncached at {SMALL['mediators']} mediators against 10,000")
        small = Server(SMALL, work, page_cache_seconds=0)
        servers.append(small)
        growth = {}
        for name, marker in GROWTH.items():
            items = [
                server.count(paths_[name][0], marker)
                for server, paths_ in ((large, paths), (small, small_paths))
            ]
            if items[0] != items[1] or not items[0]:
                fail(f"{name}: {items[0]} items at 10,000 mediators, {items[1]} at 100: not alike")
            small.warm_up(small_paths[name])
            pairs = []
            for number in range(1, PAIRS + 1):
                print(f"  {name}, round {number} of {PAIRS}: 10,000 then 100", flush=True)
                pairs.append(
                    (
                        measure(large, paths[name], WORKERS)["p50_ms"],
                        measure(small, small_paths[name], WORKERS)["p50_ms"],
                    )
                )
            ratio, ratio_range = spread(big / little for big, little in pairs)
            growth[name] = {
                "items": items[0],
                f"p50_ms_at_{LARGE['mediators']}": median(big for big, _little in pairs),
                f"p50_ms_at_{SMALL['mediators']}": median(little for _big, little in pairs),
                "ratio": ratio,
                "range": ratio_range,
            }
        small.stop()
        servers.remove(small)

        step(f"4. Load: {LOAD_CONNECTIONS} connections for {LOAD_DURATION}, uncached")
        load = {}
        for name in LOAD_PAGES:
            load[name] = measure(
                large, paths[name], LOAD_CONNECTIONS, LOAD_DURATION, tolerate_errors=True
            )
            print(f"  {name}: {load[name]}", flush=True)
    finally:
        for server in servers:
            server.stop()
        if redis:
            redis.terminate()
            redis.wait()
        shutil.rmtree(work, ignore_errors=True)

    cpus = os.cpu_count()
    step(f"Results ({ROUNDS} rounds of {DURATION}, medians, {WORKERS} workers, {cpus} cores)")
    table(f"Cached ({cache}), {CONNECTIONS} connections: the site as it runs", cached)
    table(f"Uncached, {WORKERS} connections: every request renders", uncached)
    print("\nGrowth, like for like (uncached p50, median of the rounds' ratios and their range)")
    for name, row in growth.items():
        big, little = (row[f"p50_ms_at_{size['mediators']}"] for size in (LARGE, SMALL))
        print(
            f"  {name}: {row['items']} items, {big:.2f} ms at {LARGE['mediators']} mediators, "
            f"{little:.2f} ms at {SMALL['mediators']}: {row['ratio']:.2f} x {row['range']}"
        )
    print(f"\nLoad ({LOAD_CONNECTIONS} connections, {LOAD_DURATION}, uncached)")
    for name, row in load.items():
        print(
            f"  {name}: {row['rps']:.0f} req/s, p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, "
            f"{row['errors']} errors"
        )
    targets = check_targets(cached, uncached, growth, load)
    results = {
        "endpoints": {
            name: {"cached": cached[name], "uncached": uncached[name]} for name in cached
        },
        "growth": growth,
        "load": load,
        "targets": targets,
        "run": {
            "connections_cached": CONNECTIONS,
            "connections_uncached": WORKERS,
            "rounds": ROUNDS,
            "growth_rounds": PAIRS,
            "duration": DURATION,
            "workers": WORKERS,
            "cpus": cpus,
            "cache": "Redis",
            "mediators": LARGE["mediators"],
            "processes": LARGE["processes"],
        },
    }
    output = ROOT / "var" / "bench.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")

    print("\nTargets (median over the rounds [range])")
    for target in targets:
        verdict = "met   " if target["met"] else "MISSED"
        spread_ = f" {target['range']}" if target["range"] else ""
        print(f"  {verdict} {target['target']}: {target['value']}{spread_}")
    elapsed = time.monotonic() - started
    print(f"\nWritten to {output.relative_to(ROOT)}. Total time: {elapsed:.0f}s.")
    missed = sum(not target["met"] for target in targets)
    if missed:
        fail(f"{missed} target(s) missed.")


if __name__ == "__main__":
    main()
