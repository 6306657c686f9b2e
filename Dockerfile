# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

# libpq5 for PostgreSQL; Pango, HarfBuzz and a font for the case documents' PDFs (WeasyPrint).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 samskab

WORKDIR /app
COPY . .
RUN pip install -e . \
    && mkdir -p /app/var /data/media /data/beat \
    && SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && chown -R samskab:samskab /app/var /data

USER samskab
EXPOSE 8000
# At start: the static files into STATIC_ROOT (a volume the reverse proxy serves them from, so they match
# this image), then migrations; gunicorn serves the rest.
CMD ["sh", "-c", "python manage.py collectstatic --noinput && python manage.py migrate --noinput && gunicorn config.wsgi --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
