"""The notes the back office keeps of staff's own actions read in the reader's language, on a
profile's history and in the audit log, those written before as well. They were stored and
shown in English ("Review: approved") to staff working in German."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from tests.conftest import client_for
from tests.factories import MediatorFactory, ProcessFactory
from tests.mediators.test_changes import PROFILE, changes_url, edit

pytestmark = pytest.mark.django_db

GERMAN = {"accept-language": "de"}
ENGLISH = {"accept-language": "en"}


def history(superuser, mediator, headers):
    page = client_for(superuser).get(
        f"/admin/mediators/mediator/{mediator.pk}/history/", headers=headers
    )
    assert page.status_code == 200
    return page.content.decode()


def test_a_review_reads_in_the_reader_s_language_on_her_history(superuser, applicant):
    mediator = applicant.mediator
    client_for(superuser).post(
        "/admin/mediators/mediator/",
        {"action": "approve", "_selected_action": [mediator.pk], "apply": "1", "message": ""},
    )
    assert LogEntry.objects.get().change_message == "Review: approved", "stored as before"
    german = history(superuser, mediator, GERMAN)
    assert "Prüfung: Freigegeben" in german and "Review" not in german
    assert "Review: Approved" in history(superuser, mediator, ENGLISH)


def test_parts_put_back_and_changes_verified_read_in_german(member, superuser):
    mediator = edit(member, "profile", {**PROFILE, "headline": "Self-styled special envoy"})
    mediator = edit(member, "expertise", {"tracks": ["1"], "backgrounds": ["law"]})
    client_for(superuser).post(
        changes_url(mediator), {"put_back": "1", "parts": ["headline", "tracks"]}
    )
    client_for(superuser).post(changes_url(mediator), {"accept": "1"})
    german = history(superuser, mediator, GERMAN)
    assert "Zurückgesetzt: Kurzbeschreibung, Track-Erfahrung" in german
    assert "Änderungen bestätigt" in german
    assert "Put back" not in german and "Verified the changes" not in german


@pytest.mark.parametrize(
    ("stored", "german"),
    [
        ("Review: changes", "Prüfung: Änderungen erbeten"),
        ("Verified", "Bestätigt"),
        ("Status: published", "Status: Veröffentlicht"),
        ("Decision: verified", "Entscheidung: Bestätigt"),
        ("Shortlisted #12", "Auf die Auswahlliste gesetzt: #12"),
        ("Proposed 3", "Vorgeschlagen: 3"),
        ("Outcome recorded", "Ergebnis gespeichert"),
        # What no note knows is shown as it was written.
        ("Imported from the old list", "Imported from the old list"),
    ],
)
def test_the_audit_log_words_the_site_s_notes_in_german(superuser, stored, german):
    process = ProcessFactory()
    LogEntry.objects.log_actions(superuser.pk, [process], CHANGE, stored)
    html = client_for(superuser).get("/admin/admin/logentry/", headers=GERMAN).content.decode()
    assert german in html
    if stored != german:
        assert stored not in html


def test_a_note_with_a_value_no_one_named_keeps_it_escaped(superuser):
    """A value a note does not know (a part since renamed) is shown as stored, as text."""
    mediator = MediatorFactory()
    LogEntry.objects.create(
        user=superuser,
        content_type=ContentType.objects.get_for_model(mediator),
        object_id=str(mediator.pk),
        object_repr="profile",
        action_flag=CHANGE,
        change_message="Put back: <b>motto</b>",
    )
    german = history(superuser, mediator, GERMAN)
    assert "Zurückgesetzt: &lt;b&gt;motto&lt;/b&gt;" in german
    assert "<b>motto" not in german
