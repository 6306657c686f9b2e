"""Junk input for the hostile-input tests: values a browser would never send, and a few it would."""

from __future__ import annotations

from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOADS = (SCRIPT, IMG)
SQL = ("'; DROP TABLE x; --", "1 OR 1=1", "' OR ''='", "1; SELECT pg_sleep(10)")

RTL = "\u202eتجربة עברית\u202c"
COMBINING = "Z\u0351\u0364\u0305a\u0306\u0361lgo\u0489"
EMOJI = "👩‍👩‍👧‍👦🏳️‍🌈🇩🇰"
ODD_DIGITS = ("²", "٣", "①", "Ⅻ", "１２")  # str.isdigit() says yes to some; int() to fewer
# Ids no column can hold: beyond 64 bits SQLite cannot even bind them (see test_out_of_range_ids.py).
OUT_OF_RANGE_IDS = (str(2**63), str(2**64 + 1), "9" * 30, str(2**31))

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "1e9", "NaN", "inf", "-0", "0x1F", "1.5", "9" * 5000, "00000001"]),
    st.sampled_from(ODD_DIGITS),
)
controls = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), min_size=1, max_size=10)
unicode = st.one_of(
    st.text(max_size=200), st.sampled_from([RTL, COMBINING, EMOJI, "ææ øø åå", "\ufeff", "\u200b"])
)
long = st.builds(
    lambda c, n: c * n, st.sampled_from(["a", "æ", "<", "€", "\n", "👍"]), st.integers(1_000, 20_000)
)
markup = st.sampled_from([*PAYLOADS, f"{SCRIPT}{IMG}", f"**{SCRIPT}**", f"[x](javascript:alert(1)) {IMG}"])


def scalar(ids: list[str] | tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    """One junk value; `ids` are real ids of other objects in the world, as strings."""
    options = [unicode, controls, long, markup, st.sampled_from(SQL), numbers, st.just("")]
    if ids:
        options.append(st.sampled_from([*ids, *OUT_OF_RANGE_IDS]))
    return st.one_of(*options)


def value(ids=()) -> st.SearchStrategy[str | list[str]]:
    """A scalar, or a list of them (the key posted more than once)."""
    one = scalar(ids)
    return st.one_of(one, one, one, st.lists(one, min_size=2, max_size=4))


def form_data(fields, ids=(), fixed: dict | None = None) -> st.SearchStrategy[dict]:
    """A POST body with the form's field names: each key is junk or missing; `fixed` keys are kept as given
    (a hidden action, a management form) unless junk replaces them too, which it sometimes does."""
    fields = list(fields)
    fixed = dict(fixed or {})

    @st.composite
    def build(draw):
        data = {}
        for name in fields:
            if draw(st.integers(0, 9)) == 0:  # missing
                continue
            data[name] = draw(value(ids))
        for name, given in fixed.items():
            data[name] = given if draw(st.integers(0, 7)) else draw(value(ids))
        return data

    return build()


def has_payload(data: dict) -> bool:
    def text(v):
        return " ".join(v) if isinstance(v, list) else str(v)

    return any(p in text(v) for v in data.values() for p in PAYLOADS)


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", errors="replace")
    return response.content.decode("utf-8", errors="replace")


OK = {200, 302, 303, 400, 403, 404, 405, 429}


def check(response, data: dict, what: str) -> None:
    """Never a 500; and a posted payload is never shown raw."""
    status = response.status_code
    assert status in OK, f"{what}: {status}"
    body = body_of(response)
    if status in (200, 400) and has_payload(data):
        for payload in PAYLOADS:
            assert payload not in body, f"{what}: shows {payload!r} unescaped"
