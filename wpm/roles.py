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


# Models a role may see but not change (none at present; see MediatorAdmin for curators).
READ_ONLY = {}


def ensure_roles(group_model, permission_model):
    """Create the groups and give each exactly the permissions it needs."""
    for name, models in ROLE_MODELS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        wanted = [(app, f"{action}_{model}") for app, model in models for action in ACTIONS]
        wanted += [(app, f"view_{model}") for app, model in READ_ONLY.get(name, [])]
        apps = {app for app, _codename in wanted}
        permissions = permission_model.objects.filter(
            content_type__app_label__in=apps, codename__in=[codename for _app, codename in wanted]
        )
        group.permissions.set(permissions)
