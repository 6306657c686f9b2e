"""Small helpers for the browser journey: the site's own words in a language, links read from the mails
people receive, and moving through a page with the keyboard alone."""

from __future__ import annotations

import re

from django.core import mail
from django.utils import translation


def t(text: str, language: str = "da", *, context: str = "", **values) -> str:
    """What the page shows for this msgid (in this `context`, for a pgettext msgid) in the person's
    language, so locators use the visible words."""
    with translation.override(language):
        shown = translation.pgettext(context, text) if context else translation.gettext(text)
    return shown % values if values else shown


def link_from_mail_to(email: str, path_pattern: str) -> str:
    """The newest link to the site whose path matches `path_pattern`, in a mail to this address."""
    for message in reversed(mail.outbox):
        if email in message.to:
            match = re.search(rf"https?://[^\s\"<>]+?{path_pattern}", message.body)
            if match:
                return match.group(0)
    raise AssertionError(f"no link matching {path_pattern!r} mailed to {email}")


# --- The keyboard alone: Tab and Shift+Tab move, Space and Enter act, keys type.


def is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, *, backwards: bool = False, limit: int = 120) -> None:
    """Press Tab (or Shift+Tab) until the element has focus, as a person moves through a page."""
    key = "Shift+Tab" if backwards else "Tab"
    for _step in range(limit):
        if is_focused(locator):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{locator} could not be reached with {key} in {limit} presses")


def type_into(page, locator, text: str) -> None:
    tab_to(page, locator)
    page.keyboard.type(text)


def choose_with_arrows(page, locator, option_text: str, limit: int = 20) -> None:
    """On a focused <select>, ArrowDown moves the choice one option at a time."""
    tab_to(page, locator)
    for _step in range(limit):
        chosen = locator.evaluate("select => select.options[select.selectedIndex].text.trim()")
        if chosen == option_text:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{option_text!r} is not among the options of {locator}")


def tick_with_space(page, locator) -> None:
    tab_to(page, locator)
    if not locator.is_checked():
        page.keyboard.press("Space")
    assert locator.is_checked(), f"{locator} was not ticked by Space"


def press_button(page, locator) -> None:
    tab_to(page, locator)
    page.keyboard.press("Enter")


# --- The mouse: selecting words on a page, as a reader drags across them.


def select_with_the_mouse(page, locator, words: str) -> None:
    """Press the mouse before the first letter of `words` in the element, drag to after the last, release."""
    box = locator.evaluate(
        """(element, words) => {
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          const nodes = [];
          let text = "";
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            nodes.push([node, text.length]);
            text += node.data;
          }
          const start = text.indexOf(words), end = start + words.length;
          const at = (offset) => {
            const [node, before] = nodes.filter(([, b]) => b <= offset).pop();
            return [node, offset - before];
          };
          const first = document.createRange(), last = document.createRange();
          first.setStart(...at(start)); first.setEnd(...at(start + 1));
          last.setStart(...at(end - 1)); last.setEnd(...at(end));
          const a = first.getBoundingClientRect(), b = last.getBoundingClientRect();
          return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2};
        }""",
        words,
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()
    selected = page.evaluate("() => document.getSelection().toString()")
    assert selected.strip() == words, f"the mouse selected {selected!r}, not {words!r}"
