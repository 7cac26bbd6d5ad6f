"""What /healthz tells an operator and a load balancer: each dependency and its state.

Only the database is essential: without it the site cannot serve, and the answer is 503 so that
a balancer takes the server out. A lost cache, a mail queue that is not moving or storage that
cannot be reached cost speed or delay, not the site: the answer stays 200, says "degraded", and
names what is wrong. Every check is cheap enough for a probe every few seconds.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count, Min, Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from . import cache
from .outbox.models import Mail, interrupted_rule
from .storage import storage_health

type Check = dict[str, Any]

UP = "up"
# States that mean trouble; "unchecked" (a cache backend with no check) is not news.
TROUBLE = {"down", "delayed", "failing"}


def database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return {"state": "down"}
    return {"state": UP}


def cache_state() -> Check:
    """The cache says for itself whether it reaches its server (wpm.cache); a cache in each
    process's own memory has no server to lose."""
    return cache.health()


def mail_queue() -> Check:
    """Mail waiting too long means no worker runs or the mail server is away; failed mail
    waits for staff (admin: Outgoing mail). Failed: given up on in the last day, however old
    the mail, or cut off while sending, which only the next delivery would mark failed."""
    now = timezone.now()
    failed = Q(status=Mail.Status.FAILED, failed_at__gte=now - datetime.timedelta(days=1))
    cut_off = interrupted_rule(now)
    figures = Mail.objects.aggregate(
        waiting=Count("pk", filter=Q(status=Mail.Status.QUEUED)),
        oldest=Min("created_at", filter=Q(status=Mail.Status.QUEUED)),
        failed=Count("pk", filter=failed | cut_off),
    )
    oldest = figures["oldest"]
    waited = int((now - oldest).total_seconds()) if oldest else 0
    check: Check = {
        "state": UP,
        "waiting": figures["waiting"],
        "oldest_waiting_seconds": waited,
        "failed_last_day": figures["failed"],
    }
    if waited > settings.MAIL_DELAY_ALERT_SECONDS:
        check["state"] = "delayed"
    elif figures["failed"]:
        check["state"] = "failing"
    return check


def storage() -> Check:
    """Each upload storage (media, and the private one for photos); down if either is. The
    answer is public: it names states, not the errors, which hold addresses and paths."""
    stores = {alias: store["state"] for alias, store in storage_health().items()}
    down = "down" in stores.values()
    return {"state": "down" if down else UP, **stores}


def report() -> tuple[int, dict[str, Any]]:
    """The HTTP status and the body of /healthz."""
    checks: dict[str, Check] = {"database": database()}
    if checks["database"]["state"] != UP:
        return 503, {"status": "unavailable", "checks": checks}
    checks["cache"] = cache_state()
    checks["mail_queue"] = mail_queue()
    checks["storage"] = storage()
    degraded = any(check["state"] in TROUBLE for check in checks.values())
    return 200, {"status": "degraded" if degraded else "ok", "checks": checks}


def response() -> JsonResponse:
    """/healthz's answer, never kept by a cache: the view's, and the first middleware's for a
    probe that names the server by its address (wpm.middleware.HealthCheckMiddleware)."""
    status, body = report()
    answer = JsonResponse(body, status=status)
    add_never_cache_headers(answer)
    return answer
