"""gunicorn settings: `gunicorn -c outlook/gunicorn.conf.py outlook.wsgi`.

Defaults suit a 2-core machine; every value can be changed from the environment.
"""

import os

cores = os.cpu_count() or 1

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Processes for the CPU, threads to overlap waits on PostgreSQL and Redis. Each thread may hold
# one database connection: workers x threads must stay under PostgreSQL's max_connections.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * cores))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
# Connections from the load balancer are reused between requests.
keepalive = 5
# Recycle workers now and then so a slow leak can never take a machine down; the jitter keeps
# them from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10
# Only the proxy in front may say a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Django logs every request as JSON with its id and timing (outlook/web/middleware.py), so
# gunicorn's own access log would only repeat it (see "gunicorn.access" below).
accesslog = None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn's own lines (start, worker restarts, timeouts) in the same JSON shape as Django's.
# gunicorn overlays these keys on its defaults, so each one is given whole.
logconfig_dict = {
    "formatters": {"json": {"()": "outlook.web.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"level": loglevel.upper(), "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": [], "propagate": False},
    },
}
wsgi_app = "outlook.wsgi:application"
# gunicorn 24+ opens a control socket at one path per user; two servers on a machine (tests,
# benchmarks, a blue/green switch) would fight over it, and nothing here uses it.
control_socket_disable = True
