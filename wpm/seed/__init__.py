"""What a new site starts with, and the one pattern by which every app seeds it.

An app's seed rows (staff roles, expertise areas, instruments, the network's pages) are created
after `migrate`, by a receiver of `post_migrate` that the app connects in its `AppConfig.ready()`,
the way Django's own apps create permissions and the default site. Migrations carry no seed data.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, router


def missing(model, key, wanted, using=DEFAULT_DB_ALIAS):
    """What the wanted rows are made from, for those whose natural key no row of model has yet:
    the one pattern by which seeds and demo data ensure rows without overwriting any.

    wanted maps each natural key (a value of the field key) to what its row is made from; the
    order is kept. Takes the model as an argument, so that a migration's historical model serves
    as well as the live one.
    """
    wanted = dict(wanted)
    rows = model._default_manager.db_manager(using).filter(**{f"{key}__in": list(wanted)})
    found = set(rows.values_list(key, flat=True))
    return [item for natural_key, item in wanted.items() if natural_key not in found]


def ensure_rows(model, rows, key="slug", using=DEFAULT_DB_ALIAS):
    """Create the rows whose natural key is missing; a row that exists stays as staff left it.
    Returns the keys of the rows it created."""
    manager = model._default_manager.db_manager(using)
    created = missing(model, key, {row[key]: row for row in rows}, using=using)
    for row in created:
        manager.create(**row)
    return [row[key] for row in created]


def ensure_terms(model, terms, using=DEFAULT_DB_ALIAS):
    """Create the missing terms of a list of (slug, English name, German name), each at its place
    in the list; terms that exist keep the names and place staff gave them."""
    rows = [
        {"slug": slug, "name_en": name_en, "name_de": name_de, "position": position}
        for position, (slug, name_en, name_de) in enumerate(terms)
    ]
    return ensure_rows(model, rows, using=using)


def seed_new_site(app_label, model_name, ensure):
    """A `post_migrate` receiver that gives a new site its starting rows of one model.

    It seeds only a table that is empty: from then on the rows belong to staff, and no later
    migrate overwrites or re-adds one they changed or deleted. `flush` sends `post_migrate` too,
    without a plan: it is left alone, so a flushed database stays empty, as `restore` needs.
    """

    def receiver(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, plan=None, **kwargs):
        if plan is None:
            return
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:  # migrated back before the model existed
            return
        if router.allow_migrate_model(using, model) and not (
            model._default_manager.db_manager(using).exists()
        ):
            ensure(model, using=using)

    receiver.__qualname__ = receiver.__name__ = f"seed_{app_label}_{model_name.lower()}"
    return receiver
