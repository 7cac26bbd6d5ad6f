"""A lost Redis costs speed, not the site: against a real redis-server, stopped and started."""

import asyncio
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.core.cache import caches
from redis.connection import Connection

import wpm.cache
from tests.conftest import PAGE_VERSION
from tests.factories import PASSWORD, MediatorFactory, ProcessFactory
from wpm.cache import ResilientRedisCache, health
from wpm.ratelimit import allow

# A test that starts a server is marked `redis` (tests/conftest.py), and skipped loudly without one.
pytestmark = pytest.mark.django_db

RETRY_SECONDS = 15
PUBLIC_PAGES = ["/en/", "/en/mediators/", "/en/processes/"]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throw-away redis-server on a port of its own, which a test may stop and start again."""

    def __init__(self, binary):
        self.binary = binary
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=1)

    def start(self):
        # Nothing written to disk: the server lives as long as the test.
        options = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(  # noqa: S603
            [self.binary, "--port", str(self.port), *options], stdout=subprocess.DEVNULL
        )
        for _ in range(100):
            try:
                if self.client().ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Clock:
    """Time that moves only when a test says so, so an interval passes without waiting for it."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        why = "no redis-server on PATH: install it with 'apt-get install redis-server'"
        if os.environ.get("REDIS_URL"):
            pytest.fail(f"REDIS_URL is set, so the cache's outage tests must run, but {why}")
        pytest.skip(why)
    server = RedisServer(binary)
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def clock(monkeypatch):
    """Each test gets circuits and fallbacks of its own, on a clock it moves."""
    monkeypatch.setattr(wpm.cache, "_shared", {})
    return Clock()


@pytest.fixture
def resilient(redis_server, clock):
    """A fresh cache object on the test's server, its fallback emptied."""
    cache = ResilientRedisCache(redis_server.url, {})
    cache._circuit.clock = clock
    cache._fallback.clear()
    return cache


@pytest.fixture
def site_on_redis(settings, redis_server, clock):
    """The whole site caches in the test's server; the settings fixture puts the old cache back."""
    settings.CACHES = {
        "default": {"BACKEND": "wpm.cache.ResilientRedisCache", "LOCATION": redis_server.url}
    }
    cache = caches["default"]
    cache._circuit.clock = clock
    cache._fallback.clear()
    return cache


@pytest.fixture
def connection_attempts(monkeypatch):
    """Each time redis-py sets out to reach a server."""
    attempts = []
    connect = Connection.connect

    def counted(self):
        attempts.append(self.port)
        return connect(self)

    monkeypatch.setattr(Connection, "connect", counted)
    return attempts


def _in_redis(server, cache, key):
    return server.client().get(cache.make_key(key))


def _warnings(caplog):
    return [r for r in caplog.records if r.name == "wpm.cache" and r.levelno == logging.WARNING]


# The site.


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_answer_while_redis_is_down(
    client, site_on_redis, redis_server, url, django_assert_max_num_queries
):
    MediatorFactory(display_name="Ines Outage")
    ProcessFactory(name="Outage talks")
    assert client.get(url).status_code == 200
    redis_server.stop()

    first = client.get(url)
    with django_assert_max_num_queries(PAGE_VERSION):  # the process's own memory keeps the page
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content


def test_a_member_signs_in_and_sees_her_page_while_redis_is_down(
    client, site_on_redis, redis_server, member
):
    redis_server.stop()
    # allauth counts sign-in attempts in the cache.
    response = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/en/me/")
    assert response.status_code == 200
    assert "Amina Member" in response.content.decode()


def test_a_rate_limit_still_limits_while_redis_is_down(site_on_redis, redis_server):
    redis_server.stop()
    answers = [allow("test", "192.0.2.1", limit=3, seconds=60) for _ in range(4)]
    assert answers == [True, True, True, False]


def test_caching_in_redis_resumes_once_redis_is_back(site_on_redis, redis_server, clock):
    site_on_redis.set("before", "in redis")
    assert _in_redis(redis_server, site_on_redis, "before") is not None
    redis_server.stop()
    site_on_redis.set("during", "in memory")
    assert site_on_redis.get("during") == "in memory"

    redis_server.start()
    site_on_redis.set("too-soon", "in memory")  # the interval has not passed: Redis is left alone
    assert _in_redis(redis_server, site_on_redis, "too-soon") is None

    clock.advance(RETRY_SECONDS)
    site_on_redis.set("after", "in redis")
    assert _in_redis(redis_server, site_on_redis, "after") is not None
    assert site_on_redis.get("after") == "in redis"

    # What only the fallback held is forgotten, so the next outage cannot serve it stale.
    redis_server.stop()
    assert site_on_redis.get("during") is None


# The backend.


def test_a_stopped_redis_is_not_contacted_again_within_the_interval(
    resilient, redis_server, clock, connection_attempts
):
    redis_server.stop()
    resilient.get("key")
    assert len(connection_attempts) == 1
    for _ in range(50):
        resilient.set("key", "value")
        resilient.get("key")
    assert len(connection_attempts) == 1

    clock.advance(RETRY_SECONDS)
    resilient.get("key")
    resilient.get("key")
    assert len(connection_attempts) == 2


def test_a_redis_that_does_not_answer_is_given_up_on(resilient, redis_server, connection_attempts):
    redis_server.process.send_signal(signal.SIGSTOP)  # the port still takes connections
    try:
        resilient.set("key", "value")  # waits for the socket timeout once
        assert resilient.get("key") == "value"
    finally:
        redis_server.process.send_signal(signal.SIGCONT)
    assert len(connection_attempts) == 1
    assert resilient._circuit.is_open


def test_the_warning_is_logged_once_an_interval(resilient, redis_server, clock, caplog):
    caplog.set_level(logging.INFO, logger="wpm.cache")
    redis_server.stop()
    for _ in range(20):
        resilient.get("key")
        resilient.health()
    assert len(_warnings(caplog)) == 1
    assert f"127.0.0.1:{redis_server.port}" in _warnings(caplog)[0].getMessage()

    clock.advance(RETRY_SECONDS)
    for _ in range(20):
        resilient.get("key")
    assert len(_warnings(caplog)) == 2

    redis_server.start()
    clock.advance(RETRY_SECONDS)
    resilient.get("key")
    back = [r for r in caplog.records if r.name == "wpm.cache" and r.levelno == logging.INFO]
    assert [r.getMessage() for r in back] == [
        f"Redis cache at 127.0.0.1:{redis_server.port} is back: caching in Redis again"
    ]


def test_no_password_reaches_the_log(clock, caplog):
    cache = ResilientRedisCache(f"redis://:s3cret@127.0.0.1:{_free_port()}/0", {})
    cache.get("key")
    assert _warnings(caplog)
    assert "s3cret" not in caplog.text


def test_every_operation_is_served_while_redis_is_down(resilient, redis_server):
    redis_server.stop()
    resilient.set("a", 1)
    assert resilient.add("b", 2)
    assert not resilient.add("b", 3)
    assert resilient.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    resilient.set_many({"c": 3, "d": 4})
    assert resilient.has_key("c") and "d" in resilient
    assert resilient.incr("a") == 2
    assert resilient.decr("a", 2) == 0
    assert resilient.touch("a", 60)
    assert resilient.get_or_set("e", 5) == 5
    assert resilient.incr_version("e") == 2
    assert resilient.get("e", version=2) == 5
    assert resilient.delete("b")
    resilient.delete_many(["c", "d"])
    assert resilient.get_many(["b", "c", "d"]) == {}
    resilient.clear()
    assert resilient.get("a") is None


def test_the_async_operations_take_the_same_way(resilient, redis_server):
    redis_server.stop()

    async def use():
        await resilient.aset("key", "value")
        await resilient.aincr_version("key")
        return await resilient.aget("key", version=2), await resilient.aget_many(["key"])

    # In a thread of its own: a browser test earlier in this worker leaves Playwright's loop
    # running in the main thread, where asyncio.run() refuses to start another.
    with ThreadPoolExecutor(max_workers=1) as thread:
        assert thread.submit(asyncio.run, use()).result() == ("value", {})
    assert resilient._circuit.is_open


def test_values_are_shared_through_redis_while_it_answers(resilient, redis_server):
    resilient.set("key", "value")
    assert redis_server.client().exists(resilient.make_key("key"))
    assert not resilient._circuit.is_open


def test_one_client_serves_every_operation_through_a_restart(resilient, redis_server, clock):
    """Django built a redis-py client for each operation, at the cost of a read from Redis; one
    client of the pool serves them all, and reaches Redis again after it restarts."""
    client = resilient._cache.get_client()
    resilient.set("key", "before")
    assert resilient.get("key") == "before"
    redis_server.stop()
    assert resilient.get("key") is None  # served from memory, which never held it
    redis_server.start()
    clock.advance(RETRY_SECONDS)
    resilient.set("key", "after")
    assert _in_redis(redis_server, resilient, "key") is not None
    assert resilient.get("key") == "after"
    assert resilient._cache.get_client() is client
    assert resilient._cache.get_client(write=True) is client


def test_a_bug_still_surfaces(resilient, redis_server):
    resilient.set("word", "not a number")
    with pytest.raises(redis.ResponseError):
        resilient.incr("word")
    with pytest.raises(ValueError, match="not found"):
        resilient.incr("missing")
    assert not resilient._circuit.is_open


# Health, for /healthz.


def test_health_tells_whether_redis_answers(resilient, redis_server, clock):
    assert resilient.health() == {"state": "up"}
    redis_server.stop()
    assert resilient.health() == {
        "state": "down",
        "detail": "Redis unreachable: serving from each process's memory",
    }
    assert resilient._circuit.is_open

    redis_server.start()
    assert resilient.health() == {"state": "up"}
    # The probe closed the circuit: the next value goes to Redis without waiting for the interval.
    resilient.set("key", "value")
    assert _in_redis(redis_server, resilient, "key") is not None


def test_health_of_the_default_cache(site_on_redis, redis_server):
    assert health() == {"state": "up"}
    redis_server.stop()
    assert health()["state"] == "down"


def test_health_of_the_memory_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert health() == {"state": "up", "detail": "per-process memory"}
