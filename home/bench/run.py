"""`make bench`: measure the public pages under gunicorn with the production settings.

For the full data set and for 1% of it, in a new temporary SQLite database each: migrate, fill
it (manage.py bench_prepare, which also counts each page's SQL queries) and start gunicorn with
two workers; both servers run side by side. Each page is then loaded for a few seconds on the
full server and on the 1% server in turn, BENCH_ROUNDS times (the best round of each counts), so
that both sizes are measured under the same machine conditions; then cached, on the full server,
as many rounds. A static file is loaded the same way, through whitenoise, before and after, as
the yardstick (the faster of the two). Then a table. Only 127.0.0.1 is ever contacted; every loop is bounded
in time and count.
"""

import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CONNECTIONS = 8
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = max(1, int(os.environ.get("BENCH_ROUNDS", "2")))
MAX_REQUESTS = 20_000
WORKERS = 2


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(db_path, port):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DATABASE_URL=f"sqlite:///{db_path}",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(Path(db_path).parent / "media"),
        # Its own cache: counters and memos of another database must not answer for this one.
        CACHE_DIR=str(Path(db_path).parent / "cache"),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env, *args):
    done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def load(port, path, bust=False, seconds=None):
    """(requests/s, p50 ms, p99 ms, errors) for `path` over SECONDS with CONNECTIONS threads;
    `bust` makes every URL unique so that a page cache cannot answer."""
    latencies, errors = [], []
    counter = iter(range(10**9))
    deadline = time.monotonic() + (SECONDS if seconds is None else seconds)
    lock = threading.Lock()

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline and len(latencies) < MAX_REQUESTS:
            start = time.perf_counter()
            try:
                url = path
                if bust:
                    url += ("&" if "?" in path else "?") + f"bench={next(counter)}"
                conn.request("GET", url, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                (latencies if ok else errors).append(time.perf_counter() - start)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    if not latencies:
        return 0.0, 0.0, 0.0, len(errors)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return len(latencies) / elapsed, cuts[49] * 1000, cuts[98] * 1000, len(errors)


WRK = shutil.which("wrk")
WRK_CONNECTIONS = 16


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def load_wrk(port, path, bust=False, seconds=None):
    """As `load`, with wrk (Debian package `wrk`): 2 threads, 16 connections, as issue 16's
    figures were measured; it costs the 2 cores far less than a Python client."""
    seconds = max(1, round(SECONDS if seconds is None else seconds))
    args = [
        WRK,
        "-t2",
        f"-c{WRK_CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if bust:
        # A parameter no page reads: the page cache answers such a URL but never stores it.
        path += ("&" if "?" in path else "?") + "bench=1"
    out = subprocess.run(  # noqa: S603 - wrk with fixed arguments against 127.0.0.1
        [*args, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=False
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return rps, p50, p99, errors


def wait_until_up(port, proc):
    for _ in range(100):
        if proc.poll() is not None:
            sys.exit("gunicorn 启动失败")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn 没有在 20 秒内启动")


@contextlib.contextmanager
def server(scale):
    """(port, prepared) of gunicorn serving a new database with `scale` of the data."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        port = free_port()
        env = environment(Path(tmp) / "bench.sqlite3", port)
        started = time.monotonic()
        manage(env, "migrate", "--noinput", "-v0")
        prepared = json.loads(manage(env, "bench_prepare", "--scale", str(scale)).strip().splitlines()[-1])
        print(f"  {scale:g}× 数据已生成（{time.monotonic() - started:.0f} 秒）", flush=True)
        gunicorn = subprocess.Popen(  # noqa: S603 - fixed arguments
            [PYTHON, "-m", "gunicorn", "portal.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port, gunicorn)
            # Each worker's first requests load templates, the search dictionary and so on.
            for path in prepared["urls"].values():
                load(port, path, bust=prepared["page_cache"], seconds=0.5)
            yield port, prepared
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)


def best(runs):
    """The round with the most requests per second (its p50 and p99), errors of all rounds."""
    top = max(runs, key=lambda r: r[0])
    return (*top[:3], sum(r[3] for r in runs))


def measure(static_path):
    """{page: (rps, p50, p99, errors, queries, [cached rps, p50, p99])} for the full data and
    for 1%, and the static file's (rps, p50, p99, errors)."""
    run = load_wrk if WRK else load
    with server(1.0) as (port, prepared), server(0.01) as (small_port, small_prepared):
        bust = prepared["page_cache"]
        statics = [run(port, static_path)]
        full, small = {}, {}
        for name, path in prepared["urls"].items():
            small_path = small_prepared["urls"][name]
            rounds, small_rounds = [], []
            for _ in range(ROUNDS):
                rounds.append(run(port, path, bust=bust))
                small_rounds.append(run(small_port, small_path, bust=bust))
            full[name] = (*best(rounds), prepared["queries"][name])
            small[name] = (*best(small_rounds), small_prepared["queries"][name])
            if bust:
                load(port, path, seconds=0.2)  # fills the cache
                full[name] += best([run(port, path) for _ in range(ROUNDS)])[:3]
        statics.append(run(port, static_path))
        return full, small, best(statics), bust


def static_file_path():
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/portal.css"]


def main():
    client = (
        f"wrk，{WRK_CONNECTIONS} 个并发连接"
        if WRK
        else f"Python 客户端（没有安装 wrk），{CONNECTIONS} 个并发连接"
    )
    print(
        f"make bench: gunicorn {WORKERS} 个 worker，{client}，每页 {SECONDS:g} 秒，"
        f"全量和 1% 交替测 {ROUNDS} 轮取最好的一轮",
        flush=True,
    )
    env = environment(Path(tempfile.gettempdir()) / "unused.sqlite3", 0)
    manage(env, "collectstatic", "--noinput", "-v0")
    full, small, static, cache_configured = measure(static_file_path())
    print()
    print(f"{'页面（未缓存）':24}{'请求/秒':>9}{'p50 ms':>9}{'p99 ms':>9}{'SQL':>5}", end="")
    print(f"{'1%请求/秒':>11}{'1% p50':>8}{'1% SQL':>7}{'耗时比':>7}{'错误':>5}")
    errors = 0
    for name, (rps, p50, p99, err, queries, *cached) in full.items():
        s_rps, s_p50, _, s_err, s_queries, *_ = small[name]
        errors += err + s_err
        ratio = p50 / s_p50 if s_p50 else float("nan")
        line = f"{name:24}{rps:9.1f}{p50:9.1f}{p99:9.1f}{queries:5d}{s_rps:11.1f}{s_p50:8.1f}{s_queries:7d}"
        line += f"{ratio:7.2f}{err + s_err:5d}"
        if cached:
            line += f"  缓存后 {cached[0]:.1f} 请求/秒 p50 {cached[1]:.1f} p99 {cached[2]:.1f} ms"
        print(line)
    rps, p50, p99, err = static
    errors += err
    print(f"{'静态文件 (whitenoise)':24}{rps:9.1f}{p50:9.1f}{p99:9.1f}")
    cached_rates = [r[5] for r in full.values() if len(r) > 5]
    if cached_rates and rps:
        print(
            f"缓存后最慢的页面：{min(cached_rates):.1f} 请求/秒，是静态文件的 {min(cached_rates) / rps:.2f} 倍"
        )
    worst = max(p50 / small[name][1] for name, (_, p50, *_rest) in full.items() if small[name][1])
    print(f"全量与 1% 数据的耗时比最大：{worst:.2f}")
    if not cache_configured:
        print("缓存后的页面：未测量（没有配置整页缓存中间件）")
    print(f"错误：{errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
