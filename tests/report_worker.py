"""A Celery worker for tests/test_yearly_report_worker.py, started as its own process so the
test can kill it with SIGKILL mid-job. It consumes only the queue named on its command line
(never the CI worker's), against the database and media directory the test gives in its
environment, with short timeouts so a killed job is redelivered within seconds:

- the broker's visibility timeout (REPORT_VISIBILITY seconds): an unacknowledged message
  (acks_late) goes back to the queue once it is that old;
- the render lease (REPORT_LEASE seconds): an attempt whose heartbeat is older is dead;
- REPORT_SLOW=N makes each render wait N seconds after WeasyPrint and before the file is
  stored: the moment the test kills the worker.

Usage: python tests/report_worker.py QUEUE NAME
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from partnership.celery import app  # noqa: E402
from scrutiny.services import report_render  # noqa: E402

settings.YEARLY_REPORT_LEASE_SECONDS = float(os.environ.get("REPORT_LEASE", "3"))
slow = float(os.environ.get("REPORT_SLOW", "0"))
if slow:
    real_render = report_render.render_pdf

    def slow_render(*args, **kwargs):
        result = real_render(*args, **kwargs)
        time.sleep(slow)
        return result

    report_render.render_pdf = slow_render

visibility = float(os.environ.get("REPORT_VISIBILITY", "2"))
app.conf.task_always_eager = False
app.conf.broker_transport_options = {"visibility_timeout": visibility,
                                     "unacked_restore_interval": 1,
                                     "unacked_restore_throttle": 1}
queue, name = sys.argv[1], sys.argv[2]
app.worker_main(["worker", "--pool=solo", "-Q", queue, "-n", name, "-l", "info",
                 "--without-gossip", "--without-mingle", "--without-heartbeat"])
