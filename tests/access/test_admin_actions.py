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


def _every_list():
    from django.contrib import admin

    return sorted(
        f"{model._meta.app_label}/{model._meta.model_name}" for model in admin.site._registry
    )


@pytest.mark.parametrize("chosen", [["abc"], ["9" * 30], ["abc", "{pk}"]])
def test_a_choice_no_row_could_have_changes_nothing(superuser_client, chosen):
    """A word, or a number beyond the database's, among the rows chosen (sent by hand) was a
    server error on the profiles', articles' and processes' lists: it names no row."""
    draft = ArticleFactory(status="draft")
    data = {"action": "publish", "_selected_action": [pk.format(pk=draft.pk) for pk in chosen]}
    response = superuser_client.post("/admin/wpm/article/", data, follow=True)
    assert response.status_code == 200
    published = Article.objects.get(pk=draft.pk).status == "published"
    assert published == ("{pk}" in chosen)


@pytest.mark.parametrize("url", _every_list())
def test_every_list_s_actions_take_only_rows_that_could_be(superuser_client, url):
    """Django puts every choice it is sent in the query, on every list with actions."""
    form = superuser_client.get(f"/admin/{url}/").context["action_form"]  # None without actions
    offered = [] if form is None else form.fields["action"].choices
    for action in [name for name, _label in offered if name]:
        data = {"action": action, "_selected_action": ["abc", "9" * 30], "apply": "1"}
        response = superuser_client.post(f"/admin/{url}/", data)
        assert response.status_code < 500, action
