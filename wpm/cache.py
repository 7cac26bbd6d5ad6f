"""A Redis cache whose loss costs speed, not the site.

The cache is an accelerator: pages, rate limits and allauth's counters live in it, and none of
them is worth a 500. When Redis cannot be reached (refused, timed out), an operation is served by
a per-process memory cache instead, and for ``CACHE_RETRY_SECONDS`` nobody in the process tries
Redis again, so requests do not each pay a timeout. The first operation after that interval tries
Redis once; success brings the shared cache back without a restart. Any other Redis error (a
wrong command, a value that is not a number) is a bug and surfaces as one.

While Redis is away, each process counts rate limits on its own: a visitor spread over N workers
gets at most N times the limit. Deletions made then reach only the memory of the process that made
them; the page cache is keyed by the content's version and does not mind, other values expire.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger("wpm.cache")

# A Redis that is gone shows within a quarter of a second; a command on a working one takes a
# fraction of a millisecond, so half a second to answer means it is in trouble. redis-py's retries
# would multiply that wait on every request, so there are none: the circuit below retries instead.
DEFAULT_OPTIONS: dict[str, Any] = {
    "socket_connect_timeout": 0.25,
    "socket_timeout": 0.5,
    "retry": Retry(NoBackoff(), 0),
}
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
DOWN_DETAIL = "Redis unreachable: serving from each process's memory"


class Circuit:
    """Redis is tried while it answers; after a failure, once an interval until it answers again."""

    def __init__(self, label: str, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.label = label
        self.seconds = seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._retry_at: float | None = None  # None: closed, Redis is in use
        self._warned_at: float | None = None

    @property
    def is_open(self) -> bool:
        return self._retry_at is not None

    def allows_attempt(self) -> bool:
        """True while closed, and for the one caller that takes an interval's trial when open."""
        with self._lock:
            if self._retry_at is None:
                return True
            now = self.clock()
            if now < self._retry_at:
                return False
            # The others keep to the fallback while this caller finds out.
            self._retry_at = now + self.seconds
            return True

    def failed(self, error: Exception) -> None:
        """Open for an interval; warn at most once an interval, however many fail."""
        with self._lock:
            now = self.clock()
            self._retry_at = now + self.seconds
            if self._warned_at is not None and now - self._warned_at < self.seconds:
                return
            self._warned_at = now
        logger.warning(
            "Redis cache at %s is unreachable (%s): serving from each process's memory, "
            "trying again in %g s",
            self.label,
            error,
            self.seconds,
        )

    def succeeded(self) -> bool:
        """Close; True when this closed an open circuit."""
        with self._lock:
            if self._retry_at is None:
                return False
            self._retry_at = self._warned_at = None
        logger.info("Redis cache at %s is back: caching in Redis again", self.label)
        return True


def _label(servers: str | list[str]) -> str:
    """Where Redis is, without the password a URL may carry into the logs."""
    first = servers if isinstance(servers, list) else servers.replace(",", ";").split(";")
    address = urlsplit(first[0])
    if address.hostname is None:  # unix:///run/redis.sock
        return address.path
    return f"{address.hostname}:{address.port or 6379}"


# Django builds a cache object per thread; a process's threads share one circuit and one
# fallback, so a lost Redis costs each process one timeout an interval, not each thread.
_shared: dict[str, tuple[Circuit, LocMemCache]] = {}
_shared_lock = threading.Lock()


def _shared_for(server: str | list[str], params: dict[str, Any]) -> tuple[Circuit, LocMemCache]:
    key = repr(server)
    with _shared_lock:
        if key not in _shared:
            seconds = getattr(settings, "CACHE_RETRY_SECONDS", 15)
            # The same key prefix, version and timeout as the Redis side: a value is the same
            # value wherever it is kept.
            fallback_params = {name: value for name, value in params.items() if name != "OPTIONS"}
            fallback = LocMemCache(f"wpm.cache.fallback:{key}", fallback_params)
            _shared[key] = (Circuit(_label(server), seconds), fallback)
        return _shared[key]


class OneClientPerPool(RedisCacheClient):
    """Django's client of the cache, with one redis-py client per connection pool. Django builds
    a new one for each operation, and building one (its table of reply parsers) cost as much as
    a read from Redis on the same machine. A redis-py client is only the front of its pool, which
    holds the connections: one serves every operation and every thread."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own attributes, which its type stubs do not name.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            redis_client = self._client  # type: ignore[attr-defined]
            client = self._clients[id(pool)] = redis_client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that falls back to process memory while Redis is unreachable."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        options = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = OneClientPerPool
        self._circuit, self._fallback = _shared_for(server, params)

    def _serve(self, operation: str, *args: Any, **kwargs: Any) -> Any:
        if self._circuit.allows_attempt():
            try:
                result = getattr(super(), operation)(*args, **kwargs)
            except UNREACHABLE as error:
                self._circuit.failed(error)
            else:
                if self._circuit.succeeded():
                    # What the fallback kept would be stale by the next outage.
                    self._fallback.clear()
                return result
        return getattr(self._fallback, operation)(*args, **kwargs)

    # Every operation the others (get_or_set, decr, the versions, the async variants) build on.

    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._serve("add", key, value, timeout, version)

    def get(self, key: Any, default: Any | None = None, version: int | None = None) -> Any:
        return self._serve("get", key, default, version)

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._serve("set", key, value, timeout, version)

    def touch(
        self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._serve("touch", key, timeout, version)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._serve("delete", key, version)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._serve("get_many", keys, version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._serve("has_key", key, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._serve("incr", key, delta, version)

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        return self._serve("set_many", data, timeout, version)

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        self._serve("delete_many", keys, version)

    def clear(self) -> None:
        self._serve("clear")

    def health(self) -> dict[str, str]:
        """Ask Redis itself, past the circuit, and let the answer open or close the circuit."""
        try:
            self._cache.get_client(write=True).ping()
        except UNREACHABLE as error:
            self._circuit.failed(error)
            return {"state": "down", "detail": DOWN_DETAIL}
        if self._circuit.succeeded():
            self._fallback.clear()
        return {"state": "up"}


def health(of: BaseCache | None = None) -> dict[str, str]:
    """The state of a cache (the default one unless named) for /healthz: Redis is asked; a memory
    cache is always there."""
    if of is None:
        of = caches["default"]
    if isinstance(of, ResilientRedisCache):
        return of.health()
    if isinstance(of, LocMemCache):
        return {"state": "up", "detail": "per-process memory"}
    return {"state": "unchecked", "detail": type(of).__name__}
