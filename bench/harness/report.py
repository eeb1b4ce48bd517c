"""Turn one harness result (the JSON run.py writes) into an SVG chart and a Markdown summary.

Also usable alone to redraw them: python3 bench/harness/report.py bench/results/RUN.json
"""

import json
import math
import os
import sys

COLOURS = {"ceiling": "#777777", "microlith": "#1f77b4", "baseline": "#d62728"}
BACKENDS = ("postgres", "redis")


def one_line(step):
    """Return a short progress line for one step."""
    if "steps" in step:
        parts = [f"{s['rate']:.0f}/s: {'ok' if s['sustained'] else 'behind'}"
                 + (f" p50 {s['latencyMs']['p50']:.2f} p99 {s['latencyMs']['p99']:.2f} ms" if s["latencyMs"] else "")
                 for s in step["steps"]]
        return "; ".join(parts)
    latency = step.get("latencyMs") or {}
    return (f"{step.get('throughput', 0):>9.0f}/s p50 {latency.get('p50', 0):.2f} p99 {latency.get('p99', 0):.2f}"
            f" p99.9 {latency.get('p999', 0):.2f} ms errors {step.get('errors', 0)}"
            + (f" stale {step['staleReads']}" if "staleReads" in step else "")
            + (f" cpu {step['cpuMsPerRequest']:.3f} ms/req" if "cpuMsPerRequest" in step else ""))


def find(steps, system, workload):
    return next((s for s in steps if s["system"] == system and s["workload"] == workload), None)


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "–"


def number(value, digits=0):
    return "–" if value is None else f"{value:,.{digits}f}"


def write(result, svg_path, md_path):
    """Write the chart and the summary of one run."""
    with open(svg_path, "w") as f:
        f.write(chart(result["steps"]))
    with open(md_path, "w") as f:
        f.write(summary(result, os.path.basename(svg_path)))


def chart(steps):
    """Return an SVG of open-model latency (p50 dashed, p99 solid, log scale) against achieved throughput."""
    width, height, left, right, top, bottom = 760, 440, 70, 160, 30, 50
    series = {}
    for s in steps:
        if s["workload"].startswith("get open") and s.get("latencyMs"):
            series.setdefault(s["system"], []).append(s)
    xs = [s["throughput"] for points in series.values() for s in points] or [1]
    ys = [s["latencyMs"][k] for points in series.values() for s in points for k in ("p50", "p99")] or [1]
    x_max = _nice(max(xs) * 1.05)
    y_min = 10 ** math.floor(math.log10(max(min(ys), 0.01)))
    y_max = 10 ** math.ceil(math.log10(max(ys)))

    def x(value):
        return left + (width - left - right) * value / x_max

    def y(value):
        span = math.log10(y_max) - math.log10(y_min)
        return top + (height - top - bottom) * (1 - (math.log10(max(value, y_min)) - math.log10(y_min)) / span)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14">GET /cities/{{id}}, open model: latency against throughput</text>']
    for i in range(6):
        value = x_max * i / 5
        out.append(f'<line x1="{x(value):.1f}" y1="{top}" x2="{x(value):.1f}" y2="{height - bottom}" stroke="#eee"/>')
        out.append(f'<text x="{x(value):.1f}" y="{height - bottom + 16}" text-anchor="middle">{value:,.0f}</text>')
    decade = y_min
    while decade <= y_max * 1.001:
        out.append(f'<line x1="{left}" y1="{y(decade):.1f}" x2="{width - right}" y2="{y(decade):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(decade) + 4:.1f}" text-anchor="end">{decade:g}</text>')
        decade *= 10
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">'
               f'achieved requests per second</text>')
    out.append(f'<text x="16" y="{(top + height - bottom) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 16 {(top + height - bottom) / 2})">latency in ms (log scale)</text>')
    legend = top + 10
    for system, points in series.items():
        colour = COLOURS.get(system, "black")
        points.sort(key=lambda s: s["throughput"])
        for key, dash in (("p99", ""), ("p50", ' stroke-dasharray="5,4"')):
            path = " ".join(f"{x(s['throughput']):.1f},{y(s['latencyMs'][key]):.1f}" for s in points)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
            for s in points:
                out.append(f'<circle cx="{x(s["throughput"]):.1f}" cy="{y(s["latencyMs"][key]):.1f}" r="3" '
                           f'fill="{colour}"/>')
        out.append(f'<line x1="{width - right + 12}" y1="{legend}" x2="{width - right + 36}" y2="{legend}" '
                   f'stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{width - right + 42}" y="{legend + 4}">{system}</text>')
        legend += 20
    out.append(f'<text x="{width - right + 12}" y="{legend + 10}">solid: p99</text>')
    out.append(f'<text x="{width - right + 12}" y="{legend + 26}">dashed: p50</text>')
    out.append("</svg>\n")
    return "\n".join(out)


def _nice(value):
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def summary(result, svg_name):
    """Return the Markdown tables of one run: the headline with ratios, then every step."""
    steps = result["steps"]
    m = result["machine"]
    lines = [f"Run {result['started']} to {result['finished']} (UTC) on {m['cpus']} CPUs ({m['cpuModel']}), "
             f"{m['memoryGiB']} GiB, {m['java']}, {m['psql']}; {_load(result)}", "",
             "| workload | ceiling | Microlith | baseline | Microlith / baseline | Microlith / ceiling |",
             "|---|---:|---:|---:|---:|---:|"]
    for workload in sorted({s["workload"] for s in steps if s.get("connections")}, key=_order):
        c, mi, b = (find(steps, sys_, workload) for sys_ in ("ceiling", "microlith", "baseline"))
        values = [s["throughput"] if s else None for s in (c, mi, b)]
        lines.append(f"| {workload} req/s | {number(values[0])} | {number(values[1])} | {number(values[2])} | "
                     f"{ratio(values[1], values[2])} | {ratio(values[1], values[0])} |")
        p99 = [s["latencyMs"]["p99"] if s else None for s in (c, mi, b)]
        lines.append(f"| {workload} p99 ms (closed loop) | {number(p99[0], 2)} | {number(p99[1], 2)} | "
                     f"{number(p99[2], 2)} | {ratio(p99[1], p99[2])} | {ratio(p99[1], p99[0])} |")
    for workload in ("get c64", "search c64", "nearest c64", "put c64"):
        mi, b = find(steps, "microlith", workload), find(steps, "baseline", workload)
        if mi and b:
            lines.append(f"| {workload} CPU ms per request, all server processes | | "
                         f"{mi['cpuMsPerRequest']:.3f} | {b['cpuMsPerRequest']:.3f} | "
                         f"{ratio(mi['cpuMsPerRequest'], b['cpuMsPerRequest'])} | |")
    for fraction in sorted({s["fraction"] for s in steps if "fraction" in s}):
        row = [next((s for s in steps if s["system"] == sys_ and s.get("fraction") == fraction), None)
               for sys_ in ("ceiling", "microlith", "baseline")]
        cells = [f"{s['throughput']:,.0f}/s: {s['latencyMs']['p50']:.2f} / {s['latencyMs']['p99']:.2f} / "
                 f"{s['latencyMs']['p999']:.2f}" if s else "–" for s in row]
        p99 = [s["latencyMs"]["p99"] if s else None for s in row]
        lines.append(f"| get, open model at {fraction:.0%} of own peak: rate: p50 / p99 / p99.9 ms | {cells[0]} | "
                     f"{cells[1]} | {cells[2]} | {ratio(p99[1], p99[2])} (p99) | {ratio(p99[1], p99[0])} (p99) |")
    mi, b = find(steps, "microlith", "update then read c16"), find(steps, "baseline", "update then read c16")
    if mi and b:
        lines.append(f"| update then read (16 clients) pairs/s | | {mi['throughput']:,.0f} | {b['throughput']:,.0f} | "
                     f"{ratio(mi['throughput'], b['throughput'])} | |")
        lines.append(f"| update then read: p99 of the pair ms / stale reads | | {mi['latencyMs']['p99']:.2f} / "
                     f"{mi['staleReads']} | {b['latencyMs']['p99']:.2f} / {b['staleReads']} | "
                     f"{ratio(mi['latencyMs']['p99'], b['latencyMs']['p99'])} | |")
    mi, b = find(steps, "microlith", "update-to-SSE"), find(steps, "baseline", "update-to-SSE")
    if mi and b:
        first_m, first_b = mi["steps"][0], b["steps"][0]
        lines.append(f"| update to SSE client at {first_m['rate']:.0f} updates/s: p50 / p99 ms | | "
                     f"{_lat(first_m)} | {_lat(first_b)} | {ratio(_p(first_m, 'p99'), _p(first_b, 'p99'))} (p99) | |")
        lines.append(f"| highest sustained update-to-SSE rate tried, updates/s | | {number(_sustained(mi))} | "
                     f"{number(_sustained(b))} | {ratio(_sustained(mi), _sustained(b))} | |")
    memory = {sys_: _memory(steps, sys_) for sys_ in ("ceiling", "microlith", "baseline")}
    for key, label in (("rssMiB", "RSS"), ("pssMiB", "PSS")):
        lines.append(f"| resident memory after the load, {label} MiB, all server processes | "
                     f"{number(memory['ceiling'][key] if memory['ceiling'] else None)} | "
                     f"{number(memory['microlith'][key] if memory['microlith'] else None)} | "
                     f"{number(memory['baseline'][key] if memory['baseline'] else None)} | "
                     f"{ratio(memory['microlith'] and memory['microlith'][key], memory['baseline'] and memory['baseline'][key])} | |")
    b_mem = next((s["memory"] for s in reversed(steps) if s["system"] == "baseline"), None)
    if b_mem:
        parts = ", ".join(f"{name} {v['rssMiB']:,.0f} MiB RSS / {v['pssMiB']:,.0f} PSS ({v['processes']} processes)"
                          for name, v in b_mem.items())
        lines += ["", f"Baseline memory by process group after its last step: {parts}. "
                      "The total above counts the service, PostgreSQL and Redis; RabbitMQ is listed apart."]
    lines += ["", f"![latency against throughput]({svg_name})", "", "All steps:", "",
              "| system | workload | req/s | p50 ms | p99 ms | p99.9 ms | errors | CPU ms/req |",
              "|---|---|---:|---:|---:|---:|---:|---:|"]
    for s in steps:
        if "steps" in s:
            for step in s["steps"]:
                lines.append(f"| {s['system']} | update-to-SSE at {step['rate']:.0f}/s, "
                             f"{'sustained' if step['sustained'] else 'fell behind'}: "
                             f"{step['delivered']} of {step['sent']} delivered | | {_lat(step)} | | | "
                             f"{step['sendErrors']} | |")
            continue
        latency = s["latencyMs"]
        lines.append(f"| {s['system']} | {s['workload']} | {s['throughput']:,.0f} | {latency['p50']:.2f} | "
                     f"{latency['p99']:.2f} | {latency['p999']:.2f} | {s['errors']}"
                     + (f" ({s['staleReads']} stale)" if "staleReads" in s else "")
                     + f" | {s.get('cpuMsPerRequest', 0):.3f} |")
    return "\n".join(lines) + "\n"


def _load(result):
    """Return the load averages (1, 5 and 15 minutes) recorded at the start and the end of the run."""
    parts = [f"{label} {', '.join(f'{v:.2f}' for v in result[key])}"
             for key, label in (("loadAverageAtStart", "at the start"), ("loadAverageAtEnd", "at the end"))
             if key in result]
    return "load average " + "; ".join(parts) + "."


def _order(workload):
    name, _, connections = workload.partition(" c")
    return (["get", "search", "nearest", "put"].index(name) if name in ("get", "search", "nearest", "put") else 9,
            int(connections or 0))


def _p(step, key):
    return step["latencyMs"][key] if step.get("latencyMs") else None


def _lat(step):
    return f"{step['latencyMs']['p50']:.2f} / {step['latencyMs']['p99']:.2f}" if step.get("latencyMs") else "–"


def _sustained(result):
    rates = [s["rate"] for s in result["steps"] if s["sustained"]]
    return max(rates) if rates else None


def _memory(steps, system):
    """Return the RSS and PSS summed over the system's server processes after its last step, broker left out."""
    last = next((s for s in reversed(steps) if s["system"] == system), None)
    if not last:
        return None
    groups = [v for name, v in last["memory"].items() if name != "rabbitmq"]
    return {"rssMiB": sum(g["rssMiB"] for g in groups), "pssMiB": sum(g["pssMiB"] for g in groups)}


if __name__ == "__main__":
    source = sys.argv[1]
    with open(source) as f:
        loaded = json.load(f)
    base = source[:-len(".json")]
    write(loaded, base + ".svg", base + ".md")
