"""Each environment's settings load, and production refuses to start without its secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL.split(':')[0], "
            "settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.MUNICIPALITY_NAME)",
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


def test_production_refuses_to_start_without_a_secret_key():
    result = load("config.settings.production", ALLOWED_HOSTS="samskab.example")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_loads_with_its_environment_and_passes_the_deploy_check():
    env = {
        "SECRET_KEY": "x" * 60 + "abcdefghij",
        "ALLOWED_HOSTS": "samskab.example",
        "SITE_URL": "https://samskab.example",
        "MUNICIPALITY_NAME": "Testrup Kommune",
    }
    assert "Testrup Kommune" in load("config.settings.production", **env).stdout
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
