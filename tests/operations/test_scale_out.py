"""What lets several application servers share the work: a shared cache."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"

CACHE_SCRIPT = """
import django
django.setup()
from django.core.cache import caches
from wpm.cache import health
cache = caches["default"]
cache.set("wpm-check", "shared", 30)
# Up: the value went to Redis, not to the process's own memory that stands in when Redis is away.
print(type(cache).__name__, cache.get("wpm-check"), health(cache)["state"])
"""


def redis_reachable():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def test_a_redis_url_gives_every_server_the_same_cache():
    if not redis_reachable():
        if os.environ.get("CI"):
            pytest.fail("CI must run Redis on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379 (CI starts one)")
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CACHE_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ResilientRedisCache", "shared", "up"]


def test_without_redis_the_cache_is_local_memory():
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CACHE_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["LocMemCache", "shared", "up"]
