"""docker-compose.yml cannot run here (no Docker engine), so its agreement with the code is tested."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS_SOURCE = "\n".join(p.read_text() for p in (ROOT / "config" / "settings").glob("*.py"))
READ_BY_SETTINGS = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', SETTINGS_SOURCE))


def test_the_stack_has_database_redis_web_worker_one_beat_and_a_mail_catcher():
    services = COMPOSE["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat", "mailpit"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["beat"]["deploy"]["replicas"] == 1
    for name in ("db", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name


def test_every_variable_the_app_containers_get_is_one_the_settings_read():
    environment = COMPOSE["x-app"]["environment"]
    assert set(environment) - {"DJANGO_SETTINGS_MODULE"} <= READ_BY_SETTINGS


def test_the_containers_run_production_settings_and_migrate_at_start():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in dockerfile
    assert "manage.py migrate" in dockerfile
    assert "/healthz" in str(COMPOSE["services"]["web"]["healthcheck"])
