"""From a request to an appointment, in English and in German: a requester signs up and is
verified, files a request, a focal point shortlists three mediators, each answers in her own
way, and only what the one who said yes released reaches the requester."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from appointments.models import Invitation, Request, Role
from mediators.models import ExpertiseArea, MediatorLanguage
from tests.e2e.conftest import login_in_browser, sign_in_staff
from tests.factories import MediatorFactory, UserFactory
from tests.site.test_pdf import text_of
from tests.totp import activate_totp
from wpm.roles import FOCAL_POINTS

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-requester-passphrase-42"
FEWER = {"en": "fewer than 5", "de": "weniger als 5"}
LAPSED = {"en": "Lapsed", "de": "Verfallen"}


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def _mediator(name, bio, **fields):
    mediator = MediatorFactory(
        display_name=name,
        bio=bio,
        nationalities=["LI"],
        availability_note=f"{name.split()[0]} free from Quillmonth",
        **fields,
    )
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=6)
    mediator.refresh_search()
    return mediator


def appointed_figure(browser, live_server, lang):
    """What the public numbers say of mediators appointed, read by an anonymous visitor."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/{lang}/requests/outcomes/")
    figure = page.locator("dl.facts dd").nth(2).inner_text().strip()
    context.close()
    return figure


def signed_in(browser, user, live_server):
    context = browser.new_context()
    login_in_browser(context, user, live_server)
    return context.new_page()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_from_request_to_appointment(page, browser, live_server, mailoutbox, lang):
    from django.contrib.auth.models import Permission

    from wpm.roles import ensure_roles

    ensure_roles(Group, Permission)
    focal = UserFactory(email="fiona@example.org", is_staff=True)
    focal.groups.add(Group.objects.get(name=FOCAL_POINTS))
    secret = activate_totp(focal)
    accepting = _mediator("Prue Kestrel", "Prue led the Marigold talks.", visibility="protected")
    declining = _mediator("Dora Pemberley", "Dora led the Foxglove talks.")
    lapsing = _mediator("Lena Okonkwo", "Lena led the Hawthorn talks.")
    assert appointed_figure(browser, live_server, lang) == "0"

    # A requester signs up, confirms her address and applies.
    page.goto(f"{live_server.url}/{lang}/accounts/signup/")
    page.locator("#id_email").fill("rana@ministry.example")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_privacy_consent").check()
    page.locator("#id_password2").press("Enter")
    expect(page.locator("#id_password2")).to_have_count(0)
    page.goto(live_server.url + link_in(mailoutbox[-1]))
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    if page.locator("#id_login").count():
        page.locator("#id_login").fill("rana@ministry.example")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#id_password").press("Enter")
    page.goto(f"{live_server.url}/{lang}/requests/apply/")
    page.locator("#id_organisation").fill("Ministry of Foreign Affairs (fictional)")
    page.locator("#id_consent").check()
    page.locator("#id_position").fill("Head of mediation support")
    page.locator("#id_position").press("Enter")
    expect(page).to_have_url(re.compile(f"/{lang}/requests/$"))

    # A focal point verifies her in the back office.
    staff = browser.new_context(locale="en-GB").new_page()
    staff.goto(f"{live_server.url}/admin/")
    sign_in_staff(staff, "fiona@example.org", secret)
    staff.goto(f"{live_server.url}/admin/appointments/requester/")
    staff.locator("input[name=_selected_action]").first.check()
    staff.locator("select[name=action]").select_option("approve")
    staff.locator("button[name=index]").click()
    expect(staff.locator(".messagelist")).to_contain_text("1 requester updated")
    assert mailoutbox[-1].to == ["rana@ministry.example"]

    # She files a request with a required language and a preferred area of expertise.
    today = timezone.localdate()
    page.goto(f"{live_server.url}/{lang}/requests/new/")
    page.locator("#id_title").fill("Adviser for the Saltmarsh talks")
    page.locator("#id_process_description").fill("Talks on a coastal border (fictional).")
    page.locator("#id_role").select_option(str(Role.objects.get(slug="senior-adviser").pk))
    page.locator("#id_start_date").fill((today + datetime.timedelta(days=60)).isoformat())
    page.locator("#id_proposals_due").fill((today + datetime.timedelta(days=20)).isoformat())
    page.locator("#id_language").select_option(lang)
    page.locator("#id_languages-0-code").select_option("ar")
    page.locator("#id_languages-0-level").select_option("5")
    page.locator("#id_languages-0-need").select_option("required")
    area = ExpertiseArea.objects.get(slug="process-design")
    page.locator("#id_expertise-0-area").select_option(str(area.pk))
    page.locator("#id_expertise-0-need").select_option("preferred")
    page.locator("form.form--wide button[type=submit]").click()
    page.locator("form[action$='/send/'] button").click()
    request = Request.objects.get()
    assert (request.status, request.language) == ("sent", lang)
    assert request.languages.get().need == "required"
    assert request.expertise.get().need == "preferred"

    # The focal point shortlists three mediators, the protected one among them.
    candidates = f"{live_server.url}/admin/appointments/request/{request.pk}/candidates/"
    staff.goto(candidates)
    for mediator in (accepting, declining, lapsing):
        row = staff.locator("tr", has_text=mediator.display_name)
        row.locator("textarea").fill("Strong on Arabic-language talks")
        row.get_by_role("button", name="Add to the shortlist").click()
        expect(staff.locator(".messagelist")).to_contain_text("has been invited")
    invited = {message.to[0] for message in mailoutbox}
    assert {accepting.user.email, declining.user.email, lapsing.user.email} <= invited

    # One accepts, releasing two parts; one declines; one lets it lapse.
    her = signed_in(browser, accepting.user, live_server)
    her.goto(f"{live_server.url}/{lang}/me/invitations/")
    her.locator("main li a").first.click()
    for box in her.locator("input[name=parts]").all():
        box.uncheck()
    her.locator("input[name=parts][value=profile]").check()
    her.locator("input[name=parts][value=bio]").check()
    her.locator("button[name=action][value=accept]").click()
    other = signed_in(browser, declining.user, live_server)
    other.goto(f"{live_server.url}/{lang}/me/invitations/")
    other.locator("main li a").first.click()
    other.locator("button[name=action][value=decline]").click()
    assert dict(Invitation.objects.values_list("mediator", "status")) == {
        accepting.pk: "accepted",
        declining.pk: "declined",
        lapsing.pk: "invited",
    }
    Request.objects.filter(pk=request.pk).update(proposals_due=today - datetime.timedelta(days=2))
    third = signed_in(browser, lapsing.user, live_server)
    third.goto(f"{live_server.url}/{lang}/me/invitations/")
    expect(third.locator("main")).to_contain_text(LAPSED[lang])

    # The focal point sends the proposal; the requester sees her who said yes, and only what
    # she released.
    staff.goto(candidates)
    staff.get_by_role("button", name="Send the mediators who accepted to the requester").click()
    expect(staff.locator(".messagelist")).to_contain_text("1 mediator proposed")
    page.goto(f"{live_server.url}/{lang}/requests/{request.pk}/")
    page.locator(f"a[href='/{lang}/requests/{request.pk}/proposal/']").click()
    main = page.locator("main")
    expect(main).to_contain_text("Prue Kestrel")
    expect(main).to_contain_text("Prue led the Marigold talks.")
    text = main.inner_text()
    for hidden in ("Dora", "Lena", "Foxglove", "Hawthorn", "Liechtenstein", "Quillmonth"):
        assert hidden not in text
    with page.expect_download() as download:
        page.locator("a[href$='dossier.pdf']").click()
    with open(download.value.path(), "rb") as file:
        dossier = text_of(file.read())
    assert "Prue Kestrel" in dossier and "Marigold" in dossier
    assert ("Nominierungsdossier" if lang == "de" else "Nomination dossier") in dossier
    for hidden in ("Dora", "Lena", "Liechtenstein", "Quillmonth", accepting.user.email):
        assert hidden not in dossier

    # She records the outcome, and the public numbers count it, never exactly when small.
    invitation = Invitation.objects.get(mediator=accepting)
    page.locator(f"#id_candidate-{invitation.pk}").select_option("appointed")
    page.locator("#id_outcome").select_option("from-list")
    page.locator("form[action$='/outcome/'] button").click()
    expect(page.locator("main")).to_contain_text(
        str(Request.Outcome.FILLED_FROM_LIST.label)
        if lang == "en"
        else "Aus dem Vorschlag des Netzwerks besetzt"
    )
    assert appointed_figure(browser, live_server, lang) == FEWER[lang]
    mine = her.context.new_page()
    mine.goto(f"{live_server.url}/{lang}/me/invitations/")
    expect(mine.locator("main")).to_contain_text("Appointed" if lang == "en" else "Berufen")
