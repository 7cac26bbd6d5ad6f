"""A verified demo requester and her requests, so that a newcomer sees the appointments flow
after `make run`: one request still a draft, one sent to the network's focal points, one with a
proposal (the demo member invited to it) and one closed with an appointment from the list."""

import datetime

from django.utils import timezone

from appointments.models import (
    Invitation,
    Need,
    Request,
    Requester,
    RequestExpertise,
    RequestLanguage,
    RequestRegion,
    Role,
)
from mediators.choices import LanguageLevel
from mediators.models import ExpertiseArea, Mediator
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
    _seed_proposals(requester, now)
    stdout.write(
        f"  {DEMO_REQUESTER} is a verified requester with requests in every state: a draft, "
        "a sent one, one with a proposal and one closed."
    )


def _seed_proposals(requester: Requester, now: datetime.datetime) -> None:
    """A request with a proposal and one closed with an appointment, each with a shortlist of
    demo mediators who answered in every way. The demo member, if she is listed, is invited
    to the first and has not answered yet: she sees it in her member area."""
    mediators = list(
        Mediator.objects.listed().exclude(user__email="member@example.org").order_by("pk")[:6]
    )
    member = Mediator.objects.listed().filter(user__email="member@example.org").first()
    if len(mediators) < 6:
        return
    today = timezone.localdate()
    sent_at = now - datetime.timedelta(days=20)
    proposed = Request.objects.create(
        requester=requester,
        title="Process adviser for a regional dialogue (fictional)",
        process_description="A dialogue between neighbouring states on shared water (fictional).",
        role=Role.objects.get(slug="senior-adviser"),
        track="1.5",
        start_date=today + datetime.timedelta(days=45),
        duration="one year",
        mode=Request.Mode.EITHER,
        proposals_due=today + datetime.timedelta(days=10),
        status=Request.Status.SENT,
        sent_at=sent_at,
    )
    RequestLanguage.objects.create(
        request=proposed, code="en", level=LanguageLevel.C1, need=Need.REQUIRED
    )
    RequestRegion.objects.create(request=proposed, country="KE", need=Need.PREFERRED)
    accepted, declined, _waiting = (
        Invitation.objects.create(request=proposed, mediator=mediator, added_at=sent_at)
        for mediator in mediators[:3]
    )
    accepted.accept(["profile", "bio", "regions", "availability"])
    declined.decline()
    if member is not None:
        Invitation.objects.create(request=proposed, mediator=member, added_at=sent_at)
    Invitation.objects.filter(pk=accepted.pk).update(proposed_at=now)
    Request.objects.filter(pk=proposed.pk).update(
        status=Request.Status.PROPOSED, proposed_at=now, region=proposed.where()
    )

    sent_at = now - datetime.timedelta(days=200)
    closed = Request.objects.create(
        requester=requester,
        title="Facilitator for a local dialogue (fictional)",
        process_description="Community talks after local violence (fictional).",
        role=Role.objects.get(slug="facilitator"),
        track="3",
        start_date=today - datetime.timedelta(days=100),
        mode=Request.Mode.ON_SITE,
        proposals_due=today - datetime.timedelta(days=150),
        status=Request.Status.CLOSED,
        outcome=Request.Outcome.FILLED_FROM_LIST,
        sent_at=sent_at,
        proposed_at=sent_at + datetime.timedelta(days=12),
        closed_at=now - datetime.timedelta(days=90),
    )
    RequestLanguage.objects.create(
        request=closed, code="fr", level=LanguageLevel.B2, need=Need.REQUIRED
    )
    for mediator, outcome in zip(
        mediators[3:],
        (Invitation.Outcome.APPOINTED, Invitation.Outcome.NOT_SELECTED, ""),
        strict=True,
    ):
        Invitation.objects.create(
            request=closed,
            mediator=mediator,
            added_at=sent_at,
            status=Invitation.Status.ACCEPTED if outcome else Invitation.Status.DECLINED,
            answered_at=sent_at,
            released=["profile"] if outcome else [],
            proposed_at=closed.proposed_at if outcome else None,
            outcome=outcome,
        )
