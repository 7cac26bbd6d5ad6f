"""A verified demo requester and her requests, so that a newcomer sees the appointments flow
after `make run`: one request still a draft, one sent to the network's focal points."""

import datetime

from django.utils import timezone

from appointments.models import (
    Need,
    Request,
    Requester,
    RequestExpertise,
    RequestLanguage,
    RequestRegion,
    Role,
)
from mediators.choices import LanguageLevel
from mediators.models import ExpertiseArea
from wpm.models import User

DEMO_REQUESTER = "requester@example.org"


def seed_requests(stdout) -> None:
    """Her requester status and requests, once: an account that already has requests is left
    as it is. Without the demo account (outside development) there is nobody to ask."""
    user = User.objects.filter(email=DEMO_REQUESTER).first()
    if user is None:
        return
    now = timezone.now()
    requester, _created = Requester.objects.get_or_create(
        user=user,
        defaults={
            "organisation": "Mediation Support Unit of a fictional regional organisation",
            "position": "Mediation officer",
            "status": Requester.Status.VERIFIED,
            "decided_at": now,
        },
    )
    if requester.requests.exists():
        return
    today = timezone.localdate()
    sent = Request.objects.create(
        requester=requester,
        title="Co-mediator for a ceasefire dialogue (fictional)",
        process_description="Talks between a government and an armed movement (fictional).",
        role=Role.objects.get(slug="co-mediator"),
        track="1",
        start_date=today + datetime.timedelta(days=60),
        duration="six months",
        mode=Request.Mode.EITHER,
        proposals_due=today + datetime.timedelta(days=21),
        status=Request.Status.SENT,
        sent_at=now,
    )
    RequestLanguage.objects.create(
        request=sent, code="ar", level=LanguageLevel.C1, need=Need.REQUIRED
    )
    RequestLanguage.objects.create(
        request=sent, code="fr", level=LanguageLevel.B2, need=Need.PREFERRED
    )
    for slug, need in (("process-design", Need.REQUIRED), ("gender-inclusion", Need.PREFERRED)):
        area = ExpertiseArea.objects.filter(slug=slug).first()
        if area is not None:
            RequestExpertise.objects.create(request=sent, area=area, need=need)
    RequestRegion.objects.create(request=sent, country="SD", need=Need.PREFERRED)
    draft = Request.objects.create(
        requester=requester,
        title="Gender and inclusion adviser for a national dialogue (fictional)",
        process_description="A national dialogue after a political transition (fictional).",
        role=Role.objects.get(slug="gender-inclusion-adviser"),
        track="2",
        start_date=today + datetime.timedelta(days=90),
        duration="three months",
        mode=Request.Mode.ON_SITE,
        proposals_due=today + datetime.timedelta(days=30),
    )
    RequestLanguage.objects.create(
        request=draft, code="en", level=LanguageLevel.C1, need=Need.REQUIRED
    )
    stdout.write(f"  {DEMO_REQUESTER} is a verified requester with a sent and a draft request.")
