# KI-Atlas NRW: one replica of the dashboard. Run several behind a proxy with sticky sessions
# (see deploy/nginx.conf and the README, "Betrieb / Deployment").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 ki
WORKDIR /app

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY --chown=ki:ki .streamlit ./.streamlit
COPY --chown=ki:ki app.py ./
COPY --chown=ki:ki ui ./ui
COPY --chown=ki:ki geo ./geo
COPY --chown=ki:ki data ./data

# The first map copies Leaflet into static/ and publishes the boundaries and popups there; nothing
# else is written, and nothing per session. The app's bytecode is compiled here, once.
RUN mkdir static && chown ki:ki static && python -m compileall -q app.py ui geo
USER ki

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"

CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true"]
