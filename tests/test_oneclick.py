"""„Mein Ticketsystem“ (issue 12) without a browser: the tracker registry and the data the
pages carry for the buttons."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from leitfaden.markup import plain
from leitfaden.model import Guide
from leitfaden.oneclick import MESSAGES
from leitfaden.tickets import FORMATS, FULL, chapter_file, ticket_title
from leitfaden.trackers import DESCRIPTION, TITLE, TRACKERS, Setting, registry
from tests.conftest import ROOT

#: All of the site's own JavaScript together, gzipped (what the pages may cost in scripts).
SCRIPT_BUDGET = 15 * 1024

#: Values each kind of setting must refuse (the first example of each hint must pass).
WRONG_ADDRESS_PATHS = {
    "github": ["", "/firma", "/firma/webshop/issues"],
    "gitlab": ["", "/webshop", "/firma/webshop/-"],
    "gitea": ["", "/webshop"],
    "redmine-textile": ["", "/projects", "/projects/Webshop", "/projects/123", "/webshop"],
    "redmine-commonmark": ["/projects/web shop", "/issues/12"],
    "youtrack": ["//"],
    "jira-server": ["//"],
    "jira-cloud": ["//"],
}


def example(setting: Setting) -> str:
    """The example every hint ends with (for an address: its path)."""
    match = re.search(r"z\. B\. (\S+)$", setting.hint)
    assert match, setting.hint
    value = match.group(1)
    return re.sub(r"^https://[^/]+", "", value) if setting.kind == "address" else value


@pytest.mark.parametrize("tracker", TRACKERS, ids=lambda tracker: tracker.key)
def test_every_tracker_is_complete(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker.format in {fmt.key for fmt in FORMATS}
    assert tracker.settings[0].key == "address"
    sources = [source for _, source in tracker.query]
    assert TITLE in sources and DESCRIPTION in sources
    assert set(sources) <= {TITLE, DESCRIPTION, *(setting.key for setting in tracker.settings)}
    assert tracker.path.startswith("/") and 2_000 <= tracker.limit <= 8_192


@pytest.mark.parametrize("tracker", TRACKERS, ids=lambda tracker: tracker.key)
def test_each_pattern_takes_its_example_and_refuses_wrong_values(tracker) -> None:  # type: ignore[no-untyped-def]
    for setting in tracker.settings:
        assert re.fullmatch(setting.pattern, example(setting)), (setting.key, setting.pattern)
    address = tracker.settings[0]
    for wrong in WRONG_ADDRESS_PATHS[tracker.key]:
        assert not re.search(address.pattern, wrong), (tracker.key, wrong)
    for setting in tracker.settings[1:]:
        for wrong in ["", "WEB-12", "web shop", "1 0"]:
            assert not re.search(setting.pattern, wrong), (setting.key, wrong)


def test_patterns_are_plain_ascii_for_both_regex_engines() -> None:
    for tracker in TRACKERS:
        for setting in tracker.settings:
            assert (
                setting.pattern.isascii()
                and setting.pattern.startswith("^")
                and setting.pattern.endswith("$")
            )
            assert not re.search(r"\(\?[a-zP<]", setting.pattern), setting.pattern  # no flags, named groups


def page_data(built_site: Path, page: str) -> dict[str, object]:
    html = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
    blocks = html.select(".lf-oneclick[data-lf-oneclick]")
    assert len(blocks) == 1, page
    data: dict[str, object] = json.loads(str(blocks[0]["data-lf-oneclick"]))
    return data


def test_each_chapter_page_names_its_chapter_and_repeats_no_ticket(built_site: Path, guide: Guide) -> None:
    """The button sends what the page's ticket blocks show (answers.js fills them): no copy here."""
    for chapter in guide.chapters:
        data = page_data(built_site, f"{chapter.id}/index.html")
        assert data["trackers"] == json.loads(json.dumps(registry()))
        assert data["messages"] == MESSAGES
        [entry] = data["chapters"]  # type: ignore[misc]
        name = plain.inline(chapter.title)
        assert entry == {"id": chapter.id, "title": ticket_title(chapter), "name": name}


def test_the_vorlagen_page_names_every_chapters_downloadable_tickets(built_site: Path, guide: Guide) -> None:
    data = page_data(built_site, "vorlagen/index.html")
    entries = data["chapters"]
    assert [entry["id"] for entry in entries] == [chapter.id for chapter in guide.chapters]  # type: ignore[attr-defined]
    used = {tracker.format for tracker in TRACKERS}
    for chapter, entry in zip(guide.chapters, entries, strict=True):  # type: ignore[call-overload]
        assert set(entry["files"]) == used
        for fmt in FORMATS:
            if fmt.key in used:
                assert entry["files"][fmt.key] == f"vorlagen/{chapter_file(chapter, fmt, FULL)}"
                assert (built_site / entry["files"][fmt.key]).is_file()
    html = BeautifulSoup((built_site / "vorlagen" / "index.html").read_text(encoding="utf-8"), "html.parser")
    buttons = [t["data-lf-chapter"] for t in html.select("template.lf-oneclick__button")]
    assert buttons == [chapter.id for chapter in guide.chapters]


def test_the_data_stays_out_of_the_search_index(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [entry["text"] for entry in index["docs"]]
    assert any("Mein Ticketsystem" in text for text in texts)  # the visible text is indexed …
    assert not any('"tickets":{' in text or "data-lf-oneclick" in text for text in texts)  # … the data not


def test_the_sites_own_javascript_stays_within_its_budget() -> None:
    scripts = sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js"))
    assert any(script.name == "oneclick.js" for script in scripts)
    size = sum(len(gzip.compress(script.read_bytes(), compresslevel=9)) for script in scripts)
    assert size <= SCRIPT_BUDGET, f"{size} Bytes gzip"
