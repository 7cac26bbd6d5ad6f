import unicodedata

from django.db import migrations, models

# wpm.names.fold as it was when this migration was written: a migration keeps its own copy.
PLAIN_LETTERS = str.maketrans(
    {
        "\u2019": "'",
        "`": "'",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ħ": "h",
        "ŧ": "t",
        "\u0131": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)
SORT_NAME_LENGTH = 160


def _fold(text):
    text = unicodedata.normalize("NFKD", text).casefold().translate(PLAIN_LETTERS)
    text = "".join(character for character in text if not unicodedata.combining(character))
    return unicodedata.normalize("NFC", text)


def fill_sort_names(apps, schema_editor):
    Mediator = apps.get_model("mediators", "Mediator")
    batch = []
    for mediator in Mediator.objects.only("pk", "public_name").iterator(chunk_size=500):
        mediator.sort_name = _fold(mediator.public_name)[:SORT_NAME_LENGTH]
        batch.append(mediator)
        if len(batch) == 500:
            Mediator.objects.bulk_update(batch, ["sort_name"])
            batch = []
    Mediator.objects.bulk_update(batch, ["sort_name"])


class Migration(migrations.Migration):
    dependencies = [("mediators", "0008_contact_message_sender")]

    operations = [
        migrations.AddField(
            model_name="mediator",
            name="sort_name",
            field=models.CharField(db_index=True, default="", editable=False, max_length=160),
            preserve_default=False,
        ),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="mediator", name="mediator_roster_idx"),
        migrations.AddIndex(
            model_name="mediator",
            index=models.Index(
                fields=["status", "visibility", "sort_name"],
                include=["id"],
                name="mediator_roster_idx",
            ),
        ),
        migrations.AlterField(
            model_name="mediator",
            name="public_name",
            field=models.CharField(editable=False, max_length=120),
        ),
        migrations.AlterModelOptions(
            name="mediator",
            options={
                "ordering": ["sort_name"],
                "verbose_name": "mediator",
                "verbose_name_plural": "mediators",
            },
        ),
    ]
