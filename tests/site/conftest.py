"""What the site-wide checks share: the Nu Html Checker."""

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import VNU_JAR


@pytest.fixture(scope="session")
def vnu():
    """Runs the Nu Html Checker over many documents in one Java start."""

    def check(documents, tmp_dir):
        paths = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(tmp_dir) / f"page{index}.html"
            path.write_text(html, encoding="utf-8")
            paths[str(path)] = name
        result = subprocess.run(  # noqa: S603
            ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *paths],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        errors = {name: [] for name in documents}
        for message in json.loads(result.stderr)["messages"]:
            url = message.get("url", "")
            name = paths.get(url.removeprefix("file:"), url)
            extract = message.get("extract", "")
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']} {extract!r}"
            )
        return errors

    return check
