"""The production configuration, exercised in a fresh interpreter as a deployer would run it."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "WPM_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "wpm.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://wpm.example.org",
    "SITE_URL": "https://wpm.example.org",
}

HEADERS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
client = Client(HTTP_HOST="wpm.example.org")
secure = client.get("/en/about/", secure=True)
plain = client.get("/en/about/")
print(json.dumps({
    "secure_status": secure.status_code,
    "headers": dict(secure.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
}))
"""


def run_production(args, tmp_path, **overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "WPM_ENV", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(PRODUCTION_ENV)
    env["DJANGO_SETTINGS_MODULE"] = "wpm.settings"
    env["WPM_DATA_DIR"] = str(tmp_path)
    env["STATIC_ROOT"] = str(tmp_path / "static")
    env.update(overrides)
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.fonts
def test_deploy_check_is_clean_in_production(tmp_path):
    result = run_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def report_of_production_site(script, tmp_path):
    """Migrate and collect static files as a deployment does, then run the script: its last
    line of output is JSON."""
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        result = run_production(["manage.py", *command], tmp_path)
        assert result.returncode == 0, result.stderr
    result = run_production(["-c", script], tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_responses_carry_security_headers(tmp_path):
    report = report_of_production_site(HEADERS_SCRIPT, tmp_path)
    headers = report["headers"]
    assert report["secure_status"] == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert report["plain_status"] == 301
    assert report["plain_location"].startswith("https://wpm.example.org/")


@pytest.mark.parametrize(("pooling", "disabled"), [("1", True), ("", False)])
def test_behind_a_transaction_pooler_no_server_side_cursor_is_opened(tmp_path, pooling, disabled):
    """The daily jobs read with iterator(): behind PgBouncer in transaction mode, its cursor
    could be on another server connection when read again, and the job failed."""
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']['DISABLE_SERVER_SIDE_CURSORS']))"
    )
    result = run_production(
        ["-c", script],
        tmp_path,
        DATABASE_URL="postgres://wpm@db.example.org:6432/wpm",
        DB_TRANSACTION_POOLING=pooling,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) is disabled


@pytest.mark.parametrize("site_url", ["", "http://wpm.example.org"])
def test_the_deploy_check_asks_for_the_site_s_address(tmp_path, site_url):
    """Left out, every link in the site's mail (invitations, proposals, the digests and the
    address that stops them) led to the server's loopback, and the check said nothing."""
    command = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = run_production(command, tmp_path, SITE_URL=site_url)
    assert result.returncode != 0
    assert "wpm.W001" in result.stderr and "SITE_URL" in result.stderr


def test_the_deploy_check_names_the_fonts_pdf_documents_lack(tmp_path):
    """Where only DejaVu Sans is installed, Chinese and Amharic names printed as boxes in the
    nomination dossier, and the check said nothing."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        "<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>"
        f"<cachedir>{tmp_path / 'fontcache'}</cachedir></fontconfig>"
    )
    command = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = run_production(command, tmp_path, FONTCONFIG_FILE=str(config))
    assert result.returncode != 0
    assert "wpm.W002" in result.stderr
    assert "CJK" in result.stderr and "Ethiopic" in result.stderr
    assert "apt-get install fonts-noto-cjk fonts-noto-core" in result.stderr


def test_without_fontconfig_the_deploy_check_says_it_did_not_look(tmp_path):
    """Where fontconfig cannot be asked the check cannot tell: it says so, and does not stop a
    deployment for it."""
    command = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = run_production(command, tmp_path, PATH=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wpm.I002" in result.stdout + result.stderr
    assert "wpm.W002" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_production(["manage.py", "check"], tmp_path, SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_a_malformed_setting_is_named(tmp_path):
    result = run_production(["manage.py", "check"], tmp_path, DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize("variable", ["SMTP_PORT", "CONN_MAX_AGE"])
def test_a_number_that_is_not_a_number_is_named(tmp_path, variable):
    result = run_production(["manage.py", "check"], tmp_path, **{variable: "ten"})
    assert result.returncode != 0
    assert f"{variable} must be a whole number" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("DB_PARALLEL_WORKERS", "two", "DB_PARALLEL_WORKERS must be a whole number"),
        ("DB_RANDOM_PAGE_COST", "low", "DB_RANDOM_PAGE_COST must be a number"),
        ("LOG_LEVEL", "verbose", "LOG_LEVEL must be one of"),
    ],
)
def test_a_tuning_setting_that_cannot_be_read_is_named(tmp_path, variable, value, said):
    """They stopped the start with a bare Python error that named no variable."""
    result = run_production(
        ["manage.py", "check"],
        tmp_path,
        DATABASE_URL="postgres://wpm@db.example.org:5432/wpm",
        **{variable: value},
    )
    assert result.returncode != 0
    assert said in result.stderr


def test_production_has_no_demo_data_command(tmp_path):
    """The demo app is installed outside production only: seed_demo does not exist there."""
    result = run_production(["manage.py", "seed_demo"], tmp_path)
    assert result.returncode != 0
    assert "Unknown command: 'seed_demo'" in result.stderr


# The production static pipeline: hashed names, compression, far-future caching.

ONE_YEAR = 60 * 60 * 24 * 365

STATIC_SCRIPT = """
import json, re, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="wpm.example.org")
static = re.compile(r'(?:href|src|content)="(?:https://wpm\\.example\\.org)?(/static/[^"]+)"')
urls = set()
for path in ("/en/", "/en/mediators/"):
    urls |= set(static.findall(client.get(path, secure=True).content.decode()))
files = {}
for url in sorted(urls):
    compressed = client.get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(url, secure=True)
    files[url] = {
        "status": compressed.status_code,
        "cache_control": compressed.get("Cache-Control", ""),
        "vary": compressed.get("Vary", ""),
        "encoding": compressed.get("Content-Encoding", ""),
        "size": len(b"".join(compressed.streaming_content)),
        "plain_size": len(b"".join(plain.streaming_content)),
    }
print(json.dumps(files))
"""


def test_static_files_have_hashed_names_compression_and_far_future_caching(tmp_path):
    files = report_of_production_site(STATIC_SCRIPT, tmp_path)

    assert any(url.endswith(".css") for url in files), files
    for url, served in files.items():
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), f"{url} has no content hash"
        assert served["status"] == 200, (url, served)
        max_age = re.search(r"max-age=(\d+)", served["cache_control"])
        assert max_age and int(max_age.group(1)) >= ONE_YEAR, (url, served)
        assert "immutable" in served["cache_control"], (url, served)
        if url.endswith((".css", ".svg", ".js")):
            assert served["encoding"] in {"gzip", "br"}, (url, served)
            assert served["size"] < served["plain_size"], (url, served)
            assert "Accept-Encoding" in served["vary"], (url, served)
