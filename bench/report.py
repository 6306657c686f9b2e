"""The targets and the Markdown table of a run (docs/benchmarks.md explains each figure)."""

from __future__ import annotations

PUBLIC_SHARE = 0.50  # anonymous public pages: at least half the bare view's requests/s
SIGNED_IN_SHARE = 0.15  # signed-in pages
P99_MS = 250.0  # at 32 connections
MAX_QUERIES = 12  # on every page, whatever the data size
MAX_QUERIES_WRITING = 20  # a POST that writes (the application sent, with its choices and events)
OUTBOX_PER_SECOND = 400.0


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def page_verdict(page: dict) -> tuple[bool, list[str]]:
    """Whether a page meets its targets, and what falls short, by how much."""
    misses = []
    share = PUBLIC_SHARE if page["audience"] == "public" else SIGNED_IN_SHARE
    if page["ratio"] < share:
        misses.append(f"throughput {page['ratio']:.0%} of the baseline (target {share:.0%})")
    if page["p99_ms"] >= P99_MS:
        misses.append(f"p99 {page['p99_ms']:.0f} ms (target < {P99_MS:.0f} ms)")
    reads, writes = (
        (page["queries"][:1], page["queries"][1:]) if page.get("writes") else (page["queries"], [])
    )
    if max(reads) > MAX_QUERIES:
        misses.append(f"{max(reads)} queries (target ≤ {MAX_QUERIES})")
    if writes and max(writes) > MAX_QUERIES_WRITING:
        misses.append(f"{max(writes)} queries to send (target ≤ {MAX_QUERIES_WRITING})")
    if page["failures"]:
        misses.append(f"{page['failures']} failed requests")
    return not misses, misses


def markdown(result: dict) -> str:
    lines = [
        "| page | who | requests/s | bare view, same minute | × bare | p50 ms | p99 ms | queries "
        "(first / again) | targets |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page in result["pages"]:
        ok, misses = page_verdict(page)
        queries = " / ".join(str(q) for q in page["queries"])
        verdict = "met" if ok else "missed: " + "; ".join(misses)
        name = page["name"]
        lines.append(
            f"| {name} | {page['audience']} | {page['rps']:,.0f} | {page['baseline_rps']:,.0f} "
            f"| {page['ratio']:.0%} | {page['p50_ms']:.1f} | {page['p99_ms']:.1f} | {queries} | {verdict} |"
        )
    flow = result["flow"]
    outbox = result["outbox"]
    lines += [
        "",
        f"Apply and submit: {flow['submitted']:,} applications sent in {flow['seconds']:.1f} s "
        f"({flow['submitted'] / flow['seconds']:.1f} per second; each is a GET of the form and a POST).",
        "",
        f"Outbox: {outbox['received']:,} of {outbox['messages']:,} messages reached the SMTP sink in "
        f"{outbox['seconds']:.1f} s with {outbox['dispatchers']} dispatchers: "
        f"**{outbox['per_second']:.0f} messages/s** (target ≥ {OUTBOX_PER_SECOND:.0f}: "
        f"{_mark(outbox['per_second'] >= OUTBOX_PER_SECOND)}), {outbox['duplicates']} duplicates "
        f"(target 0: {_mark(outbox['duplicates'] == 0)}), {outbox['marked_sent']:,} marked sent.",
        "",
        f"{result['machine']['cpus']} CPUs; load average {result['machine']['load_before']} before, "
        f"{result['machine']['load_after']} after; gunicorn {result['settings']['workers']} sync workers; "
        f"wrk {result['settings']['threads']} threads, {result['settings']['connections']} connections, "
        f"{result['settings']['seconds']} s per page; {result['when']}.",
        "",
        "Data: " + ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in result["data"].items()) + ".",
    ]
    return "\n".join(lines) + "\n"
