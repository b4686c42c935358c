FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.9
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# The translations, compiled in pure Python (polib): no gettext in the image.
RUN python scripts/compile_messages.py --force
# The hashed, compressed files that production serves (a build-only key and services' URLs: the
# production settings require them; nothing connects to them while collecting).
RUN DEBUG=false SECRET_KEY=collectstatic-only-build-key-not-used-at-runtime-0123456789 \
    DATABASE_URL=postgres://build@db.invalid/build REDIS_URL=redis://redis.invalid EMAIL_URL=smtp://mail.invalid \
    python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --system --home /app ev4scc
USER ev4scc
EXPOSE 8000
CMD ["gunicorn", "ev4scc.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
