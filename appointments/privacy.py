"""A requester's status and requests in her personal data: exported with it, erased with her;
and what becomes of a mediator's profile, followed in the proposals she is in."""

from django.db.models import Prefetch
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from mediators.models import Mediator
from mediators.signals import listing_changed
from wpm.privacy import anonymise_log, erasing_personal_data, personal_data_requested

from .models import Access, Invitation, Request, Requester


@receiver(personal_data_requested)
def export_requests(sender, user, **kwargs):
    """Her application and every request she filed, with its criteria and the record of each
    time she viewed its proposal, downloaded its dossier or wrote to a mediator in it; None if
    she never applied. Not to whom she wrote, as with her messages."""
    requester = Requester.objects.filter(user=user).first()
    if requester is None:
        return {"requester": None}
    share = {
        "organisation": requester.organisation,
        "position": requester.position,
        "language": requester.language,
        "status": requester.status,
        "applied_at": requester.applied_at,
        "decided_at": requester.decided_at,
        "requests": [],
    }
    requests = requester.requests.select_related("role", "process").prefetch_related(
        "languages",
        "expertise__area",
        "regions",
        Prefetch("accesses", queryset=Access.objects.filter(user=user).order_by("at", "pk")),
    )
    for request in requests:
        share["requests"].append(
            {
                "title": request.title,
                "process": request.process.name if request.process else None,
                "process_description": request.process_description,
                "role": request.role.name_en,
                "track": request.track,
                "start_date": request.start_date,
                "duration": request.duration,
                "mode": request.mode,
                "proposals_due": request.proposals_due,
                "confidentiality": request.confidentiality,
                "language": request.language,
                "status": request.status,
                "outcome": request.outcome,
                "created_at": request.created_at,
                "sent_at": request.sent_at,
                "proposed_at": request.proposed_at,
                "closed_at": request.closed_at,
                "languages": [
                    {"code": row.code, "level": row.level, "need": row.need}
                    for row in request.languages.all()
                ],
                "expertise": [
                    {"area": row.area.name_en, "need": row.need} for row in request.expertise.all()
                ],
                "regions": [
                    {"country": row.country.code, "need": row.need} for row in request.regions.all()
                ],
                "accesses": [{"what": row.kind, "at": row.at} for row in request.accesses.all()],
            }
        )
    return {"requester": share}


@receiver(personal_data_requested)
def export_invitations(sender, user, **kwargs):
    """A mediator's invitations: which requests, what she answered and which parts she
    released. A restricted request's title stays out, as on her invitation page."""
    invitations = (
        Invitation.objects.of_mediator(user)
        .select_related("request__role")
        .prefetch_related("releases")
    )
    return {
        "invitations": [
            {
                "request": None
                if invitation.request.confidentiality == Request.Confidentiality.RESTRICTED
                else invitation.request.title,
                "role": invitation.request.role.name_en,
                "proposals_due": invitation.request.proposals_due,
                "note": invitation.note,
                "added_at": invitation.added_at,
                "status": invitation.current_status,
                "answered_at": invitation.answered_at,
                "released": invitation.released,
                "proposed_at": invitation.proposed_at,
                "outcome": invitation.outcome,
                "releases": [
                    {"action": release.action, "parts": release.parts, "at": release.at}
                    for release in invitation.releases.all()
                ],
            }
            for invitation in invitations
        ]
    }


@receiver(pre_delete, sender=Mediator)
def forget_invitations(sender, instance, **kwargs):
    """Her profile going, however it goes (her account deleted, staff in the admin), takes her
    off every shortlist and proposal; each invitation stays, nameless, for the public numbers.
    A requester still choosing from a proposal she was in is told that it changed."""
    invitations = Invitation.objects.filter(mediator=instance)
    awaited = set(invitations.proposed().awaited().values_list("pk", flat=True))
    for invitation in invitations.select_related("request__requester__user"):
        invitation.anonymise()
        if invitation.pk in awaited:
            invitation.tell_requester()


@receiver(listing_changed)
def follow_listing(sender, mediators, listed, **kwargs):
    """Staff's decision on her profile takes her out of every proposal she is in, or brings her
    back to it with what she released: each requester still choosing is told."""
    awaited = Invitation.objects.filter(mediator__in=mediators).awaited()
    for invitation in awaited.select_related("request__requester__user"):
        invitation.tell_requester(back=listed)


@receiver(erasing_personal_data)
def erase_requests(sender, user, **kwargs):
    """The admin's log keeps only that a requester was decided on; her requests follow her
    (forget_requests)."""
    requester = Requester.objects.filter(user=user).first()
    if requester is not None:
        anonymise_log(requester, f"deleted requester #{requester.pk}")


@receiver(pre_delete, sender=Requester)
def forget_requests(sender, instance, **kwargs):
    """However she goes (her account deleted, staff deleting her or her account in the admin),
    her drafts go with her; a request she sent stays for the public numbers, with everything
    that named her or the mediators purged. One still open is cancelled: nobody is left to
    propose to, and a nameless request left open could still invite mediators. The history rows
    go too, which the deletion would leave."""
    instance.requests.filter(status=Request.Status.DRAFT).delete()
    instance.cancel_open_requests()
    for request in instance.requests.all():
        request.purge()
    # After the requests: deleting them writes history rows of its own.
    Request.history.filter(requester=instance).delete()
