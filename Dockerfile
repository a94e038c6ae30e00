# Kindred — a small image: build a virtualenv in one stage, copy only it into a slim runtime stage.
#   docker build -t kindred .
#   docker run --env-file .env -v kindred-data:/data -p 3000:3000 kindred
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN python -m venv /opt/kindred && /opt/kindred/bin/pip install ".[postgres]"

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin kindred \
    && mkdir /data && chown kindred:kindred /data
COPY --from=build /opt/kindred /opt/kindred
ENV PATH=/opt/kindred/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DATABASE_URL=sqlite:////data/kindred.db \
    PORT=3000
USER kindred
WORKDIR /home/kindred
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"]
STOPSIGNAL SIGTERM
CMD ["kindred", "run"]
