"""Redis and the mail server fail under a running site, as an operator would see it.

gunicorn serves the production configuration on PostgreSQL with a Redis and a mail server of
this test's own, which it stops and starts: the site keeps answering, /healthz tells the truth,
rate limits keep limiting, and every mail sent while the mail server was away is delivered
exactly once when it returns, though the worker is stopped in the middle and started again.
.ci/run runs it on its own (WPM_FAULT_TEST=1): it needs PostgreSQL and redis-server.
"""

import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from django.db import connection

from tests.factories import PASSWORD, MediatorFactory, ProcessFactory, UserFactory
from tests.operations.conftest import Sink, free_port
from wpm.outbox.models import Mail

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("WPM_FAULT_TEST") != "1",
        reason="starts gunicorn, Redis and a mail server: .ci/run runs it (WPM_FAULT_TEST=1)",
    ),
    pytest.mark.django_db(transaction=True),
]


def wait_until(condition: Callable[[], object], seconds: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds} s in vain for {what or condition}")


class Browser:
    """Cookies, CSRF tokens and redirects, as a visitor's browser keeps them."""

    def __init__(self, base: str):
        self.base = base
        self.url = ""  # where the last request ended, after redirects
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))  # noqa: S310 (http only)

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        """Fill in the form on the page at this path and send it."""
        status, page = self.get(path)
        assert status == 200, (path, status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, path
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token[1]}).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")  # noqa: S310
        request.add_header("Referer", self.base + path)
        return self._open(request)

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=20) as response:
                self.url = response.geturl()
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            self.url = error.geturl()
            return error.code, error.read().decode()
        except urllib.error.URLError as error:  # nothing listens (yet)
            return 0, str(error.reason)


class Service:
    """A process of the site's or of its dependencies, started and stopped by the test."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path):
        self.name, self.argv, self.env, self.log = name, argv, env, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> "Service":
        log = self.log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603
            self.argv, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        return self

    def stop(self) -> int | None:
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def database_url() -> str:
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def site(tmp_path):
    """gunicorn in production, its Redis and its (absent) mail server; torn down afterwards."""
    assert connection.vendor == "postgresql", "the fault test runs on PostgreSQL"
    redis_server = shutil.which("redis-server")
    assert redis_server, "redis-server is not installed"
    redis_port, smtp_port, web_port = free_port(), free_port(), free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WPM_", "S3_"))},
        "WPM_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",
        "DATABASE_URL": database_url(),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CACHE_RETRY_SECONDS": "1",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "SMTP_USE_TLS": "false",
        "MAIL_RETRY_SECONDS": "1",
        "MAIL_RETRY_MAX_SECONDS": "2",
        "WPM_DATA_DIR": str(tmp_path / "data"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    log = tmp_path / "services.log"
    services = {
        "redis": Service(
            "redis",
            [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
            env,
            log,
        ),
        "gunicorn": Service(
            "gunicorn",
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "wpm.wsgi",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{web_port}",
            ],
            env,
            log,
        ),
        "worker": Service(
            "worker",
            [
                PYTHON,
                "manage.py",
                "db_worker",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--no-reload",
            ],
            env,
            log,
        ),
    }
    services["redis"].start()
    wait_until(lambda: _redis(redis_port).ping(), what="Redis to start")
    services["gunicorn"].start()
    browser = Browser(f"http://127.0.0.1:{web_port}")
    wait_until(lambda: browser.get("/healthz")[0] == 200, 60, "gunicorn to answer")

    try:
        yield SimpleNamespace(
            browser=browser, services=services, redis_port=redis_port, smtp_port=smtp_port
        )
    finally:
        for service in services.values():
            service.stop()
        if (failed := log.read_text(errors="replace")) and "Traceback" in failed:
            print(failed[-8000:])


def _redis(port: int) -> redis.Redis:
    return redis.Redis(port=port, socket_connect_timeout=0.5, socket_timeout=0.5)


def _redis_up(port: int) -> bool:
    try:
        return bool(_redis(port).ping())
    except redis.RedisError:
        return False


def public_pages(profile: str, process: str) -> list[str]:
    pages = [
        "/",
        "/mediators/",
        "/mediators/?language=en&track=1",
        f"/mediators/{profile}/",
        "/processes/",
        "/processes/?track=1",
        f"/processes/{process}/",
        "/processes/insights/",
        "/search/?q=peace",
        "/voices/",
        "/advocacy/",
        "/events/",
        "/about/",
    ]
    return [f"/{lang}{page}" for lang in ("en", "de") for page in pages]


def health(browser: Browser) -> tuple[int, dict]:
    status, body = browser.get("/healthz")
    return status, json.loads(body)


def test_a_lost_cache_costs_speed_and_a_lost_mail_server_loses_nothing(site, settings):
    member = UserFactory(email="amina@example.org", name="Amina Member")
    # Hashed as production hashes it: the tests' fast hasher is not among production's.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    member.set_password(PASSWORD)
    member.save()
    profile = MediatorFactory(user=member, display_name="Amina Member", slug="amina")
    process = ProcessFactory(name="Amberfall peace talks", slug="amberfall")
    pages = public_pages(profile.slug, process.slug)
    browser = site.browser

    # Redis up: every page answers and lands in the cache.
    for page in pages:
        assert browser.get(page)[0] == 200, page
    assert _redis(site.redis_port).keys("*page:*"), "pages are cached in Redis"
    assert health(browser) == (200, health(browser)[1])
    assert health(browser)[1]["status"] == "ok"

    # Redis stops: pages, sign-in, a contact message and a rate limit still work, without a 500.
    site.services["redis"].stop()
    assert not _redis_up(site.redis_port)
    for page in pages:
        assert browser.get(page)[0] == 200, page
    status, report = health(browser)
    assert status == 200 and report["status"] == "degraded"
    assert report["checks"]["cache"]["state"] == "down"
    assert report["checks"]["database"]["state"] == "up"

    signed_in = Browser(browser.base)
    status, page = signed_in.post(
        "/en/accounts/login/", {"login": member.email, "password": PASSWORD}
    )
    status, page = signed_in.get("/en/me/")
    assert status == 200 and "Edit your profile" in page, "her own page, signed in"

    status, page = browser.post(
        f"/en/mediators/{profile.slug}/contact/",
        {
            "name": "Dora Diplomat",
            "email": "dora@ministry.example",
            "organisation": "Ministry",
            "purpose": "mediation",
            "message": "Would you advise on a ceasefire process?",
            "website": "",
        },
    )
    assert status == 200 and "Your message has been sent" in page

    # Five failed sign-ins per address in five minutes; each of the two workers counts its own.
    answers = [
        browser.post("/en/accounts/login/", {"login": "nobody@example.org", "password": "wrong"})
        for _attempt in range(11)
    ]
    assert all(status == 200 for status, _page in answers), [status for status, _ in answers]
    limited = [i for i, (_status, page) in enumerate(answers) if "Too many failed" in page]
    assert limited and limited[0] >= 5, "limited after five failures, not before"

    # Redis returns: caching resumes, with no restart.
    site.services["redis"].start()
    wait_until(lambda: _redis_up(site.redis_port), what="Redis to start again")
    wait_until(
        lambda: health(browser)[1]["checks"]["cache"]["state"] == "up", what="the cache back"
    )

    def visited_and_cached() -> bool:
        # Each worker keeps its own circuit: a worker may serve a page from its memory for up
        # to CACHE_RETRY_SECONDS more before it tries Redis again, so visitors keep coming.
        for page in pages[:3]:
            assert browser.get(page)[0] == 200, page
        return bool(_redis(site.redis_port).keys("*page:*"))

    wait_until(visited_and_cached, 10, "pages cached in Redis again")

    # The mail server is away: a contact message, a sign-up and a password reset confirm all the
    # same, and wait in the queue.
    status, page = browser.post(
        f"/de/mediators/{profile.slug}/contact/",
        {
            "name": "Eva Envoy",
            "email": "eva@union.example",
            "organisation": "Union",
            "purpose": "mediation",
            "message": "A dialogue on water rights.",
            "website": "",
        },
    )
    assert status == 200 and "Ihre Nachricht wurde" in page
    newcomer = Browser(browser.base)
    status, page = newcomer.post(
        "/en/accounts/signup/",
        {
            "email": "nadia@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
    )
    assert status == 200 and newcomer.url.endswith("/en/accounts/confirm-email/")
    forgetful = Browser(browser.base)
    status, page = forgetful.post("/en/accounts/password/reset/", {"email": member.email})
    assert status == 200 and forgetful.url.endswith("/en/accounts/password/reset/done/")

    queued = list(Mail.objects.values_list("pk", "message"))
    assert len(queued) == 4, "two contact messages, a confirmation and a reset"
    expected_ids = sorted(message["headers"]["Message-ID"] for _pk, message in queued)

    # The worker tries, fails, and tries again later; the site stays healthy.
    worker = site.services["worker"].start()
    wait_until(
        lambda: not Mail.objects.filter(attempts=0).exists(), what="a first attempt at each mail"
    )
    assert not Mail.objects.filter(status=Mail.Status.SENT).exists()
    assert health(browser)[0] == 200
    assert worker.stop() == 0, "the worker stops cleanly"

    # The mail server returns; a worker that stops after one mail, then one that runs on.
    sink = Sink(site.smtp_port)
    sink.start()
    try:
        once = site.services["worker"]
        once.argv = [*once.argv, "--max-tasks", "1"]
        once.start()
        wait_until(lambda: once.process.poll() is not None, 60, "the worker to stop after one task")
        once.argv = once.argv[:-2]
        once.start()
        wait_until(
            lambda: not Mail.objects.exclude(status=Mail.Status.SENT).exists(),
            60,
            "every mail delivered",
        )
        time.sleep(2)  # long enough for a second delivery of anything, if there were one
        received = sorted(str(message["Message-ID"]) for message in sink.received)
        assert received == expected_ids, "each mail exactly once"
        recipients = sorted(str(message["To"]) for message in sink.received)
        assert recipients == sorted(
            ["amina@example.org", "amina@example.org", "amina@example.org", "nadia@example.org"]
        )
    finally:
        sink.stop()
    assert health(browser)[1]["status"] == "ok"
