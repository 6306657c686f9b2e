"""Each environment's settings load, and production refuses to start without its secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60 + "abcdefghij",
    "ALLOWED_HOSTS": "samskab.example",
    "SITE_URL": "https://samskab.example",
    "EMAIL_URL": "smtp+tls://mail.samskab.example:587",
    "DATABASE_URL": "postgres://samskab@db.samskab.example/samskab",
    "REDIS_URL": "redis://redis.samskab.example:6379/0",
    "MUNICIPALITY_NAME": "Testrup Kommune",
    "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
}


def load(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {*PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL.split(':')[0], "
            "settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.MUNICIPALITY_NAME, "
            "settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("module", ["config.settings.local", "config.settings.test"])
def test_development_settings_load_with_nothing_set(module):
    result = load(module, DATABASE_URL="", REDIS_URL="")
    assert result.returncode == 0, result.stderr
    assert "da Europe/Copenhagen Gentofte Kommune" in result.stdout


def test_the_embedded_default_is_sqlite_and_a_broker_without_a_server():
    result = load("config.settings.local", DATABASE_URL="", REDIS_URL="")
    assert result.stdout.split()[:2] == ["django.db.backends.sqlite3", "sqla+sqlite"]


def test_database_url_and_redis_url_switch_to_postgresql_and_redis():
    result = load(
        "config.settings.local",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/x",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.stdout.split()[:2] == ["django.db.backends.postgresql", "redis"]


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SITE_URL"])
def test_production_refuses_to_start_without_each_of_its_services(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = load("config.settings.production", **env)
    assert result.returncode != 0
    assert missing in result.stderr


def deploy_check(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_loads_with_its_environment_and_passes_the_deploy_check():
    assert "Testrup Kommune" in load("config.settings.production", **PRODUCTION_ENV).stdout
    result = deploy_check(**PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "error"),
    [
        ("EMAIL_URL", "consolemail://", "samskab.E001"),
        ("DATABASE_URL", "sqlite:////tmp/x.sqlite3", "samskab.E002"),
        ("SITE_URL", "http://samskab.example", "samskab.E003"),
    ],
)
def test_the_deploy_check_refuses_development_services(variable, value, error):
    result = deploy_check(**{**PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    assert error in result.stdout + result.stderr


def test_the_trusted_proxies_come_from_the_environment():
    assert load("config.settings.local", DATABASE_URL="", REDIS_URL="").stdout.split()[-2:] == ["0", "None"]
    result = load(
        "config.settings.production", **PRODUCTION_ENV, ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
    )
    assert result.stdout.split()[-2:] == ["1", "X-Real-IP"]


def test_the_deploy_check_refuses_a_proxy_whose_client_address_is_not_trusted():
    without = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLAUTH_TRUSTED_PROXY_COUNT"}
    result = deploy_check(**without)
    assert result.returncode != 0 and "samskab.E005" in result.stdout + result.stderr
    assert deploy_check(**without, ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP").returncode == 0


def _has_demo(module: str, **env: str) -> bool:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.apps import apps; print(apps.is_installed('demo'))",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": module,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip() == "True"


def test_the_demo_data_is_installed_for_make_run_and_the_tests_but_not_in_production():
    assert _has_demo("config.settings.local", DATABASE_URL="", REDIS_URL="")
    assert _has_demo("config.settings.test")
    assert not _has_demo("config.settings.production", **PRODUCTION_ENV)
