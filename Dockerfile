FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY jobs ./jobs
RUN pip install . && useradd --create-home --uid 10001 kept && mkdir -p /app/data && chown kept /app/data

USER kept
VOLUME ["/app/data"]
ENV DATABASE_URL=sqlite+aiosqlite:////app/data/kept.db
STOPSIGNAL SIGTERM
ENTRYPOINT ["kept"]
CMD ["run"]
