"""The pure parts: Markdown into blocks, numbered lines, and the agreed text's marks."""

from __future__ import annotations

from case_documents.changes import marked_blocks, words_marked
from case_documents.lines import WIDTH, numbered_text, wrap
from case_documents.markdown_blocks import blocks_from_markdown, plain
from case_documents.tree import DELETED, INSERTED, Heading, ItemList, NumberedList, Paragraph, Run

PROSE = (
    "Kommunen skal tage presset på unge alvorligt og tilbyde samtaler uden ventetid. Samtalerne skal "
    "foregå på skolen, i klubben eller på biblioteket, som den unge vælger, og de skal være gratis."
)


def test_markdown_becomes_paragraphs_lists_and_headings_with_their_styles():
    blocks = blocks_from_markdown(
        "Alle unge *skal* trives.\n\n### Indsatser\n\n- Et **ungeråd**\n- Flere klubber\n    - om aftenen\n\n"
        "1. først\n2. [så](https://gentofte.dk)",
        lang="da",
    )
    paragraph, heading, bullets, numbers = blocks
    assert isinstance(paragraph, Paragraph) and paragraph.lang == "da"
    assert paragraph.runs == (Run("Alle unge "), Run("skal", emphasis=True), Run(" trives."))
    assert heading == Heading(text="Indsatser", lang="da")
    assert isinstance(bullets, ItemList) and not bullets.ordered
    assert [plain(item) for item in bullets.items] == ["Et ungeråd", "Flere klubber", "om aftenen"]
    assert Run("ungeråd", strong=True) in bullets.items[0]
    assert numbers.ordered and numbers.items[1] == (Run("så", href="https://gentofte.dk"),)


def test_markup_the_sanitiser_removes_never_reaches_a_document():
    blocks = blocks_from_markdown('Se <script>alert(1)</script> og <img src="http://example.com/x.png"> her.')
    assert [plain(block.runs) for block in blocks] == ["Se og her."]


def test_lines_break_at_spaces_within_the_width_and_keep_every_word():
    lines = wrap((Run(PROSE),), WIDTH)
    assert len(lines) == 3
    assert all(len(plain(line)) <= WIDTH for line in lines)
    assert " ".join(plain(line) for line in lines) == PROSE


def test_a_word_longer_than_a_line_is_cut_and_a_break_in_the_text_is_kept():
    address = "https://gentofte.dk/" + "a" * 100
    lines = wrap((Run("Se"), Run("\n"), Run(address)), 40)
    assert [plain(line) for line in lines] == ["Se", address[:40], address[40:80], address[80:]]


def test_styles_survive_the_line_breaks():
    lines = wrap((Run("Unge skal "), Run("høres i alle sager", strong=True), Run(" om dem.")), 15)
    assert lines == [
        (Run("Unge skal "), Run("høres", strong=True)),
        (Run("i alle sager", strong=True), Run(" om")),
        (Run("dem."),),
    ]


def test_numbers_run_on_through_paragraphs_and_lists_but_not_headings():
    blocks = blocks_from_markdown(f"{PROSE}\n\n### Konkret\n\n- Et ungeråd\n- Flere klubber")
    text, following = numbered_text(blocks, first=7)
    paragraph, heading, items = text.parts
    assert [line.number for line in paragraph.lines] == [7, 8, 9]
    assert isinstance(heading, Heading)
    assert isinstance(items, NumberedList)
    assert [item.lines[0].number for item in items.items] == [10, 11]
    assert following == 12


def test_an_amendment_that_adds_words_is_marked_added_with_the_spaces_outside():
    runs = words_marked("samtaler uden ventetid.", "samtaler uden ventetid inden for en uge.")
    assert runs == (
        Run("samtaler uden ventetid"),
        Run(" "),
        Run("inden for en uge", change=INSERTED),
        Run("."),
    )


def test_an_amendment_that_replaces_words_shows_the_removed_before_the_added():
    runs = words_marked("Et ungeråd skal følge politikken.", "Et ungepanel skal følge politikken.")
    assert [(run.text, run.change) for run in runs if run.change] == [
        ("ungeråd", DELETED),
        ("ungepanel", INSERTED),
    ]


def test_whole_paragraphs_and_list_items_added_or_removed_are_marked_whole():
    blocks = marked_blocks("Første.\n\n- a\n- b", "Første.\n\n- a\n- c\n\nNyt afsnit.")
    first, items, added = blocks
    assert first == Paragraph(runs=(Run("Første."),))
    assert items.items[0] == (Run("a"),)
    assert [(r.text, r.change) for r in items.items[1]] == [("b", DELETED), (" ", ""), ("c", INSERTED)]
    assert added == Paragraph(runs=(Run("Nyt afsnit.", change=INSERTED),))
