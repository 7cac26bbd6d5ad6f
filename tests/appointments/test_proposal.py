"""The proposal: the requester sees the mediators who said yes, exactly what each released,
downloads their dossier, writes to them through the relay, and records what came of it."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.forms import OutcomeForm
from appointments.models import Access, Invitation, Request, Requester
from mediators.models import Audience, ContactMessage, Training
from tests.conftest import client_for, profile_admin_form
from tests.factories import MediatorFactory, RequestFactory
from tests.site.test_pdf import drawn_characters, text_of

pytestmark = pytest.mark.django_db


def _shortlisted(request, name, **fields):
    mediator = MediatorFactory(
        display_name=name,
        headline=f"{name} headline",
        nationalities=["LI"],
        nationalities_audience=Audience.STAFF,
        availability_note=f"{name.split()[0]} from Vantlemonth",
        **fields,
    )
    Training.objects.create(
        mediator=mediator, title=f"{name.split()[0]} Quarry course", provider="Academy", year=2020
    )
    return Invitation.objects.create(request=request, mediator=mediator)


@pytest.fixture
def shortlist(requester):
    """A sent request with three women on its shortlist: Alba accepts releasing her profile and
    biography, Dora declines, Lena does not answer."""
    request = RequestFactory(
        requester=requester.requester, title="Juniper talks adviser", status="sent"
    )
    alba = _shortlisted(request, "Alba Quintero", bio="Alba led the Marigold talks.")
    dora = _shortlisted(request, "Dora Pemberley", bio="Dora led the Foxglove talks.")
    lena = _shortlisted(request, "Lena Okonkwo", bio="Lena led the Hawthorn talks.")
    alba.accept(["profile", "bio"])
    dora.decline()
    return request, alba, dora, lena


def proposal_url(request):
    return f"/en/requests/{request.pk}/proposal/"


def propose(request, focal_point):
    return client_for(focal_point).post(f"/admin/appointments/request/{request.pk}/propose/")


def assert_nothing_to_propose(request, focal_point, said="nothing to propose"):
    mail.outbox.clear()
    page = client_for(focal_point).post(
        f"/admin/appointments/request/{request.pk}/propose/", follow=True
    )
    assert said in page.content.decode()
    assert mail.outbox == []


def test_the_focal_point_sends_those_who_accepted_and_the_requester_is_told(shortlist, focal_point):
    request, alba, _dora, _lena = shortlist
    response = propose(request, focal_point)
    assert response.status_code == 302
    request.refresh_from_db()
    alba.refresh_from_db()
    assert request.status == "proposed" and request.proposed_at is not None
    assert alba.in_proposal
    assert list(request.proposal()) == [alba]
    (message,) = mail.outbox
    assert message.to == [request.requester.user.email]
    assert "1 mediator for your request" in message.body
    assert proposal_url(request) in message.body
    # Nothing new to send: nothing happens, and the focal point is told why.
    assert_nothing_to_propose(request, focal_point)


def test_the_requester_sees_only_who_accepted_and_only_what_she_released(
    shortlist, focal_point, requester
):
    request, alba, _dora, _lena = shortlist
    client = client_for(requester)
    assert client.get(proposal_url(request)).status_code == 404  # nothing proposed yet
    propose(request, focal_point)
    page = client.get(proposal_url(request)).content.decode()
    assert "Alba Quintero" in page and "Marigold" in page and "Alba Quintero headline" in page
    for hidden in ("Liechtenstein", "Quarry", "Vantlemonth", alba.mediator.user.email):
        assert hidden not in page
    for other in ("Dora", "Lena", "Foxglove", "Hawthorn"):
        assert other not in page
    assert Access.objects.get().kind == "viewed"
    assert Access.objects.get().user == requester


def test_her_email_goes_only_if_she_ticked_it(shortlist, focal_point, requester):
    request, _alba, _dora, lena = shortlist
    lena.accept(["profile", "email"])
    propose(request, focal_point)
    page = client_for(requester).get(proposal_url(request)).content.decode()
    assert lena.mediator.user.email in page
    assert "Hawthorn" not in page  # her biography was not ticked


def test_her_phone_number_goes_only_if_she_ticked_it(shortlist, focal_point, requester):
    """Staff alone see a number on her profile; she may still release it for one request."""
    request, alba, _dora, lena = shortlist
    for invitation, number in ((alba, "+254722123456"), (lena, "+4930901820")):
        invitation.mediator.phone = number
        invitation.mediator.save()
    lena.accept(["profile", "phone"])
    propose(request, focal_point)
    page = client_for(requester).get(proposal_url(request)).content.decode()
    assert "+49 30 901820" in page
    assert "722 123456" not in page and "254722123456" not in page
    text = text_of(client_for(requester).get(proposal_url(request) + "dossier.pdf").content)
    assert "+49 30 901820" in text and "722 123456" not in text


def test_withdrawing_takes_her_out_at_once(shortlist, focal_point, requester):
    request, alba, _dora, _lena = shortlist
    propose(request, focal_point)
    alba.withdraw()
    client = client_for(requester)
    page = client.get(proposal_url(request)).content.decode()
    assert "Alba" not in page and "Marigold" not in page
    relay = f"/en/requests/{request.pk}/proposal/{alba.pk}/write/"
    assert client.get(relay).status_code == 404
    assert "Marigold" not in text_of(client.get(proposal_url(request) + "dossier.pdf").content)


def test_nobody_else_sees_the_proposal(shortlist, focal_point, other_requester, member):
    request, *_rest = shortlist
    propose(request, focal_point)
    for user in (other_requester, member, focal_point):
        client = client_for(user)
        assert client.get(proposal_url(request)).status_code == 404
        assert client.get(proposal_url(request) + "dossier.pdf").status_code == 404
    assert not Access.objects.exists()


def test_the_dossier_holds_her_released_parts_in_the_requests_language(
    shortlist, focal_point, requester
):
    request, *_rest = shortlist
    Request.objects.filter(pk=request.pk).update(language="de")
    propose(request, focal_point)
    response = client_for(requester).get(proposal_url(request) + "dossier.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = text_of(response.content)
    assert "Nominierungsdossier" in text
    assert "Alba Quintero" in text and "Marigold" in text
    assert "Netzwerk Frauen in der Friedensmediation" in text  # the network, in German
    assert timezone.localdate().strftime("%Y") in text
    for hidden in ("Liechtenstein", "Quarry", "Vantlemonth", "Dora", "Lena", "@"):
        assert hidden not in text
    assert Access.objects.get().kind == "dossier"


def test_hostile_text_in_the_dossier_is_text(requester, focal_point):
    request = RequestFactory(
        requester=requester.requester,
        title='<img src="file:///etc/passwd"><script>alert(1)</script>',
        status="sent",
    )
    invitation = _shortlisted(
        request, "Hana Hostile", bio='<iframe src="http://127.0.0.1:9/"></iframe> Calm **work**.'
    )
    invitation.accept(["profile", "bio"])
    propose(request, focal_point)
    client = client_for(requester)
    page = client.get(proposal_url(request)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<iframe" not in page
    text = text_of(client.get(proposal_url(request) + "dossier.pdf").content)
    assert "<script>alert(1)</script>" in text  # shown as the words typed, never run
    assert "root:" not in text
    (message,) = mail.outbox
    assert "<script>alert(1)</script>" in message.body  # plain text mail: inert


# A name, a headline and a biography in each of the scripts the network's mediators write in.
SCRIPTS = {
    "Chinese": ("王秀英", "和平调解员", "她主持了和平谈判。"),
    "Amharic": ("ሰላም ተስፋዬ", "የሰላም አደራዳሪ", "የሰላም ንግግሮችን መራች።"),
    "Arabic": ("فاطمة الزهراء", "وسيطة سلام", "قادت محادثات السلام."),
    "Cyrillic": ("Ольга Петрова", "Посредница", "Вела мирные переговоры."),
    "Devanagari": ("प्रिया शर्मा", "शांति मध्यस्थ", "उन्होंने शांति वार्ता का नेतृत्व किया।"),
}


@pytest.mark.fonts
def test_the_dossier_draws_every_script_her_name_is_written_in(requester, focal_point):
    """A name no installed font has prints as a row of boxes: the dossier's fonts hold each."""
    request = RequestFactory(requester=requester.requester, title="Adviser", status="sent")
    for name, headline, bio in SCRIPTS.values():
        mediator = MediatorFactory(display_name=name, headline=headline, bio=bio)
        Invitation.objects.create(request=request, mediator=mediator).accept(["profile", "bio"])
    propose(request, focal_point)
    dossier = client_for(requester).get(proposal_url(request) + "dossier.pdf").content
    drawn = drawn_characters(dossier)
    boxes = {
        script: "".join(sorted({c for c in "".join(texts) if not c.isspace()} - drawn))
        for script, texts in SCRIPTS.items()
    }
    assert not any(boxes.values()), (
        f"printed as boxes: {boxes}; install fonts-noto-core and fonts-noto-cjk (see README)"
    )


def test_the_requester_writes_through_the_relay(shortlist, focal_point, requester):
    request, alba, *_rest = shortlist
    propose(request, focal_point)
    mail.outbox.clear()
    client = client_for(requester)
    url = f"/en/requests/{request.pk}/proposal/{alba.pk}/write/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"message": "Could we speak on Monday?"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [alba.mediator.user.email]
    assert message.reply_to == [requester.email]
    assert "Could we speak on Monday?" in message.body
    assert ContactMessage.objects.get().mediator == alba.mediator
    assert Access.objects.filter(kind="contacted", invitation=alba).exists()
    # A second click on "Send" is not a second message; another message is.
    again = client.post(url, {"message": "Could we speak on Monday?"})
    assert again.status_code == 400
    assert "You have sent her this message already." in again.content.decode()
    assert (len(mail.outbox), ContactMessage.objects.count()) == (1, 1)
    assert client.post(url, {"message": "Or on Tuesday?"}).status_code == 302
    assert len(mail.outbox) == 2


def test_a_long_organisation_fits_the_relay(shortlist, focal_point, requester):
    """A requester's organisation may be longer than a relayed message keeps."""
    request, alba, *_rest = shortlist
    requester.requester.organisation = "O" * 200
    requester.requester.save()
    propose(request, focal_point)
    response = client_for(requester).post(
        f"/en/requests/{request.pk}/proposal/{alba.pk}/write/", {"message": "Hello"}
    )
    assert response.status_code == 302
    assert ContactMessage.objects.get().organisation == "O" * 160


@pytest.mark.parametrize("text", ["", "x" * 4001])
def test_a_bad_message_is_refused_and_nothing_sent(shortlist, focal_point, requester, text):
    request, alba, *_rest = shortlist
    propose(request, focal_point)
    mail.outbox.clear()
    response = client_for(requester).post(
        f"/en/requests/{request.pk}/proposal/{alba.pk}/write/", {"message": text}
    )
    assert response.status_code == 400
    assert mail.outbox == [] and not ContactMessage.objects.exists()


def test_she_cannot_write_to_someone_who_declined(shortlist, focal_point, requester):
    request, _alba, dora, lena = shortlist
    propose(request, focal_point)
    client = client_for(requester)
    for invitation in (dora, lena):
        url = f"/en/requests/{request.pk}/proposal/{invitation.pk}/write/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"message": "Hello"}).status_code == 404


def outcome(client, request, **data):
    return client.post(f"/en/requests/{request.pk}/proposal/outcome/", data)


def test_the_requester_records_the_outcome_and_the_mediator_sees_it(
    shortlist, focal_point, requester
):
    request, alba, *_rest = shortlist
    propose(request, focal_point)
    client = client_for(requester)
    response = outcome(
        client, request, **{f"candidate-{alba.pk}": "appointed", "outcome": "from-list"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    alba.refresh_from_db()
    assert (request.status, request.outcome, alba.outcome) == ("closed", "from-list", "appointed")
    history = client_for(alba.mediator.user).get("/en/me/invitations/").content.decode()
    assert "Appointed" in history
    # Closed: the outcome stands.
    again = outcome(client, request, **{f"candidate-{alba.pk}": "not-selected"})
    assert again.status_code == 400
    alba.refresh_from_db()
    assert alba.outcome == "appointed"


def test_one_marked_appointed_who_left_the_proposal_is_no_appointment_when_it_closes(
    shortlist, focal_point, requester
):
    """Marked appointed while the request was still open, then withdrawn: closing it as filled
    otherwise counted an appointment the request never made, and her page said Appointed."""
    from appointments.numbers import numbers

    request, alba, *_rest = shortlist
    propose(request, focal_point)
    client = client_for(requester)
    assert outcome(client, request, **{f"candidate-{alba.pk}": "appointed"}).status_code == 302
    client_for(alba.mediator.user).post(f"/en/me/invitations/{alba.pk}/", {"action": "withdraw"})
    assert outcome(client, request, outcome="otherwise").status_code == 302
    request.refresh_from_db()
    alba.refresh_from_db()
    assert (request.outcome, alba.status, alba.outcome) == ("otherwise", "withdrawn", "")
    assert numbers().appointed == 0
    page = client_for(alba.mediator.user).get("/en/me/invitations/").content.decode()
    assert "Appointed" not in page


@pytest.mark.parametrize(
    ("candidate", "result", "message"),
    [
        ("", "from-list", "Mark who was appointed"),
        ("appointed", "cancelled", "filled from it"),
        ("appointed", "otherwise", "filled from it"),
        ("hired", "", "Select a valid choice"),
        ("", "<script>", "Select a valid choice"),
    ],
)
def test_an_outcome_that_contradicts_itself_is_refused(
    shortlist, focal_point, requester, candidate, result, message
):
    request, alba, *_rest = shortlist
    propose(request, focal_point)
    response = outcome(
        client_for(requester), request, **{f"candidate-{alba.pk}": candidate, "outcome": result}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    request.refresh_from_db()
    alba.refresh_from_db()
    assert (request.status, request.outcome, alba.outcome) == ("proposed", "", "")


def test_a_focal_point_records_the_outcome_in_the_admin(shortlist, focal_point):
    request, alba, *_rest = shortlist
    propose(request, focal_point)
    client = client_for(focal_point)
    url = f"/admin/appointments/request/{request.pk}/outcome/"
    response = client.post(url, {f"candidate-{alba.pk}": "not-selected", "outcome": "otherwise"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.outcome, request.status) == ("otherwise", "closed")


def test_a_restricted_request_is_proposed_only_by_those_who_may_see_it(
    shortlist, focal_point, restricted_focal_point
):
    request, *_rest = shortlist
    Request.objects.filter(pk=request.pk).update(confidentiality="restricted")
    assert propose(request, focal_point).status_code == 404
    assert propose(request, restricted_focal_point).status_code == 302


def test_staff_see_who_looked(shortlist, focal_point, requester, superuser):
    request, *_rest = shortlist
    propose(request, focal_point)
    client_for(requester).get(proposal_url(request))
    page = client_for(focal_point).get("/admin/appointments/access/").content.decode()
    assert "Viewed the proposal" in page and requester.name in page


def test_closed_requests_are_purged_after_the_retention_and_still_count(
    shortlist, focal_point, requester
):
    from django.core.management import call_command

    request, alba, *_rest = shortlist
    propose(request, focal_point)
    client_for(requester).get(proposal_url(request))
    outcome(
        client_for(requester),
        request,
        **{f"candidate-{alba.pk}": "appointed", "outcome": "from-list"},
    )
    before = client_for(None).get("/en/requests/outcomes/").content.decode()
    call_command("purge_requests", days=730)
    request.refresh_from_db()
    assert request.requester is not None  # closed today: kept
    Request.objects.filter(pk=request.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=731)
    )
    call_command("purge_requests")
    request.refresh_from_db()
    assert (request.requester, request.title, request.purged_at is not None) == (None, "", True)
    assert not Invitation.objects.exclude(mediator=None).filter(request=request).exists()
    assert not Access.objects.exists() and not request.history.exists()
    assert list(request.invitations.values_list("outcome", flat=True).order_by("outcome")) == [
        "",
        "",
        "appointed",
    ]
    assert client_for(None).get("/en/requests/outcomes/").content.decode() == before


def test_her_photo_goes_only_if_she_released_it(shortlist, focal_point, requester, other_requester):
    from io import BytesIO

    from pypdf import PdfReader

    from tests.access.world import _add_photo

    request, alba, _dora, lena = shortlist
    for invitation in (alba, lena):
        _add_photo(invitation.mediator)
    lena.accept(["profile", "photo"])
    propose(request, focal_point)
    client = client_for(requester)
    page = client.get(proposal_url(request)).content.decode()
    lena_photo = f"/en/requests/{request.pk}/proposal/{lena.pk}/photo.jpg"
    alba_photo = f"/en/requests/{request.pk}/proposal/{alba.pk}/photo.jpg"
    assert f'src="{lena_photo}"' in page and alba_photo not in page
    response = client.get(lena_photo)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    assert client.get(alba_photo).status_code == 404  # she kept it
    assert client_for(other_requester).get(lena_photo).status_code == 404

    def images():
        dossier = client.get(proposal_url(request) + "dossier.pdf").content
        return sum(len(page.images) for page in PdfReader(BytesIO(dossier)).pages)

    with_hers = images()
    lena.withdraw()
    assert client.get(lena_photo).status_code == 404
    assert with_hers > 0 and images() == 0  # hers was in the dossier, Alba's never


def test_a_photo_storage_cannot_read_costs_the_photo_not_the_dossier(
    shortlist, focal_point, requester, caplog
):
    from tests.access.world import _add_photo

    request, _alba, _dora, lena = shortlist
    _add_photo(lena.mediator)
    lena.accept(["profile", "photo"])
    propose(request, focal_point)
    lena.mediator.refresh_from_db()
    lena.mediator.photo_small.storage.delete(lena.mediator.photo_small.name)  # lost
    client = client_for(requester)
    dossier = client.get(proposal_url(request) + "dossier.pdf")
    assert dossier.status_code == 200 and "Lena Okonkwo" in text_of(dossier.content)
    photo = client.get(f"/en/requests/{request.pk}/proposal/{lena.pk}/photo.jpg")
    assert photo.status_code == 503
    assert "could not be read" in caplog.text


@pytest.mark.parametrize("decision", ["declined", "changes"])
def test_a_profile_staff_no_longer_approve_leaves_the_proposal_until_they_do(
    shortlist, focal_point, requester, decision
):
    """The network vouches for whom it proposes: her yes stands, but while staff decline her
    profile or send it back for changes, the requester sees nothing of her."""
    request, alba, _dora, _lena = shortlist
    propose(request, focal_point)
    alba.mediator.review(decision, "Please check your training dates.")
    client = client_for(requester)
    page = client.get(proposal_url(request)).content.decode()
    assert "Alba" not in page and "Marigold" not in page
    assert "Marigold" not in text_of(client.get(proposal_url(request) + "dossier.pdf").content)
    relay = f"/en/requests/{request.pk}/proposal/{alba.pk}/write/"
    assert client.get(relay).status_code == 404
    assert client.post(relay, {"message": "Hello"}).status_code == 404
    assert not ContactMessage.objects.exists()
    answered = outcome(
        client, request, **{f"candidate-{alba.pk}": "appointed", "outcome": "from-list"}
    )
    assert answered.status_code == 400  # she is nobody the requester may mark appointed
    alba.refresh_from_db()
    assert alba.outcome == ""
    history = client_for(alba.mediator.user).get(f"/en/me/invitations/{alba.pk}/")
    assert "proposed to the requester" not in history.content.decode()
    assert "can propose you only once staff approve your profile" in history.content.decode()
    # Approved again, she is back, with what she released.
    alba.mediator.review("approved")
    page = client.get(proposal_url(request)).content.decode()
    assert "Alba Quintero" in page and "Marigold" in page


def test_a_yes_from_a_profile_not_approved_is_not_sent_to_the_requester(
    shortlist, focal_point, requester
):
    request, alba, _dora, lena = shortlist
    lena.accept(["profile", "bio"])
    lena.mediator.review("declined")
    propose(request, focal_point)
    lena.refresh_from_db()
    assert lena.proposed_at is None
    assert list(request.proposal()) == [alba]
    page = client_for(requester).get(proposal_url(request)).content.decode()
    assert "Alba Quintero" in page and "Lena" not in page and "Hawthorn" not in page
    assert "1 mediator for your request" in mail.outbox[-1].body
    admin = f"/admin/appointments/request/{request.pk}/candidates/"
    candidates = client_for(focal_point).get(admin).content.decode()
    assert "Lena Okonkwo: Accepted; her profile is not approved" in candidates
    # With nobody else to send, the focal point is told there is nothing to propose.
    assert_nothing_to_propose(request, focal_point)


def test_once_closed_the_relay_reaches_only_the_mediators_appointed(
    shortlist, focal_point, requester
):
    request, alba, _dora, lena = shortlist
    lena.accept(["profile"])
    propose(request, focal_point)
    client = client_for(requester)
    before = client.get(proposal_url(request)).content.decode()
    assert "Write to Lena Okonkwo" in before
    assert "you can write through the network only to the mediators appointed" in before
    closing = outcome(
        client,
        request,
        **{f"candidate-{alba.pk}": "appointed", f"candidate-{lena.pk}": "not-selected"},
        outcome="from-list",
    )
    assert closing.status_code == 302
    mail.outbox.clear()
    page = client.get(proposal_url(request)).content.decode()
    assert "Write to Alba Quintero" in page and "Write to Lena" not in page
    assert "only to the mediators appointed" not in page  # told before, on the open form
    # Not selected: the relay is closed to her, and says so.
    url = f"/en/requests/{request.pk}/proposal/{lena.pk}/write/"
    for response in (client.get(url), client.post(url, {"message": "One more question"})):
        assert response.status_code == 302
        assert response["Location"] == proposal_url(request)
    told = client.post(url, {"message": "One more question"}, follow=True).content.decode()
    assert "relays messages only to the mediators appointed" in told
    assert mail.outbox == [] and not ContactMessage.objects.exists()
    # Appointed: the requester and she still have work to arrange.
    url = f"/en/requests/{request.pk}/proposal/{alba.pk}/write/"
    assert client.post(url, {"message": "Welcome aboard"}).status_code == 302
    (message,) = mail.outbox
    assert message.to == [alba.mediator.user.email]


def test_a_cancelled_request_closes_the_relay(shortlist, focal_point, requester):
    request, alba, *_rest = shortlist
    propose(request, focal_point)
    client = client_for(requester)
    assert outcome(client, request, outcome="cancelled").status_code == 302
    mail.outbox.clear()
    url = f"/en/requests/{request.pk}/proposal/{alba.pk}/write/"
    assert "Write to" not in client.get(proposal_url(request)).content.decode()
    assert client.post(url, {"message": "Sorry it fell through"}).status_code == 302
    assert mail.outbox == [] and not ContactMessage.objects.exists()


def test_two_outcomes_at_once_the_first_recorded_stands(shortlist, focal_point, requester):
    """The requester and a focal point record an outcome at the same time: both forms were
    checked while the request was open, the first saved closes it, the second changes
    nothing and says so."""
    request, alba, *_rest = shortlist
    propose(request, focal_point)
    request.refresh_from_db()
    theirs = OutcomeForm(
        {f"candidate-{alba.pk}": "not-selected", "outcome": "otherwise"},
        appointment_request=request,
        candidates=request.proposal(),
    )
    assert theirs.is_valid()
    client = client_for(requester)
    first = outcome(
        client, request, **{f"candidate-{alba.pk}": "appointed", "outcome": "from-list"}
    )
    assert first.status_code == 302
    assert theirs.save() is False
    request.refresh_from_db()
    alba.refresh_from_db()
    assert (request.outcome, alba.outcome) == ("from-list", "appointed")


def test_an_outcome_form_checked_before_the_close_is_refused_on_both_pages(
    shortlist, focal_point, requester, monkeypatch
):
    request, alba, *_rest = shortlist
    propose(request, focal_point)
    # The other side's outcome lands between this form's check and its save.
    checked = OutcomeForm.clean

    def closed_meanwhile(form):
        cleaned = checked(form)
        Request.objects.filter(pk=request.pk).update(status="closed", outcome="cancelled")
        return cleaned

    monkeypatch.setattr(OutcomeForm, "clean", closed_meanwhile)
    data = {f"candidate-{alba.pk}": "appointed", "outcome": "from-list"}
    page = client_for(requester).post(
        f"/en/requests/{request.pk}/proposal/outcome/", data, follow=True
    )
    assert "An outcome was recorded for this request meanwhile" in page.content.decode()
    Request.objects.filter(pk=request.pk).update(status="proposed", outcome="")
    admin = client_for(focal_point).post(
        f"/admin/appointments/request/{request.pk}/outcome/", data, follow=True
    )
    assert "An outcome was recorded for this request meanwhile" in admin.content.decode()
    request.refresh_from_db()
    alba.refresh_from_db()
    assert (request.outcome, alba.outcome) == ("cancelled", "")


def test_the_proposal_and_its_dossier_take_the_same_queries_however_many_women(
    shortlist, focal_point, requester
):
    """Everything each released, her trainings among it, read with the proposal: not once a
    woman."""
    request, alba, _dora, _lena = shortlist
    everything = [part for part, _label in Invitation.part_choices()]
    Invitation.objects.filter(pk=alba.pk).update(released=everything)
    propose(request, focal_point)
    client = client_for(requester)
    client.get(proposal_url(request))  # the session warm
    counts = {}
    for women in (1, 4):
        while request.proposal().count() < women:
            extra = _shortlisted(request, f"Extra Woman{request.proposal().count()}")
            extra.accept(everything)
            extra.proposed_at = timezone.now()
            extra.save()
        with CaptureQueriesContext(connection) as page:
            body = client.get(proposal_url(request)).content.decode()
        assert body.count("Quarry course") == women
        with CaptureQueriesContext(connection) as pdf:
            text = text_of(client.get(proposal_url(request) + "dossier.pdf").content)
        assert text.count("Quarry course") == women
        counts[women] = (len(page.captured_queries), len(pdf.captured_queries))
    assert counts[1] == counts[4], counts


def _told_of_changes(request):
    """The mails that told the requester her proposal changed, as (subject, body)."""
    return [
        (message.subject, message.body)
        for message in mail.outbox
        if message.to == [request.requester.user.email] and "in your proposal" in message.subject
    ]


def _review(client, mediator, action):
    return client.post(
        "/admin/mediators/mediator/",
        {"action": action, "_selected_action": [mediator.pk], "apply": "1", "message": "Dates?"},
    )


def test_the_requester_is_told_when_a_mediator_withdraws_from_her_proposal(
    shortlist, focal_point, requester
):
    """She is still choosing: she must not count on someone she can no longer appoint. The
    mail names nobody and gives no reason; the proposal shows who is left."""
    request, alba, _dora, _lena = shortlist
    propose(request, focal_point)
    mail.outbox.clear()
    her_page = client_for(alba.mediator.user).get(f"/en/me/invitations/{alba.pk}/")
    assert "is told by email that a mediator left the proposal" in her_page.content.decode()
    alba.withdraw()
    ((subject, body),) = _told_of_changes(request)
    assert subject == "[WPM] A mediator is no longer in your proposal"
    assert "“Juniper talks adviser” is no longer part of the proposal" in body
    assert f"{settings.SITE_URL}/en/requests/{request.pk}/proposal/" in body
    assert "Alba" not in body and "Quintero" not in body and "withdr" not in body


@pytest.mark.parametrize("decision", ["decline", "request_changes"])
def test_the_requester_is_told_when_staff_take_a_mediator_out_of_her_proposal_and_back(
    shortlist, focal_point, requester, superuser_client, decision
):
    request, alba, _dora, _lena = shortlist
    propose(request, focal_point)
    mail.outbox.clear()
    # Staff read what their decision does before they apply it.
    asked = {"action": decision, "_selected_action": [alba.mediator.pk]}
    confirm = superuser_client.post("/admin/mediators/mediator/", asked).content.decode()
    assert "leaves every proposal she is in" in confirm
    assert "told that a mediator left, with neither her name nor a reason" in confirm
    _review(superuser_client, alba.mediator, decision)
    ((subject, body),) = _told_of_changes(request)
    assert subject == "[WPM] A mediator is no longer in your proposal"
    assert "Alba" not in body and "Dates?" not in body  # staff's message is hers alone
    # Withdrawing now tells the requester nothing new: she left the proposal already.
    _review(superuser_client, alba.mediator, "decline")
    assert len(_told_of_changes(request)) == 1
    asked = {"action": "approve", "_selected_action": [alba.mediator.pk]}
    confirm = superuser_client.post("/admin/mediators/mediator/", asked).content.decode()
    assert "told that a mediator is back, without her name" in confirm
    _review(superuser_client, alba.mediator, "approve")
    (_left, (subject, body)) = _told_of_changes(request)
    assert subject == "[WPM] A mediator is back in your proposal"
    assert "is again part of the proposal for your request “Juniper talks adviser”" in body
    assert "Alba Quintero" in client_for(requester).get(proposal_url(request)).content.decode()


def test_a_status_changed_in_the_profiles_form_tells_the_requester_too(
    shortlist, focal_point, requester, superuser_client
):
    request, alba, _dora, _lena = shortlist
    propose(request, focal_point)
    mail.outbox.clear()
    url, _form, data = profile_admin_form(superuser_client, alba.mediator)
    superuser_client.post(url, {**data, "headline": "Adviser"})  # her status unchanged
    assert _told_of_changes(request) == []
    url, _form, data = profile_admin_form(superuser_client, alba.mediator)
    superuser_client.post(url, {**data, "status": "declined"})
    alba.mediator.refresh_from_db()
    assert alba.mediator.status == "declined"
    ((subject, _body),) = _told_of_changes(request)
    assert subject == "[WPM] A mediator is no longer in your proposal"


def test_her_profile_deleted_tells_the_requester(shortlist, focal_point, requester):
    request, alba, _dora, _lena = shortlist
    propose(request, focal_point)
    mail.outbox.clear()
    alba.mediator.delete()
    ((subject, body),) = _told_of_changes(request)
    assert subject == "[WPM] A mediator is no longer in your proposal"
    assert "Alba" not in body


def test_nobody_is_told_of_changes_she_does_not_wait_on(shortlist, focal_point, requester):
    """A yes not yet sent to the requester, and any change once the request is closed, are
    nothing the requester chooses from."""
    request, alba, _dora, lena = shortlist
    lena.accept(["profile"])
    her_page = client_for(lena.mediator.user).get(f"/en/me/invitations/{lena.pk}/")
    assert "Withdraw my acceptance" in her_page.content.decode()
    assert "a mediator left the proposal" not in her_page.content.decode()
    lena.withdraw()  # never proposed
    lena.refresh_from_db()
    assert _told_of_changes(request) == []
    propose(request, focal_point)
    request.close(Request.Outcome.CANCELLED)
    her_page = client_for(alba.mediator.user).get(f"/en/me/invitations/{alba.pk}/")
    assert "Withdraw my acceptance" in her_page.content.decode()
    assert "a mediator left the proposal" not in her_page.content.decode()
    alba.mediator.review("declined")
    alba.mediator.review("approved")
    alba.withdraw()
    assert _told_of_changes(request) == []


def test_the_requester_reads_of_changes_in_her_language(shortlist, focal_point, requester):
    request, alba, _dora, _lena = shortlist
    Requester.objects.filter(user=requester).update(language="de")
    propose(request, focal_point)
    mail.outbox.clear()
    alba.refresh_from_db()  # her request and its requester read afresh
    alba.withdraw()
    ((subject, body),) = [(m.subject, m.body) for m in mail.outbox]
    assert subject == "[WPM] Eine Mediatorin ist nicht mehr in Ihrem Vorschlag"
    assert f"/de/requests/{request.pk}/proposal/" in body


def test_a_hostile_title_stays_text_in_the_mail_of_a_change(shortlist, focal_point, requester):
    request, alba, _dora, _lena = shortlist
    title = 'Talks <script>alert(1)</script> & "peace"\r\nBcc: someone@example.net'
    Request.objects.filter(pk=request.pk).update(title=title)
    propose(request, focal_point)
    mail.outbox.clear()
    alba.refresh_from_db()
    alba.withdraw()
    (message,) = mail.outbox
    assert message.recipients() == [request.requester.user.email]
    assert "someone@example.net" not in message.message()["To"] + str(message.message()["Bcc"])
    assert 'Talks <script>alert(1)</script> & "peace"' in message.body  # a text mail, as written
    assert message.subject == "[WPM] A mediator is no longer in your proposal"


def test_a_requester_staff_no_longer_verify_loses_her_proposals_and_open_requests(
    shortlist, focal_point, requester
):
    """Declining a requester once verified withdraws the network's trust: what the mediators
    released to her is no longer shown to her, and her requests still open are cancelled, so
    that nobody proposes to her again."""
    request, alba, _dora, _lena = shortlist
    propose(request, focal_point)
    client = client_for(requester)
    assert client.get(proposal_url(request)).status_code == 200
    mail.outbox.clear()
    client_for(focal_point).post(
        "/admin/appointments/requester/?status=all",
        {"action": "decline", "_selected_action": [requester.requester.pk]},
    )
    request.refresh_from_db()
    assert (request.status, request.outcome) == ("closed", "cancelled")
    for path in ("", "dossier.pdf", f"{alba.pk}/write/"):
        assert client.get(proposal_url(request) + path).status_code == 404
    page = client.get(f"/en/requests/{request.pk}/").content.decode()
    assert "See the proposed mediators" not in page
    (message,) = mail.outbox
    assert message.to == [requester.email]
    assert "no longer verify" in message.body
    assert "cancelled" in message.body and "Juniper talks adviser" in message.body
    assert "Alba" not in message.body
    assert_nothing_to_propose(request, focal_point, "Only a sent, open request can be proposed to.")


def test_what_she_wrote_through_the_relay_is_in_her_data_and_goes_with_her_account(
    shortlist, focal_point, requester
):
    """Her name, address, organisation and words were kept with each message until the purge,
    after her account had gone, and her data download did not hold them."""
    import json

    from wpm.outbox.models import Mail
    from wpm.privacy import erase, personal_data

    request, alba, *_rest = shortlist
    propose(request, focal_point)
    client = client_for(requester)
    client.post(f"/en/requests/{request.pk}/proposal/{alba.pk}/write/", {"message": "From Rita"})
    (sent,) = personal_data(requester)["contact_messages_sent"]
    assert (sent["message"], sent["email"]) == ("From Rita", requester.email)
    assert "Alba" not in json.dumps(sent, default=str)  # whom she wrote to is not hers to keep
    relayed = Mail.objects.filter(recipients=alba.mediator.user.email)
    assert relayed.count() == 1
    erase(requester)
    assert not ContactMessage.objects.exists()
    assert not relayed.exists()  # the mail log's line of it, and her words until it was sent


def test_a_draft_has_no_outcome_to_record(requester, focal_point):
    """Posted to the admin directly (its page offers no such form), an outcome closed a draft
    she never sent, which then counted in the public numbers and could not be edited."""
    draft = RequestFactory(requester=requester.requester, title="Still being written")
    response = client_for(focal_point).post(
        f"/admin/appointments/request/{draft.pk}/outcome/", {"outcome": "cancelled"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.outcome, draft.closed_at) == ("draft", "", None)
    assert not Request.objects.sent().filter(pk=draft.pk).exists()


def _read_then_closed(requester):
    """A request as a focal point's page read it, just before its requester recorded that it
    was filled otherwise."""
    request = RequestFactory(requester=requester.requester, status="sent")
    Invitation.objects.create(request=request, mediator=MediatorFactory(), status="accepted")
    read = Request.objects.get(pk=request.pk)
    fresh = Request.objects.get(pk=request.pk)
    form = OutcomeForm({"outcome": "otherwise"}, appointment_request=fresh, candidates=[])
    assert form.is_valid() and form.save()
    mail.outbox.clear()
    return read


def test_a_proposal_from_a_request_closed_meanwhile_reopens_nothing(requester):
    """It came back as proposed, outcome and all, and she was told of a proposal."""
    read = _read_then_closed(requester)
    assert read.propose() == 0
    read.refresh_from_db()
    assert (read.status, read.outcome) == ("closed", "otherwise")
    assert not Invitation.objects.filter(request=read, proposed_at__isnull=False).exists()
    assert mail.outbox == []


def test_nobody_is_invited_to_a_request_closed_meanwhile(requester, focal_point):
    read = _read_then_closed(requester)
    assert read.invite(MediatorFactory(), "", focal_point) is None
    assert read.invitations.count() == 1
    assert mail.outbox == []
