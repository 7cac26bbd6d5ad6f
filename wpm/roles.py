"""Staff roles: editors run the network's content, curators the process catalogue, focal points
the requests for mediators and the requesters who file them.

Each app names the models of its own that a role runs (``role_models`` on its AppConfig).
Every `migrate` keeps the groups in step with them (`sync_roles`, connected in
`WpmConfig.ready()`): a permission given or taken away here reaches every site.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS, router

EDITORS = "Editors"
CURATORS = "Curators"
# Focal points see and handle requests; they neither file nor delete them. A restricted
# request needs appointments.view_restricted_request besides, which staff give person by
# person (or through a group of their own), never to the whole role.
FOCAL_POINTS = "Focal points"


def role_models() -> dict[str, list[tuple[str, str]]]:
    """The models each role runs, as the apps name them (``AppConfig.role_models``): the
    foundation knows the roles, each app which of its models belong to which."""
    roles: dict[str, list[tuple[str, str]]] = {}
    for config in global_apps.get_app_configs():
        for role, models in getattr(config, "role_models", {}).items():
            roles.setdefault(role, []).extend((config.label, model) for model in models)
    return roles


ACTIONS = ("add", "change", "delete", "view")
# Roles that may do less than everything with their models.
ROLE_ACTIONS = {FOCAL_POINTS: ("change", "view")}


def actions_of(role: str) -> tuple[str, ...]:
    """What a role may do with each of the models it runs."""
    return ROLE_ACTIONS.get(role, ACTIONS)


# Models a role may see but not change (none at present; see MediatorAdmin for curators).
READ_ONLY: dict[str, list[tuple[str, str]]] = {}


def ensure_roles(group_model, permission_model, using=DEFAULT_DB_ALIAS):
    """Create the groups and give each exactly the permissions it needs."""
    for name, models in role_models().items():
        group, _created = group_model._default_manager.db_manager(using).get_or_create(name=name)
        wanted = [
            (app, f"{action}_{model}") for app, model in models for action in actions_of(name)
        ]
        wanted += [(app, f"view_{model}") for app, model in READ_ONLY.get(name, [])]
        apps = {app for app, _codename in wanted}
        permissions = permission_model._default_manager.db_manager(using).filter(
            content_type__app_label__in=apps, codename__in=[codename for _app, codename in wanted]
        )
        group.permissions.set(permissions)


def sync_roles(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, plan=None, **kwargs):
    """After `migrate` (not `flush`, which leaves the database empty), the roles as above."""
    if plan is None:
        return
    try:
        group_model = apps.get_model("auth", "Group")
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:
        return
    if not router.allow_migrate_model(using, group_model):
        return
    # Django creates an app's permissions when post_migrate reaches that app; the roles need
    # those of apps that come later, so they are created here first (it does nothing twice).
    for app_label in {app for models in role_models().values() for app, _model in models}:
        config = global_apps.get_app_config(app_label)
        create_permissions(config, verbosity=0, interactive=False, using=using, apps=apps)
    ensure_roles(group_model, permission_model, using=using)
