"""A fixed-window rate limit on the shared cache, for forms that allauth does not guard."""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

# An IPv6 visitor holds a whole network of this size: one visitor, however many addresses.
IPV6_PREFIX = 64


def client_ip(request: HttpRequest) -> str:
    """Who asked, as every limit counts her. Behind ``TRUSTED_PROXY_COUNT`` proxies, the address
    the outermost of them saw, from the end of X-Forwarded-For (each proxy appends the address
    it was asked from; what a visitor writes there herself comes before); else the address the
    request came from. An IPv6 address stands for its /64 network."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
    if proxies > 0 and forwarded != [""]:
        address = forwarded[-min(proxies, len(forwarded))]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{parsed}/{IPV6_PREFIX}", strict=False).network_address)
    return str(parsed)


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
