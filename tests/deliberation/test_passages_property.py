"""Property tests of finding a shown passage in the Markdown: whatever a committee writes and whatever
words a politician selects, the passage is either refused or replaced so that the page shows exactly the
new words in its place; a whole paragraph is never refused."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deliberation.deliverables.passages import PassageError, as_markdown, block_span, shown, source_span

WORDS = st.sampled_from(
    ["unge", "30 km/t", "skoleveje", "Ordrup", "fællesskab", "kl. 22", "2027", "og", "på"]
)


@st.composite
def inline(draw) -> str:
    parts = []
    for _n in range(draw(st.integers(1, 6))):
        word = draw(WORDS)
        style = draw(st.sampled_from(["", "", "**", "*", "link", "code"]))
        if style == "link":
            word = f"[{word}](https://example.dk/{draw(st.sampled_from(['a', 'b_c', 'x?y=1']))})"
        elif style == "code":
            word = f"`{word}`"
        elif style:
            word = f"{style}{word}{style}"
        parts.append(word)
    return " ".join(parts) + draw(st.sampled_from(["", ".", ","]))


@st.composite
def body(draw) -> str:
    blocks = []
    for _n in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["paragraph", "list", "numbered", "quote"]))
        if kind == "paragraph":
            blocks.append(draw(inline()))
        elif kind == "quote":
            blocks.append("> " + draw(inline()))
        else:
            items = draw(st.lists(inline(), min_size=1, max_size=3))
            blocks.append(
                "\n".join(f"{'-' if kind == 'list' else f'{n}.'} {item}" for n, item in enumerate(items, 1))
            )
    return "\n\n".join(blocks)


# What a person types: any printable text, Markdown's marks and HTML included (control characters are not
# shown by the page at all).
TYPED = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co")), min_size=1, max_size=20)


def squeezed(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(source=body(), data=st.data(), words=TYPED)
def test_a_selected_passage_is_refused_or_replaced_exactly(source, data, words):
    seen = shown(source).text
    start = data.draw(st.integers(0, len(seen) - 1))
    end = data.draw(st.integers(start + 1, len(seen)))
    if not seen[start:end].strip() or not words.strip():
        return
    try:
        first, last = source_span(source, start, end)
    except PassageError:
        return
    changed = source[:first] + as_markdown(words.strip()) + source[last:]
    # The selection as the page trims it (no spaces at its ends), replaced by the new words.
    while seen[start].isspace():
        start += 1
    while seen[end - 1].isspace():
        end -= 1
    assert squeezed(shown(changed).text) == squeezed(seen[:start] + words.strip() + seen[end:])


@settings(max_examples=200, deadline=None)
@given(source=body(), data=st.data())
def test_a_whole_paragraph_is_always_found(source, data):
    blocks = shown(source).blocks
    number = data.draw(st.integers(0, len(blocks) - 1))
    first, last = block_span(source, number)
    assert first < last
