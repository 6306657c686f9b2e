"""docker-compose.yml cannot run here (no Docker engine), so its agreement with the code is tested."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS_SOURCE = "\n".join(p.read_text() for p in (ROOT / "config" / "settings").glob("*.py"))
READ_BY_SETTINGS = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', SETTINGS_SOURCE))


def test_the_stack_has_a_proxy_database_redis_web_worker_one_beat_and_a_mail_catcher():
    services = COMPOSE["services"]
    assert set(services) == {"proxy", "db", "redis", "web", "worker", "beat", "mailpit"}
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


def test_a_reverse_proxy_in_front_of_gunicorn_is_the_only_way_in():
    proxy, web = COMPOSE["services"]["proxy"], COMPOSE["services"]["web"]
    assert proxy["image"].startswith("caddy:2")  # the official image
    assert {port.split(":")[-1] for port in proxy["ports"]} == {"80", "443"}
    assert "ports" not in web and web["expose"] == ["8000"]
    assert proxy["environment"]["UPSTREAM"] == "web:8000"
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"


def test_the_proxy_runs_the_repositorys_caddyfile_and_serves_the_static_files_the_web_collects():
    proxy, web = COMPOSE["services"]["proxy"], COMPOSE["services"]["web"]
    caddyfile = next(v for v in proxy["volumes"] if v.endswith(":/etc/caddy/Caddyfile:ro"))
    assert (ROOT / caddyfile.split(":")[0]).is_file()
    static = next(v for v in proxy["volumes"] if v.startswith("static:"))
    assert static.split(":")[1] == proxy["environment"]["STATIC_ROOT"]
    assert "static:/app/var/staticfiles" in web["volumes"]  # STATIC_ROOT of the image
    assert "collectstatic" in (ROOT / "Dockerfile").read_text().split("CMD", 1)[1]


def test_the_proxy_and_django_agree_on_the_body_limit_and_the_client_address():
    from django.conf import settings

    assert int(COMPOSE["services"]["proxy"]["environment"]["REQUEST_BODY_MAX_BYTES"]) == (
        settings.REQUEST_UPLOAD_MAX_BYTES
    )
    assert COMPOSE["x-app"]["environment"]["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    for needed in (
        "request_body",
        "max_size",
        "reverse_proxy {$UPSTREAM",
        "file_server",
        "handle_path /static/*",
    ):
        assert needed in caddyfile, needed
