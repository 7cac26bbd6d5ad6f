"""The world the matrix is checked in: every kind of profile, process, engagement and content."""

import datetime
import itertools

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.utils import timezone

from appointments.models import Invitation, Request, RequestLanguage
from mediators.models import Audience, ContactMessage, Mediator
from processes.models import Agreement, Engagement, ProcessLink
from processes.record import Party, ProcessParty
from tests.access.expectations import GROUPS, MEMBERS_UP, STAFFERS, SUPERUSER
from tests.access.world import ALL_PUBLIC, SEARCH_KEYS, Pair, World, _add_photo, _mediator
from tests.factories import (
    ArticleFactory,
    EventFactory,
    ProcessFactory,
    RequestFactory,
    VoiceFactory,
    add_country,
)
from wpm.models import ArticleAuthor, Page, Topic
from wpm.outbox.models import Mail


@pytest.fixture
def world(
    applicant,
    member,
    other_member,
    requester,
    other_requester,
    staff,
    editor,
    curator,
    focal_point,
    restricted_focal_point,
    superuser,
):
    users = {
        "anonymous": None,
        "applicant": applicant,
        "member": member,
        "other_member": other_member,
        "requester": requester,
        "other_requester": other_requester,
        "staff": staff,
        "editor": editor,
        "curator": curator,
        "focal_point": focal_point,
        "restricted_focal_point": restricted_focal_point,
        "superuser": superuser,
    }
    w = World(users=users)
    focal_points = frozenset(GROUPS["focal_points"])
    for persona, user in users.items():
        if user is not None:
            # Focal points vet requesters: they see their addresses.
            seen_by = focal_points if persona in GROUPS["requesters"] else frozenset()
            w.mark(user.email, SUPERUSER | seen_by | {persona}, f"the email address of {persona}")

    # Requests: a requester's draft, another's restricted request.
    w.req_draft = RequestFactory(
        requester=requester.requester, title="Bramblecote adviser", process_description="Talks."
    )
    # A second draft of hers, which her run of the matrix discards.
    w.req_spare = RequestFactory(
        requester=requester.requester, title="Spare draft", process_description="Talks."
    )
    w.req_restricted = RequestFactory(
        requester=other_requester.requester,
        title="Wrenfield envoy",
        process_description="Quillmarsh back channel.",
        confidentiality="restricted",
    )
    RequestLanguage.objects.create(request=w.req_restricted, code="fr", level=5, need="required")
    w.mark("Bramblecote", SUPERUSER | focal_points | {"requester"}, "a requester's draft")
    restricted = SUPERUSER | {"restricted_focal_point", "other_requester"}
    w.mark("Wrenfield", restricted, "a restricted request")
    w.mark("Quillmarsh", restricted, "a restricted request's process", witness="other_requester")
    w.mark("Ravenglass", SUPERUSER | focal_points | {"requester"}, "a requester's organisation")

    # Profiles in every visibility mode.
    w.pia = _mediator(
        "pia.v@example.net",
        "Pia Vellacourt",
        headline="Adviser on ceasefires",
        bio=f"Led talks. Brindlemoss {SEARCH_KEYS['pia_bio']}.",
        availability_note="Orvandel from spring",
        phone="+41446681800",  # staff only, as every phone number starts
        nationalities=["LI"],
        country="AD",
        training="Quillhaven course",
        region="NP",
        photo_audience=Audience.PUBLIC,
        bio_audience=Audience.MEMBERS,
        trainings_audience=Audience.MEMBERS,
        availability_audience=Audience.MEMBERS,
        regions_audience=Audience.PUBLIC,
        nationalities_audience=Audience.STAFF,
        country_audience=Audience.STAFF,
    )
    w.mark("Brindlemoss", MEMBERS_UP, "a members-only biography of a public profile")
    w.mark("Quillhaven", MEMBERS_UP, "members-only trainings of a public profile")
    w.mark("Orvandel", MEMBERS_UP, "a members-only availability note of a public profile")
    w.mark("Liechtenstein", STAFFERS, "staff-only nationalities", country=True)
    w.mark("Andorra", STAFFERS, "a staff-only country of residence", country=True)
    w.mark("+41 44 668 18 00", STAFFERS, "a staff-only phone number, as people read it")
    w.mark("+41446681800", STAFFERS, "a staff-only phone number, as it is dialled")
    w.mark("pia.v@example.net", SUPERUSER, "a mediator's email address")

    w.mara = _mediator(
        "mara.t@example.net",
        "Mara Thistlewick",
        headline="Mediator Corvasset",
        bio=f"Dravenholt {SEARCH_KEYS['members_only']}.",
        visibility="members",
        nationalities=["TV"],
        phone="+442079460958",
        **(ALL_PUBLIC | {"nationalities_audience": Audience.STAFF}),
    )
    for text in ("Thistlewick", "Corvasset", "Dravenholt"):
        w.mark(text, MEMBERS_UP, "a members-only profile")
    w.mark("+44 20 7946 0958", MEMBERS_UP, "the public phone number of a members-only profile")
    w.mark("Tuvalu", STAFFERS, "staff-only nationalities of a members-only profile", country=True)
    w.mark_photo(w.mara, MEMBERS_UP, "a members-only profile")

    w.hedda = _mediator(
        "hedda.z@example.net",
        "Hedda Zorblatt",
        headline="Envoy Quernsey",
        bio=f"Yarrowgate {SEARCH_KEYS['hidden']}.",
        visibility="hidden",
        **ALL_PUBLIC,
    )
    for text in ("Zorblatt", "Quernsey", "Yarrowgate"):
        w.mark(text, STAFFERS, "a hidden profile")
    w.mark_photo(w.hedda, STAFFERS, "a hidden profile")

    w.prue = _mediator(
        "prue.k@example.net",
        "Prue Kestrinova",
        headline="Negotiator Mossgrave",
        bio=f"Fenwhistle {SEARCH_KEYS['protected']}.",
        pronouns="she/her",
        availability_note="Ombrisol in autumn",
        nationalities=["MC"],
        phone="+33142685300",
        training="Larkspindle seminar",
        region="BT",
        visibility="protected",
        **ALL_PUBLIC,
    )
    for text in ("Kestrinova", "Mossgrave", "Fenwhistle", "Ombrisol", "Larkspindle"):
        w.mark(text, MEMBERS_UP, "what identifies a protected mediator")
    w.mark("Monaco", MEMBERS_UP, "a protected mediator's nationality", country=True)
    w.mark("+33 1 42 68 53 00", MEMBERS_UP, "a protected mediator's public phone number")
    w.mark("Bhutan", MEMBERS_UP, "a protected mediator's countries of experience", country=True)
    w.mark_photo(w.prue, MEMBERS_UP, "a protected mediator")

    w.ada = _mediator("ada.p@example.net", "Ada Pellucida", **ALL_PUBLIC)
    w.stella = _mediator("stella.b@example.net", "Stella Brackenridge", **ALL_PUBLIC)

    w.sina = _mediator(
        "sina.m@example.net",
        "Sina Marrowfield",
        bio=f"Gossamerine {SEARCH_KEYS['submitted']}.",
        status="submitted",
        **ALL_PUBLIC,
    )
    for text in ("Marrowfield", "Gossamerine"):
        w.mark(text, STAFFERS, "a submitted, unapproved profile")
    # Nobody sees a photo before approval but the mediator herself (here: nobody).
    w.mark_photo(w.sina, STAFFERS, "a submitted profile", witness=None)

    # The personas' own profiles.
    w.member_profile = member.mediator
    Mediator.objects.filter(pk=w.member_profile.pk).update(
        bio="Saffronhill stories.", nationalities=["PW"]
    )
    w.member_profile.refresh_from_db()
    _add_photo(w.member_profile)
    w.member_profile.refresh_search()
    # She is on the restricted request's shortlist: her page shows her none of its details,
    # and the focal points' note reaches her only in her own data export.
    w.invitation = Invitation.objects.create(
        request=w.req_restricted, mediator=w.member_profile, note="Thornbury vouches for her."
    )
    # She accepted, releasing her core profile and her biography, and the network proposed her:
    # the requester sees exactly those two parts, in the pages and the dossier.
    Request.objects.filter(pk=w.req_restricted.pk).update(status="sent")
    w.req_restricted.refresh_from_db()
    w.invitation.accept(["profile", "bio"])
    w.req_restricted.propose()
    w.mark(
        "Thornbury",
        SUPERUSER | {"restricted_focal_point", "member"},
        "a focal point's note on a shortlisted mediator",
    )
    w.mark(
        "Saffronhill",
        MEMBERS_UP | {"other_requester"},
        "a member's members-only biography, released to one requester",
    )
    w.mark("Palau", STAFFERS | {"member"}, "a member's staff-only nationality", country=True)
    w.mark_photo(w.member_profile, MEMBERS_UP, "a member (members-only photo)")

    w.applicant_profile = applicant.mediator
    Mediator.objects.filter(pk=w.applicant_profile.pk).update(bio="Nettlecombe notes.")
    w.applicant_profile.refresh_from_db()
    _add_photo(w.applicant_profile)
    w.applicant_profile.refresh_search()
    w.mark("Ana Applicant", STAFFERS | {"applicant"}, "an applicant's unapproved profile")
    w.mark(
        "Nettlecombe",
        STAFFERS | {"applicant"},
        "an applicant's unapproved profile",
        witness="applicant",
    )
    w.mark_photo(w.applicant_profile, STAFFERS | {"applicant"}, "an applicant", witness="applicant")

    ContactMessage.objects.create(
        mediator=w.member_profile,
        name="Dorota Ashgrove",
        email="dorota@sender.example",
        purpose="mediation",
        message="Peppercombe proposal for a dialogue.",
    )
    # Its mail, on its way out: the back office names subject and recipient, never the message.
    Mail.objects.create(
        subject="[WPM] A message from Dorota Ashgrove",
        recipients=w.member_profile.user.email,
        message={"body": "Peppercombe proposal for a dialogue."},
    )
    for text in ("Ashgrove", "dorota@sender.example", "Peppercombe"):
        w.mark(text, SUPERUSER | {"member"}, "a message sent to a member")

    # Processes and engagements of every confidentiality.
    w.p_pub = ProcessFactory(name="Amberfall peace talks", slug="amberfall")
    add_country(w.p_pub, "SD")
    w.p_anon = ProcessFactory(name="Gravelmarsh dialogue", slug="gravelmarsh")
    add_country(w.p_anon, "KE")
    w.p_staff = ProcessFactory(name="Ironvale talks", slug="ironvale")
    add_country(w.p_staff, "CO")
    w.p_draft = ProcessFactory(
        name="Nightjar accord",
        slug="nightjar-accord",
        status="draft",
        summary=f"Plumbago summary {SEARCH_KEYS['draft_process']}",
    )
    add_country(w.p_draft, "SD")
    ProcessLink.objects.create(source=w.p_draft, target=w.p_pub, kind="feeds-into")
    party = Party.objects.create(name="Hollowmere movement", kind="armed-group")
    ProcessParty.objects.create(process=w.p_draft, party=party, role="conflict-party")
    w.draft_agreement = Agreement.objects.create(
        process=w.p_draft, name="Sablewood agreement", gender_provisions=True
    )
    w.agreement = Agreement.objects.create(process=w.p_pub, name="Open harbour accord")
    for text in ("Nightjar", "Plumbago", "Hollowmere", "Sablewood"):
        w.mark(text, STAFFERS, "a draft process")

    for mediator in (w.pia, w.mara, w.hedda, w.prue, w.ada):
        Engagement.objects.create(
            mediator=mediator, process=w.p_pub, role="adviser", confidentiality="named"
        )
    Engagement.objects.create(
        mediator=w.pia, process=w.p_draft, role="lead", confidentiality="named"
    )
    w.anonymised = Engagement.objects.create(
        mediator=w.ada,
        process=w.p_anon,
        role="facilitator",
        start_year=2014,
        end_year=2016,
        description="Wintercress notes",
        confidentiality="anonymised",
    )
    w.staff_only = Engagement.objects.create(
        mediator=w.stella,
        process=w.p_staff,
        role="lead",
        description="Cindermoor notes",
        confidentiality="staff",
    )
    w.mark("Wintercress", STAFFERS, "the description of an anonymised engagement")
    w.mark("Cindermoor", STAFFERS, "the description of a staff-only engagement")
    w.pairs.append(
        Pair(
            ("pellucida",),
            ("gravelmarsh",),
            STAFFERS,
            "an anonymised engagement's process next to the mediator's name",
        )
    )
    w.pairs.append(
        Pair(
            ("brackenridge",),
            ("ironvale",),
            STAFFERS,
            "a staff-only engagement's process next to the mediator's name",
        )
    )

    # Content: published, draft and not-yet-published.
    topic = Topic.objects.create(slug="inclusion", name_en="Inclusion", name_de="Inklusion")
    w.art_de_draft = ArticleFactory(
        title="Fennimore Entwurf", slug="fennimore-entwurf", language="de", status="draft"
    )
    w.art_pub = ArticleFactory(
        title="Bellweather brief", slug="bellweather-brief", translation=w.art_de_draft
    )
    w.art_pub.topics.add(topic)
    w.art_pub.related_processes.add(w.p_pub, w.p_draft)
    for name, mediator in [("Guest Author", w.hedda), ("Guest Writer", w.prue), ("Guest", w.mara)]:
        ArticleAuthor.objects.create(article=w.art_pub, name=name, mediator=mediator)
    w.art_draft = ArticleFactory(
        title="Cobblestrand draft",
        slug="cobblestrand-draft",
        summary="Fogwillow summary.",
        body=f"Text {SEARCH_KEYS['draft_article']}.",
        status="draft",
    )
    w.art_future = ArticleFactory(
        title="Duskmantle preview",
        slug="duskmantle-preview",
        published_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    w.art_de_pub = ArticleFactory(
        title="Eschenwald Aufruf", slug="eschenwald-aufruf", language="de"
    )
    for text in ("Fennimore", "Cobblestrand", "Fogwillow", "Duskmantle"):
        w.mark(text, STAFFERS, "an unpublished article")

    for slug in ("about", "impressum", "privacy"):
        Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title_en": slug.title(),
                "title_de": slug.title(),
                "body_en": "Text.",
                "body_de": "Text.",
                "status": "published",
            },
        )
    Page.objects.create(
        slug="guide",
        title_en="Gildersleeve guide",
        title_de="Gildersleeve Leitfaden",
        body_en="Text.",
        body_de="Text.",
        status="published",
    )
    w.page_draft = Page.objects.create(
        slug="hazelrigg-plan",
        title_en="Hazelrigg plan",
        title_de="Hazelrigg Plan",
        body_en=f"Ivorycombe {SEARCH_KEYS['draft_page']}.",
        body_de=f"Ivorycombe {SEARCH_KEYS['draft_page']}.",
        status="draft",
    )
    for text in ("Hazelrigg", "Ivorycombe"):
        w.mark(text, STAFFERS, "a draft page")

    EventFactory(title="Juniperwell workshop", slug="juniperwell")
    EventFactory(
        title="Kettlethorn retreat",
        slug="kettlethorn",
        description=f"Retreat {SEARCH_KEYS['draft_event']}.",
        status="draft",
    )
    past = timezone.now() - datetime.timedelta(days=30)
    EventFactory(title="Lindenmoor forum", slug="lindenmoor", starts_at=past)
    w.mark("Kettlethorn", STAFFERS, "a draft event")
    w.voice = VoiceFactory(name="Rhea Marigoldson", is_featured=True)
    w.voice_draft = VoiceFactory(
        name="Rhea Nettlebrook", quote="Pennywhistle.", is_featured=True, status="draft"
    )
    for text in ("Nettlebrook", "Pennywhistle"):
        w.mark(text, STAFFERS, "a draft voice")

    # The audit log: superusers only.
    w.log_entry = LogEntry.objects.log_actions(
        superuser.pk,
        [w.hedda],
        CHANGE,
        change_message="Oakhaven review note",
        single_object=True,
    )
    w.mark("Oakhaven", SUPERUSER, "the audit log")

    texts = [marker.text.lower() for marker in w.markers]
    for a, b in itertools.permutations(texts, 2):
        assert a not in b, f"marker {a!r} is part of {b!r}: choose distinct words"
    return w
