"""A fixed-window rate limit on the shared cache, for forms that allauth does not guard."""

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def allow(scope: str, key: str, limit: int, seconds: int) -> bool:
    """Count one more attempt; False once the limit for this window is used up."""
    cache_key = f"ratelimit:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=seconds):
        return True
    try:
        return cache.incr(cache_key) <= limit
    except ValueError:  # the window expired between add and incr
        cache.add(cache_key, 1, timeout=seconds)
        return True
