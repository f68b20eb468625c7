# syntax=docker/dockerfile:1
# Production image: gunicorn + whitenoise on Python 3.11. Used by docker-compose.yml for web,
# the workers, beat, migrate and backup. Build: docker build -t partnership-portal .

# ---- front-end assets: GOV.UK Frontend Sass -> static/css/portal.css, JS + images -> static/govuk/
FROM node:22-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
COPY scripts/build-assets scripts/build-assets
COPY static/scss static/scss
RUN bash scripts/build-assets

# ---- Python packages: the runtime dependencies of pyproject.toml only (no pytest/playwright/ruff),
# at exactly the versions in requirements.lock and checked against its hashes.
FROM python:3.11-slim-bookworm AS pydeps
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN pip install uv==0.13.9
COPY pyproject.toml requirements.lock /src/
RUN python -m venv /opt/venv \
 && uv pip install --no-cache --python /opt/venv/bin/python --require-hashes \
      -r /src/pyproject.toml -c /src/requirements.lock

# ---- runtime
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    MEDIA_ROOT=/data/media
# WEASYPRINT_PKGS: what WeasyPrint needs to render PDFs as CI renders them -- the same list as
# WEASYPRINT_PKGS in .ci/run (tests/test_compose.py compares them): Pango and HarfBuzz's subsetter
# (fonts embedded in PDFs), DejaVu (the report's font) and Liberation (what "arial" resolves to in
# the charts). postgresql-client-15: pg_dump/pg_restore for `manage.py backup`/`restore`, matching
# docker-compose.yml's postgres:15 (bookworm's own version).
ARG WEASYPRINT_PKGS="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation"
RUN apt-get update \
 && apt-get install -y --no-install-recommends $WEASYPRINT_PKGS postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app \
 && mkdir -p /data/media /backups && chown app:app /data/media /backups

COPY --from=pydeps /opt/venv /opt/venv
WORKDIR /app
COPY . .
COPY --from=assets /src/static/css static/css
COPY --from=assets /src/static/govuk static/govuk
# collectstatic must run with the production settings: only they select whitenoise's
# CompressedManifestStaticFilesStorage, whose staticfiles.json the running app needs. The values
# below are build-time placeholders that satisfy PRODUCTION=True's required variables; nothing
# connects to them, and they exist only for this RUN (the real ones come from docker-compose.yml).
RUN PRODUCTION=True SECRET_KEY=collectstatic-build-placeholder-not-a-secret \
    DATABASE_URL=postgres://build:build@127.0.0.1:1/build REDIS_URL=redis://127.0.0.1:1/0 \
    ALLOWED_HOSTS=build.invalid EMAIL_URL=consolemail:// \
    python manage.py collectstatic --noinput \
 && test -f staticfiles/staticfiles.json

USER app
EXPOSE 8000
# Liveness only (scripts/probe GETs /healthz). Containers that serve no HTTP (workers, beat)
# override or disable it in docker-compose.yml.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["python", "scripts/probe", "/healthz"]
CMD ["gunicorn", "--config", "partnership/observability/gunicorn.conf.py", "partnership.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--threads", "4"]
