"""The parts of scripts/bench that need a real server: gunicorn (4 workers) on the same
database, signed-in sessions made by the Django test client (their cookies are valid for the
server: sessions are kept in the database), and threads of HTTP clients."""

import http.client
import os
import statistics
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))


class Server:
    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "partnership.wsgi", "--workers", "4",
             "--bind", f"127.0.0.1:{PORT}", "--timeout", "300", "--log-level", "warning"],
            cwd=ROOT, env=os.environ)
        for _ in range(100):
            try:
                if get("/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer /healthz")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def get(path, cookie=None, connection=None):
    """(status, bytes, seconds) of one GET."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
    began = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    size = len(response.read())
    took = time.perf_counter() - began
    if own:
        connection.close()
    return response.status, size, took


def p95(values):
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def concurrent(path, cookie, clients=8):
    """`clients` requests to `path` at once while /healthz is asked every 50 ms: the heavy
    requests' times and /healthz's p95 meanwhile. A first round, not counted, warms the
    workers (a worker's first request loads templates and opens its database connections,
    which a server in service has done long before)."""
    warm = [threading.Thread(target=get, args=(path, cookie)) for _ in range(clients)]
    for thread in warm:
        thread.start()
    for thread in warm:
        thread.join()
    heavy, results = [], []

    def one():
        results.append(get(path, cookie))

    heavy = [threading.Thread(target=one) for _ in range(clients)]
    for thread in heavy:
        thread.start()
    health = []
    while any(thread.is_alive() for thread in heavy):
        health.append(get("/healthz")[2])
        time.sleep(0.05)
    for thread in heavy:
        thread.join()
    return {"path": path, "clients": clients,
            "heavy_seconds": [round(r[2], 2) for r in results],
            "statuses": sorted({r[0] for r in results}),
            "healthz_p95": p95(health), "healthz_samples": len(health)}


def load(paths_by_cookie, users=50, seconds=60):
    """`users` threads, each with its own session and connection, asking their pages in
    turn for `seconds`: requests per second, p95 and errors (5xx or a failed connection)."""
    done, errors, stop = [], [], time.perf_counter() + seconds

    def user(cookie, paths):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
        i = 0
        while time.perf_counter() < stop:
            try:
                status, _, took = get(paths[i % len(paths)], cookie, connection)
                (errors if status >= 500 else done).append(took)
            except (OSError, http.client.HTTPException):
                errors.append(0)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
            i += 1
        connection.close()

    threads = [threading.Thread(target=user, args=paths_by_cookie[n % len(paths_by_cookie)])
               for n in range(users)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - began
    return {"users": users, "seconds": round(took, 1), "requests": len(done),
            "rate": len(done) / took, "p95": p95(done) if done else None, "errors": len(errors)}
