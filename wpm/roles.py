"""Staff roles: editors run the network's content, curators the process catalogue."""

EDITORS = "Editors"
CURATORS = "Curators"

ROLE_MODELS = {
    EDITORS: [
        ("wpm", "voice"),
        ("wpm", "topic"),
        ("wpm", "article"),
        ("wpm", "articleauthor"),
        ("wpm", "page"),
        ("wpm", "event"),
    ],
    CURATORS: [
        ("processes", name)
        for name in (
            "process",
            "processcountry",
            "processlink",
            "party",
            "processparty",
            "instrument",
            "processinstrument",
            "source",
            "agreement",
            "engagement",
            "participationfigure",
            "milestone",
        )
    ],
}
ACTIONS = ("add", "change", "delete", "view")


def ensure_roles(group_model, permission_model):
    """Create the groups and give each exactly the permissions on its own models."""
    for name, models in ROLE_MODELS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for _app, model in models for action in ACTIONS]
        apps = {app for app, _model in models}
        permissions = permission_model.objects.filter(
            content_type__app_label__in=apps, codename__in=codenames
        )
        group.permissions.set(permissions)
