# syntax=docker/dockerfile:1
# Kohtaanto production image (docs/deploy.md). Three stages:
#   assets   Node.js: `npm ci` and the front-end assets (HDS CSS, htmx, Redoc) into static/vendor
#   builder  Python: the locked requirements into a virtual environment, the project, the
#            compiled translations and `collectstatic` (hashed, compressed files)
#   runtime  slim Python with Voikko (libvoikko1 + voikko-fi) and the PostgreSQL client tools
#            (pg_dump/pg_restore for `kohtaanto backup`/`restore`), non-root, gunicorn
# The same image runs the web server (default command), the worker (`kohtaanto worker`) and
# the migrations (`python manage.py migrate`); see compose.yaml.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# --- assets ------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/build-assets.mjs scripts/build-assets.mjs
RUN mkdir -p src/kohtaanto/web/static && npm run --silent build

# --- builder -----------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
# The locked runtime requirements first: this layer is reused until the lock changes.
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt
COPY pyproject.toml README.md manage.py ./
COPY src/ src/
COPY --from=assets /app/src/kohtaanto/web/static/vendor/ src/kohtaanto/web/static/vendor/
# The project itself, in place (its files stay under /app/src, templates and static included).
RUN pip install --no-deps -e . \
    && kohtaanto i18n compile
# Static files with the production storage. collectstatic reads no database and no secret;
# the production settings only insist that the variables exist, so placeholders are given
# for this one command (they are not kept in the image).
RUN KOHTAANTO_ENV=production \
    KOHTAANTO_SECRET_KEY=collectstatic-only-not-a-secret \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    ALLOWED_HOSTS=localhost \
    EMAIL_HOST=localhost \
    KOHTAANTO_DATA_DIR=/tmp/collectstatic \
    KOHTAANTO_STATIC_ROOT=/app/static \
    python manage.py collectstatic --noinput -v0 \
    && rm -rf /tmp/collectstatic /tmp/collectstatic.sqlite3

# --- runtime -----------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libvoikko1 voikko-fi postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 kohtaanto \
    && useradd --system --uid 10001 --gid kohtaanto --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin kohtaanto \
    && mkdir -p /data \
    && chown kohtaanto:kohtaanto /data
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=kohtaanto.config.settings \
    KOHTAANTO_ENV=production \
    KOHTAANTO_DATA_DIR=/data \
    KOHTAANTO_STATIC_ROOT=/app/static \
    KOHTAANTO_BIND=0.0.0.0:8000
WORKDIR /app
VOLUME ["/data"]
USER 10001:10001
EXPOSE 8000
# Liveness: /healthz answers without the database, any Host, plain HTTP (see web/health).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
CMD ["gunicorn", "-c", "python:kohtaanto.config.gunicorn"]
