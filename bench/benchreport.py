"""The figures bench/run compares and the BENCHMARKS.md it writes."""

from __future__ import annotations

import datetime
import math
import statistics

TOLERANCE = 0.01  # relative difference within which two figures agree
START = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)  # the benchmark model's start

TARGETS_TEXT = {
    "floor": "QuotaSim at least half the floor's simulated requests per second on one core",
    "simpy": "QuotaSim above 20 x the SimPy reference",
    "memory": "peak memory under 64 MB for a 10-year horizon",
    "sweep": "a sweep on 2 cores at least 1.8 x as fast as on 1",
}


# MARK: Figures of one run


def quotasim_figures(result: dict, days: float) -> dict:
    """Extract the compared figures from a `quotasim run --format json` result."""
    requests = result["requests"]
    by_name = {d["name"]: d["periods"] for d in result["deployments"]}

    def total(name: str, field: str) -> int:
        return sum(period[field] for period in by_name[name])

    def throttle_start(name: str) -> str | None:
        starts = [p["throttleStart"] for p in by_name[name] if p.get("throttleStart")]
        return starts[0] if starts else None

    reasons = requests.get("droppedByReason", {})
    figures = common_figures(
        days=days, simulated=requests["simulated"], served=requests["served"],
        dropped=requests["dropped"],
        attempts=sum(total(n, "attempts") for n in by_name),
        rate_limited=sum(total(n, "rateLimited") for n in by_name),
        retries=sum(total(n, "retries") for n in by_name),
        prompt=sum(total(n, "promptTokens") for n in by_name),
        completion=sum(total(n, "completionTokens") for n in by_name))
    for name in by_name:
        figures[f"{name} served"] = total(name, "servedDirect") + total(name, "servedByFallback")
        figures[f"{name} 429s"] = total(name, "rateLimited")
        figures[f"{name} 403s"] = total(name, "quotaRefused")
        figures[f"{name} throttle start"] = throttle_start(name)
    figures["prod local throttles"] = total("prod", "localThrottles")
    figures["dev local throttles"] = total("dev", "localThrottles")
    figures["dropped, no deployment"] = reasons.get("no_deployment", 0)
    figures["dropped, retries exhausted"] = reasons.get("retries_exhausted", 0)
    return figures


def reference_figures(report: dict, days: float) -> dict:
    """Extract the compared figures from a SimPy or heapq reference report."""
    requests = report["requests"]
    deployments = report["deployments"]
    figures = common_figures(
        days=days, simulated=requests["simulated"], served=requests["served"],
        dropped=requests["dropped"],
        attempts=sum(d["attempts"] for d in deployments.values()),
        rate_limited=sum(d["r429"] for d in deployments.values()),
        retries=sum(d["retries"] for d in deployments.values()),
        prompt=sum(d["tokens"]["prompt"] for d in deployments.values()),
        completion=sum(d["tokens"]["completion"] for d in deployments.values()))
    for name, deployment in deployments.items():
        figures[f"{name} served"] = deployment["served_direct"] + deployment["served_fallback"]
        figures[f"{name} 429s"] = deployment["r429"]
        figures[f"{name} 403s"] = deployment["r403"]
        starts = [p["throttle_start"] for p in deployment["periods"] if p["throttle_start"]]
        figures[f"{name} throttle start"] = starts[0] if starts else None
        figures[f"{name} local throttles"] = deployment["local_throttles"]
    reasons = requests["dropped_by_reason"]
    figures["dropped, no deployment"] = reasons.get("no_deployment", 0)
    figures["dropped, retries exhausted"] = reasons.get("retries_exhausted", 0)
    return figures


def common_figures(*, days: float, simulated: int, served: int, dropped: int, attempts: int,
                   rate_limited: int, retries: int, prompt: int, completion: int) -> dict:
    """Return the figures both models report, as totals and per request."""
    return {
        "requests per day": simulated / days,
        "served per request": ratio(served, simulated),
        "dropped per request": ratio(dropped, simulated),
        "attempts per request": ratio(attempts, simulated),
        "429 share of attempts": ratio(rate_limited, attempts),
        "retries per request": ratio(retries, simulated),
        "prompt tokens": prompt,
        "completion tokens": completion,
        "total tokens": prompt + completion,
        "total tokens per served request": ratio(prompt + completion, served),
    }


def ratio(numerator: float, denominator: float) -> float:
    """Return numerator / denominator, or 0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def compare(days: float, quotasim_result: dict, reference_report: dict) -> dict:
    """Pair QuotaSim's and a reference's figures, each with its relative difference."""
    ours = quotasim_figures(quotasim_result, days)
    theirs = reference_figures(reference_report, days)
    rows = []
    for name, value in ours.items():
        other = theirs.get(name)
        rows.append({"figure": name, "quotasim": value, "reference": other,
                     "difference": difference(value, other)})
    return {"days": days, "driver": reference_report["driver"], "rows": rows}


def difference(ours, theirs) -> float | None:
    """Return (ours - theirs) / theirs for numbers, 0 when both are 0, else None."""
    if not isinstance(ours, (int, float)) or not isinstance(theirs, (int, float)):
        return None
    if theirs == 0:
        return 0.0 if ours == 0 else None
    return (ours - theirs) / theirs


# MARK: Targets


def targets(report: dict) -> list[dict]:
    """Return each target with the figure measured for it and whether it was met, or None for
    `met` when it was not measured."""
    rows = []
    for horizon in report["horizons"]:
        ours, floor = horizon["quotasim"], horizon["floor"]
        loop_ratio = ratio(ours["loop_requests_per_second"], floor["requests_per_second"])
        process_ratio = ratio(ours["requests_per_second"], floor["requests_per_second"])
        rows.append({"target": TARGETS_TEXT["floor"], "met": loop_ratio >= 0.5,
                     "measured": f"{loop_ratio:.2f} x the floor over {days_text(horizon['days'])} "
                                 f"(whole process: {process_ratio:.2f} x)"})
    seven = [h for h in report["horizons"] if h["days"] == 7]
    simpy = [r for r in report["references"] if r["days"] == 7]
    if seven and simpy:
        simpy_ratio = ratio(seven[0]["quotasim"]["loop_requests_per_second"],
                            simpy[0]["simpy"]["requests_per_second"])
        rows.append({"target": TARGETS_TEXT["simpy"], "met": simpy_ratio > 20,
                     "measured": f"{simpy_ratio:.0f} x SimPy over 7 days"})
    decade = report.get("decade")
    if decade:
        mib = decade["peak_kib"] / 1024
        rows.append({"target": TARGETS_TEXT["memory"], "met": decade["peak_kib"] * 1024 < 64e6,
                     "measured": f"{mib:.1f} MiB ({decade['peak_kib'] * 1024 / 1e6:.1f} MB)"})
    else:
        rows.append({"target": TARGETS_TEXT["memory"], "met": None,
                     "measured": "the 10-year run is left out by --quick"})
    sweep = report["sweep"]
    rows.append({"target": TARGETS_TEXT["sweep"], "met": sweep["speedup"] >= 1.8,
                 "measured": f"{sweep['speedup']:.2f} x"})
    return rows


# MARK: Text


def summary(report: dict) -> str:
    """Return the ratios and targets as a few lines for the terminal."""
    lines = []
    for horizon in report["horizons"]:
        quotasim, floor = horizon["quotasim"], horizon["floor"]
        lines.append(f"{days_text(horizon['days'])}: QuotaSim {quotasim['loop_requests_per_second']:,.0f}"
                     f" req/s in its event loop ({quotasim['requests_per_second']:,.0f} over the whole "
                     f"process), floor {floor['requests_per_second']:,.0f} req/s, ratio "
                     f"{ratio(quotasim['loop_requests_per_second'], floor['requests_per_second']):.2f}")
    for reference in report["references"]:
        ours = [h for h in report["horizons"] if h["days"] == reference["days"]][0]["quotasim"]
        for driver in ("simpy", "heapq"):
            lines.append(f"{days_text(reference['days'])}: QuotaSim / {driver} = "
                         f"{ratio(ours['loop_requests_per_second'], reference[driver]['requests_per_second']):.1f}")
    for row in targets(report):
        mark = {True: "met   ", False: "MISSED", None: "not measured"}[row["met"]]
        lines.append(f"{mark} {row['target']}: {row['measured']}")
    return "\n".join(lines)


def markdown(report: dict) -> str:
    """Return BENCHMARKS.md."""
    overhead = process_overhead(report)
    parts = [INTRO.format(runs=runs_text(report), model=report["model"],
                          overhead_ms=overhead["first_ms"]),
             machine_section(report), speed_section(report), reference_section(report),
             memory_section(report), sweep_section(report), targets_section(report),
             crosscheck_section(report), RULES, measuring_text(overhead)]
    return "\n\n".join(part.strip() for part in parts) + "\n"


def runs_text(report: dict) -> str:
    """Return how the figures come from the runs, for the introduction."""
    runs = report["runs"]
    once = "the two sweeps" if report.get("decade") is None else "the 10-year run and the two sweeps"
    if runs == 1:
        return f"each figure comes from a single run, as do {once}"
    return (f"each wall and CPU time is the median of {runs} runs and each peak memory the "
            f"largest of them, while {once} run once. The runs of different programs "
            f"alternate so that a drift in the machine's speed hits them alike")


def process_overhead(report: dict) -> dict:
    """Return the milliseconds that start-up and the report add to QuotaSim's loop time over
    the shortest horizon, their share of the process time, and the largest share from 7 days
    on, which is None when no such horizon was run."""
    def share(horizon: dict) -> float:
        ours = horizon["quotasim"]
        return ratio(ours["wall_seconds"] - ours["loop_seconds"], ours["wall_seconds"])

    first = report["horizons"][0]
    longer = [share(h) for h in report["horizons"] if h["days"] >= 7]
    return {"first_days": first["days"], "first_loop_ms": first["quotasim"]["loop_seconds"] * 1000,
            "first_ms": (first["quotasim"]["wall_seconds"]
                         - first["quotasim"]["loop_seconds"]) * 1000,
            "first_share": share(first), "longer_share": max(longer) if longer else None}


def machine_section(report: dict) -> str:
    machine = report["machine"]
    rows = [("cores", machine["cores"]), ("CPU", machine["cpu"]), ("memory", machine["memory"]),
            ("system", machine["system"]), ("Swift", machine["swift"]), ("C compiler", machine["gcc"]),
            ("GSL", machine["gsl"]), ("Python", machine["python"]), ("SimPy", machine["simpy"]),
            ("load average before / after", f"{machine['load_before']} / {report['load_after']}")]
    return "## Machine\n\n| | |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)


def speed_section(report: dict) -> str:
    lines = ["## Simulated requests per second: QuotaSim and the floor", "",
             "Both loop columns time the event loop alone, as the floor times itself; the process "
             "columns time the whole `quotasim run` process.", "",
             "| horizon | requests | floor loop s | floor req/s | QuotaSim loop s | QuotaSim loop "
             "req/s | loop / floor | QuotaSim process s | process req/s | process / floor "
             "| QuotaSim CPU s | peak MiB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for horizon in report["horizons"]:
        ours, floor = horizon["quotasim"], horizon["floor"]
        lines.append(
            f"| {days_text(horizon['days'])} | {ours['simulated']:,} | {floor['wall_seconds']:.3f} "
            f"| {floor['requests_per_second']:,.0f} | {ours['loop_seconds']:.3f} "
            f"| {ours['loop_requests_per_second']:,.0f} "
            f"| {ratio(ours['loop_requests_per_second'], floor['requests_per_second']):.2f} "
            f"| {ours['wall_seconds']:.3f} | {ours['requests_per_second']:,.0f} "
            f"| {ratio(ours['requests_per_second'], floor['requests_per_second']):.2f} "
            f"| {ours['cpu_seconds']:.2f} | {ours['peak_kib'] / 1024:.1f} |")
    lines += ["", "Single runs (seconds): " + "; ".join(
        f"{days_text(h['days'])} QuotaSim loop {rounded(h['quotasim']['all_loop_seconds'])}, "
        f"process {rounded(h['quotasim']['all_wall_seconds'])}, floor "
        f"{h['floor']['all_wall_seconds']}" for h in report["horizons"]) + "."]
    return "\n".join(lines)


def reference_section(report: dict) -> str:
    lines = ["## The SimPy and heapq references", "",
             "| horizon | requests | SimPy loop s | SimPy req/s | heapq loop s | heapq req/s "
             "| QuotaSim loop req/s | QuotaSim / SimPy | QuotaSim / heapq |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for reference in report["references"]:
        ours = [h for h in report["horizons"] if h["days"] == reference["days"]][0]["quotasim"]
        simpy, heapq = reference["simpy"], reference["heapq"]
        lines.append(
            f"| {days_text(reference['days'])} | {simpy['simulated']:,} | {simpy['wall_seconds']:.2f} "
            f"| {simpy['requests_per_second']:,.0f} | {heapq['wall_seconds']:.2f} "
            f"| {heapq['requests_per_second']:,.0f} | {ours['loop_requests_per_second']:,.0f} "
            f"| {ratio(ours['loop_requests_per_second'], simpy['requests_per_second']):.1f} "
            f"| {ratio(ours['loop_requests_per_second'], heapq['requests_per_second']):.1f} |")
    return "\n".join(lines)


def memory_section(report: dict) -> str:
    lines = ["## Peak memory", "",
             "Peak resident set size of the whole `quotasim run` process, from /usr/bin/time -v.", ""]
    for horizon in report["horizons"]:
        lines.append(f"- {days_text(horizon['days'])}: {horizon['quotasim']['peak_kib'] / 1024:.1f} MiB")
    decade = report.get("decade")
    if decade:
        lines.append(f"- 10 years ({decade['days']:,} days, {decade['simulated']:,} requests, "
                     f"{decade['wall_seconds']:.0f} s): {decade['peak_kib'] / 1024:.1f} MiB")
    else:
        lines.append("- 10 years: not measured (run without --quick)")
    return "\n".join(lines)


def sweep_section(report: dict) -> str:
    sweep = report["sweep"]
    one, two = sweep["jobs1"], sweep["jobs2"]
    return "\n".join([
        "## Sweep", "",
        f"`quotasim sweep` over `{sweep['axis']}` ({sweep['points']} points) x "
        f"{sweep['replications']} replications of {days_text(sweep['days'])}.", "",
        "| jobs | wall s | CPU s |", "|---:|---:|---:|",
        f"| 1 | {one['wall_seconds']:.2f} | {one['cpu_seconds']:.2f} |",
        f"| 2 | {two['wall_seconds']:.2f} | {two['cpu_seconds']:.2f} |", "",
        f"Speed-up with 2 jobs: {sweep['speedup']:.2f} x. Both printed "
        f"{'the same bytes' if sweep['same_output'] else 'DIFFERENT output'}."])


def targets_section(report: dict) -> str:
    lines = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for row in targets(report):
        met = {True: "yes", False: "no", None: "not measured"}[row["met"]]
        lines.append(f"| {row['target']} | {row['measured']} | {met} |")
    return "\n".join(lines)


def crosscheck_section(report: dict) -> str:
    check = report["crosscheck"]
    lines = ["## Cross-check with the references", "", CROSSCHECK_INTRO.strip(), ""]
    for comparison in check["default"]:
        lines += [f"### Default quotas, {days_text(comparison['days'])}, QuotaSim against SimPy", "",
                  "| figure | QuotaSim | SimPy | difference |", "|---|---:|---:|---:|"]
        lines += [row_text(row) for row in comparison["rows"]]
        lines.append("")
    binding = check["binding"]
    exact, whole = binding["exact_hints"], binding["whole_ms_hints"]
    lines += [f"### prod quota {binding['prod_quota']:,}, {days_text(binding['days'])}: "
              "QuotaSim against heapq", "", BINDING_INTRO.strip(), "",
              "| figure | QuotaSim | heapq, exact hints | difference | heapq, whole-ms hints "
              "| difference |", "|---|---:|---:|---:|---:|---:|"]
    for row, other in zip(exact["rows"], whole["rows"]):
        lines.append(f"| {row['figure']} | {value_text(row['quotasim'])} "
                     f"| {value_text(row['reference'])} | {difference_text(row['difference'])} "
                     f"| {value_text(other['reference'])} | {difference_text(other['difference'])} |")
    lines += ["", spread_section(check)]
    return "\n".join(lines)


def hours_from_start(instant: str | None) -> float | None:
    """Return an ISO 8601 UTC instant as hours after the benchmark's start, 2026-01-01."""
    if instant is None:
        return None
    moment = datetime.datetime.fromisoformat(instant.replace("Z", "+00:00"))
    return (moment - START).total_seconds() / 3600


def spread_section(check: dict) -> str:
    """Return the comparison of prod's throttle start over several seeds."""
    spread = check["seeds"]
    ours, theirs = spread["quotasim_hours"], spread["heapq_hours"]
    if None in ours or None in theirs:
        return "### Throttle start over seeds\n\nSome run did not throttle prod; no comparison."
    gap = statistics.mean(ours) - statistics.mean(theirs)
    error = math.sqrt(statistics.variance(ours) / len(ours)
                      + statistics.variance(theirs) / len(theirs))
    lines = [f"### prod's throttle start over {len(ours)} seeds, prod quota "
             f"{spread['prod_quota']:,}, {days_text(spread['days'])}", "",
             SPREAD_INTRO.strip(), "",
             "| seed | QuotaSim h | heapq h |", "|---:|---:|---:|"]
    lines += [f"| {seed} | {a:.3f} | {b:.3f} |"
              for seed, a, b in zip(spread["seeds"], ours, theirs)]
    lines += ["", f"Means: QuotaSim {statistics.mean(ours):.3f} h (sd {statistics.stdev(ours):.3f}), "
              f"heapq {statistics.mean(theirs):.3f} h (sd {statistics.stdev(theirs):.3f}). "
              f"Difference {gap * 60:+.1f} min, standard error {error * 60:.1f} min, "
              f"{abs(gap) / error:.1f} standard errors."]
    return "\n".join(lines)


def rounded(values: list[float]) -> list[float]:
    return [round(value, 3) for value in values]


def row_text(row: dict) -> str:
    return (f"| {row['figure']} | {value_text(row['quotasim'])} | {value_text(row['reference'])} "
            f"| {difference_text(row['difference'])} |")


def value_text(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and abs(value) < 100:
        return f"{value:.4f}"
    return f"{value:,.0f}"


def difference_text(value: float | None) -> str:
    if value is None:
        return "n/a"
    mark = "" if abs(value) <= TOLERANCE else " (over 1 %)"
    return f"{value * 100:+.2f} %{mark}"


def days_text(days: float) -> str:
    if days == 365:
        return "1 year"
    if days == 1:
        return "1 day"
    return f"{days:g} days"


INTRO = """
# Benchmarks

Simulated requests per wall-clock second of QuotaSim, with the real quota tracker and throttle
enforcer in the loop, next to a C floor and to the same scenario written in Python with SimPy
and with a plain `heapq` event loop. Everything below was measured by one invocation of
`bench/run`, which rewrites this file; {runs}.

The scenario is `{model}`: prod (450,000 TPM, a monthly quota of 1e9 tokens) falls back to dev
(100,000 TPM, 1.5e8 tokens), Poisson traffic at 2 requests per second with log-normal prompt
and completion sizes. Over 7 days the default quotas are never reached. Over 30 days and a year
prod is throttled around day 9 of each month, dev is rate-limited (429-bound) until it is
throttled around day 11, and from then to the month's end every request is dropped by the
client after two tracker checks, so time is not proportional to the horizon.

How the programs are timed:

- QuotaSim: `quotasim run --timing` prints the wall time of its event loop, from the first
  arrival to the horizon, measured with a monotonic clock. That is the figure compared with
  the other programs' loops. bench/run also times the whole process, where start-up, loading
  the model and writing the report added {overhead_ms:.0f} ms over the shortest horizon. CPU
  seconds and peak memory come from `/usr/bin/time -v`.
- The floor (`floor.c`, built with `gcc -O2`): its own clock around the event loop. It makes
  the scenario's draws with GSL (the ziggurat Gaussian for the log-normals) and pushes and pops
  the events through a binary heap, with no limiter and no endpoint.
- SimPy and heapq: their own clock around the event loop, as their report gives it.
"""

CROSSCHECK_INTRO = """
Figures that do not depend on the random streams' details, from the first run of each program.
The two models draw from different generators (GSL's MT19937 with GSL's log-normal, Python's
Mersenne Twister with Python's), so counts agree in distribution only; over a day at 2 requests
per second the Poisson count alone varies by about 0.24 % (one standard deviation).
"""

SPREAD_INTRO = """
On one seed prod's throttle start differs by several minutes between the programs, because it
depends on the draws. Over several seeds each, the difference of the means is compared with its
standard error. A bias on either side would show as a difference of several standard errors.
"""

BINDING_INTRO = """
With prod's quota at 2e8 the throttle, the fallback to dev, dev's 429s and dev's throttle all
bind. The Python reference's 429 carries the exact wait in microseconds, while QuotaSim's
endpoint, like Azure's `retry-after-ms` header, sends whole milliseconds rounded up. Near
saturation that rule decides which waiting request takes a freed slot, and it changes the 429
count by several per cent. `bench/reference_with_ms_hints.py` runs the reference with its hint
rounded up to the millisecond and nothing else changed; the last two columns compare with it.
"""

RULES = """
## Rules that differ between QuotaSim and the references

QuotaSim's model sets the reference's rules where the scenario format can state them: the
`estimateWithinThreshold` throttle (`used + estimate > 95 %` refuses), 5 retries and then a
drop (`retriesExhaustedAction: fail`), prompt sizes rounded up (`"rounding": "up"`), alerts
at 80 % and 90 %, service time `0.6 s + completion / 60`, no spread, estimate
`prompt + max_tokens`, gateway quotas equal to the client's. These differences remain:

- 429 hints: whole milliseconds rounded up in QuotaSim, exact microseconds in the reference
  (see the cross-check above).
- Drops: QuotaSim charges a request dropped with no deployment to its primary (prod), the
  reference to the last deployment checked (dev). Totals and reasons agree.
- Attempts: QuotaSim counts an attempt when it is sent, the reference when its response
  arrives; they differ by the requests in flight at the end.
- 403s: QuotaSim's gateway states `Retry-After` in whole seconds, so the client treats the
  deployment as exhausted until up to 1 s after the month boundary.
- RPM / 6 is rounded up in QuotaSim and down in the reference; both give 450 and 100 here.
"""

MEASURING = """
## Reading the figures

The machine is a shared virtual machine: other work on its two cores lengthens wall times, and
the floor and QuotaSim alternate so that both see the same load. The CPU seconds of QuotaSim
are less sensitive to that load than its wall seconds. The targets compare event loops: the
floor, SimPy and heapq time only their loops, and so does `quotasim run --timing`.
"""


def measuring_text(overhead: dict) -> str:
    """Return the section on reading the figures, with the start-up share measured."""
    text = (MEASURING.strip() + f" Over {days_text(overhead['first_days'])} the loop took "
            f"{overhead['first_loop_ms']:.0f} ms, so the {overhead['first_ms']:.0f} ms of start-up "
            f"and report lower the whole-process figure by {overhead['first_share'] * 100:.0f} %.")
    if overhead["longer_share"] is not None:
        text += (f" From 7 days on, the two QuotaSim figures differ by at most "
                 f"{overhead['longer_share'] * 100:.1f} %.")
    return text
