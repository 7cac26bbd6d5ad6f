"""The production configuration, exercised in a fresh interpreter as a deployer would run it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "WPM_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "wpm.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://wpm.example.org",
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


def test_deploy_check_is_clean_in_production(tmp_path):
    result = run_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_responses_carry_security_headers(tmp_path):
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        result = run_production(["manage.py", *command], tmp_path)
        assert result.returncode == 0, result.stderr
    result = run_production(["-c", HEADERS_SCRIPT], tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    headers = report["headers"]
    assert report["secure_status"] == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert report["plain_status"] == 301
    assert report["plain_location"].startswith("https://wpm.example.org/")


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
