"""The back office's bulk actions change rows: only staff who may change them are offered them,
and a post from anyone else changes nothing."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from mediators.models import Mediator
from processes.models import Process
from tests.conftest import client_for, staff_member
from tests.factories import ArticleFactory, MediatorFactory, ProcessFactory
from wpm.models import Article

pytestmark = pytest.mark.django_db


def _viewer(*codenames):
    """Staff who may only look: Django offered every action to anyone who may view a list."""
    user = staff_member(email="viewer@example.org")
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.mark.parametrize(
    ("codename", "url", "make", "action", "status"),
    [
        (
            "view_article",
            "/admin/wpm/article/",
            lambda: ArticleFactory(status="draft"),
            "publish",
            lambda row: Article.objects.get(pk=row.pk).status,
        ),
        (
            "view_process",
            "/admin/processes/process/",
            lambda: ProcessFactory(status="draft"),
            "publish",
            lambda row: Process.objects.get(pk=row.pk).status,
        ),
        (
            "view_mediator",
            "/admin/mediators/mediator/",
            lambda: MediatorFactory(status="submitted"),
            "approve",
            lambda row: Mediator.objects.get(pk=row.pk).status,
        ),
    ],
)
def test_staff_who_may_only_look_are_offered_no_action_and_change_nothing(
    codename, url, make, action, status
):
    row = make()
    before = status(row)
    client = client_for(_viewer(codename))
    page = client.get(url)
    assert page.status_code == 200
    assert f'value="{action}"' not in page.content.decode()
    client.post(url, {"action": action, "_selected_action": [row.pk], "apply": "1"})
    assert status(row) == before
    assert mail.outbox == []
