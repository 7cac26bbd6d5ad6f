"""Settings for the test suite: the application's own settings, with fast hashing."""

import os
import re
import tempfile
from pathlib import Path

os.environ.setdefault("WPM_ENV", "test")

from wpm.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The access tests ask the API hundreds of times a minute; its limit has a test of its own.
API_RATE_LIMIT = "100000/m"
# Uploads go to a throw-away folder, never into the developer's own media.
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"  # noqa: F405

# The browser tests' live server answers from threads of its own. On SQLite's default in-memory
# test database they would share the test's one connection, and a request still in flight (a
# script, an image) could run its queries in the middle of the test's own. In a file, every
# thread has its own connection, as on PostgreSQL. One file per run, so two runs never meet.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"wpm-test-{os.getpid()}.sqlite3")
    }

# Tests run in parallel workers (pytest-xdist), each with a test database of its own. Each clears
# the cache before every test, so each gets a Redis database of its own too, counted down from the
# one configured: two workers on one database would empty each other's cache mid-test.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and CACHES["default"].get("LOCATION", "").startswith("redis"):  # noqa: F405
    _url = CACHES["default"]["LOCATION"]  # noqa: F405
    _base = re.fullmatch(r"(.*/)(\d+)", _url)
    if _base is None:
        raise ValueError(f"REDIS_URL must name its database for parallel tests: {_url}")
    _number = int(_base[2]) - int(_worker[2:])
    if _number < 0:
        raise ValueError(f"too many test workers for Redis database {_base[2]} in REDIS_URL")
    CACHES["default"]["LOCATION"] = f"{_base[1]}{_number}"  # noqa: F405
