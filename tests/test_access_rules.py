"""The Audience decides as Wiki.js 2.5.314's checkAccess: each rule kind, both ties, locales,
manage:system, no rule, publish windows and asset addresses (no I/O), and as the real server
answered every recorded page view and asset download."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wikijs_typed.query._audience import Audience, PageRule, PublishWindow

READ = frozenset({"read:pages", "read:assets"})
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def rule(match: str, path: str, *, deny: bool = False, locales: tuple[str, ...] = ()) -> PageRule:
    return PageRule(match, path, READ, deny, frozenset(locales))  # type: ignore[arg-type]


def guests(*rules: PageRule, permissions: frozenset[str] = READ) -> Audience:
    return Audience("guests", permissions, rules)


ALL = rule("START", "")


@pytest.mark.parametrize(
    ("denying", "hidden", "shown"),
    [
        (rule("START", "internal", deny=True), "internal/plan", "public/internal"),
        (rule("END", "-draft", deny=True), "notes/plan-draft", "notes/draft-plan"),
        (rule("REGEX", "^team/[0-9]+$", deny=True), "team/42", "team/lead"),
        (rule("EXACT", "secret", deny=True), "secret", "secret/child"),
    ],
)
def test_each_path_rule_kind_denies_what_it_matches(
    denying: PageRule, hidden: str, shown: str
) -> None:
    audience = guests(ALL, denying)
    assert not audience.can_read_page(hidden, "en")
    assert audience.can_read_page(shown, "en")


def test_a_tag_rule_matches_the_pages_tags() -> None:
    audience = guests(ALL, rule("TAG", "secret", deny=True))
    assert not audience.can_read_page("docs/a", "en", ["guide", "secret"])
    assert audience.can_read_page("docs/a", "en", ["guide"])
    # Tags are compared as stored, whole.
    assert audience.can_read_page("docs/a", "en", ["secrets"])


def test_start_matches_the_path_text_not_whole_segments() -> None:
    # Wiki.js compares `/path` with `/rule`: "intern" also covers "internal".
    audience = guests(ALL, rule("START", "intern", deny=True))
    assert not audience.can_read_page("internal", "en")


def test_the_longest_rule_path_wins_whatever_its_kind() -> None:
    audience = guests(
        ALL,
        rule("START", "s2", deny=True),
        rule("EXACT", "s2/exact-allowed"),
        rule("END", "-draft", deny=True),
        rule("START", "s3/keep"),
    )
    assert audience.can_read_page("s2/exact-allowed", "en")
    assert not audience.can_read_page("s2/exact-allowed/child", "en")
    assert not audience.can_read_page("s1/x-draft", "en")
    # START "s3/keep" (7 chars) is longer than END "-draft" (6).
    assert audience.can_read_page("s3/keep-draft", "en")


def test_a_tag_rule_is_as_specific_as_the_tag_name_is_long() -> None:
    audience = guests(
        ALL, rule("TAG", "acc-secret-tag", deny=True), rule("START", "docs/public/xyz")
    )
    assert audience.can_read_page("docs/public/xyz1", "en", ["acc-secret-tag"])
    assert not audience.can_read_page("docs/other", "en", ["acc-secret-tag"])


@pytest.mark.parametrize("reverse", [False, True])
def test_on_equal_length_the_higher_priority_kind_wins_in_either_order(reverse: bool) -> None:
    rules = [rule("START", "same", deny=True), rule("EXACT", "same")]
    audience = guests(*(reversed(rules) if reverse else rules))
    assert audience.can_read_page("same", "en")
    priority = ["START", "END", "REGEX", "TAG", "EXACT"]
    for low, high in pairwise(priority):
        pair = [rule(low, "zzzz"), rule(high, "zzzz", deny=True)]
        tied = guests(*(reversed(pair) if reverse else pair))
        # "zzzz" matches as a path (START/END/REGEX/EXACT) and as a tag.
        assert not tied.can_read_page("zzzz", "en", ["zzzz"]), (low, high)


@pytest.mark.parametrize("reverse", [False, True])
def test_on_equal_length_and_kind_deny_wins_in_either_order(reverse: bool) -> None:
    rules = [rule("START", "docs"), rule("START", "docs", deny=True)]
    audience = guests(*(reversed(rules) if reverse else rules))
    assert not audience.can_read_page("docs/a", "en")


def test_a_rule_limited_to_locales_skips_the_others() -> None:
    audience = guests(ALL, rule("START", "docs", deny=True, locales=("fr",)))
    assert audience.can_read_page("docs/a", "en")
    assert not audience.can_read_page("docs/a", "fr")


def test_no_matching_rule_is_a_denial() -> None:
    audience = guests(rule("START", "team"))
    assert audience.can_read_page("team/a", "en")
    assert not audience.can_read_page("home", "en")
    assert not guests().can_read_page("home", "en")


def test_rules_only_count_for_the_roles_they_name() -> None:
    assets_only = PageRule("START", "docs", frozenset({"read:assets"}), deny=True)
    audience = guests(ALL, assets_only)
    assert audience.can_read_page("docs/a", "en")
    assert not audience.can_read_asset("docs", "a.png")


def test_global_permissions_come_first_and_manage_system_sees_everything() -> None:
    closed = guests(ALL, permissions=frozenset({"read:assets"}))
    assert not closed.reads_pages
    assert not closed.can_read_page("home", "en")
    admin = guests(rule("START", "", deny=True), permissions=frozenset({"manage:system"}))
    assert admin.reads_pages
    assert admin.can_read_page("home", "en")
    key = Audience.key()
    assert key.is_key
    assert key.can_read_page("anything", "en")


def test_a_regex_rule_that_does_not_compile_hides_the_pages_it_is_checked_for() -> None:
    # Wiki.js fails the request: nothing is shown rather than everything.
    audience = guests(ALL, rule("REGEX", "([unclosed", locales=("en",)))
    assert not audience.can_read_page("docs", "en")
    assert audience.can_read_page("docs", "fr")


def test_specificity_counts_javascript_string_length() -> None:
    # "é" is one UTF-16 unit, "𝄞" two: a 2-unit allow ties the 2-unit START deny.
    audience = guests(ALL, rule("START", "𝄞", deny=True), rule("EXACT", "𝄞"))
    assert audience.can_read_page("𝄞", "en")
    assert not audience.can_read_page("𝄞x", "en")


@pytest.mark.parametrize(
    ("window", "open_"),
    [
        (PublishWindow(), True),
        (PublishWindow("", ""), True),
        (PublishWindow("2026-12-14T00:00:00.000Z", ""), False),
        (PublishWindow("2026-11-30T00:00:00.000Z", ""), True),
        (PublishWindow("", "2026-11-30T00:00:00.000Z"), False),
        (PublishWindow("", "2026-12-14T00:00:00.000Z"), True),
        (PublishWindow("2026-11-30T00:00:00Z", "2026-12-14T00:00:00Z"), True),
        (PublishWindow("2026-12-07T12:00:00Z", "2026-12-07T12:00:00Z"), True),
        (PublishWindow("next tuesday", ""), False),
        (PublishWindow("2026-12-14", ""), False),
    ],
)
def test_the_publish_window(window: PublishWindow, open_: bool) -> None:
    assert window.is_open(NOW) is open_


def test_a_page_outside_its_window_shows_once_the_start_passes_unless_the_audience_writes() -> None:
    window = PublishWindow((NOW + timedelta(days=7)).isoformat(), "")
    audience = guests(ALL)
    assert not audience.can_view_page("news", "en", (), window, NOW)
    assert audience.can_view_page("news", "en", (), window, NOW + timedelta(days=8))
    writers = Audience(
        "group:editors",
        frozenset({"read:pages", "write:pages"}),
        (PageRule("START", "", frozenset({"read:pages", "write:pages"})),),
    )
    assert writers.can_view_page("news", "en", (), window, NOW)


def test_an_asset_is_checked_at_its_address_with_a_locale_segment_taken_as_the_locale() -> None:
    audience = guests(
        ALL,
        rule("START", "media/locked", deny=True),
        rule("START", "docs", deny=True, locales=("fr",)),
    )
    assert not audience.can_read_asset("media/locked", "a.png")
    assert not audience.can_read_asset("media", "locked.png")
    assert audience.can_read_asset("media", "open.png")
    assert audience.can_read_asset("", "top.png")
    # `/fr/docs/x.pdf` is the address docs/x.pdf in locale fr.
    assert not audience.can_read_asset("fr/docs", "x.pdf")
    assert audience.can_read_asset("docs", "x.pdf")


_kinds = st.sampled_from(["START", "END", "REGEX", "TAG", "EXACT"])
_paths = st.text(alphabet="ab/", max_size=4)
_rules = st.builds(
    lambda match, path, deny: rule(match, path, deny=deny), _kinds, _paths, st.booleans()
)


@given(st.lists(_rules, max_size=6), _paths.filter(bool), st.randoms(use_true_random=False))
def test_the_decision_does_not_depend_on_the_order_of_the_rules(
    rules: list[PageRule], path: str, random: object
) -> None:
    shuffled = list(rules)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    tags = [path]
    assert guests(*rules).can_read_page(path, "en", tags) == guests(*shuffled).can_read_page(
        path, "en", tags
    )


@given(st.lists(_rules, max_size=6), _paths.filter(bool))
def test_a_page_without_a_matching_allow_rule_is_never_readable(
    rules: list[PageRule], path: str
) -> None:
    audience = guests(*rules)
    allows = [r for r in rules if not r.deny and r.matches(path, [path])]
    if not allows:
        assert not audience.can_read_page(path, "en", [path])


# -- against the real server's recordings (../shared/wikijs/recordings/access) ----------------


def _recorded_at(steps: list[dict[str, Any]]) -> datetime | None:
    """When a recording was made: its loginRedirect cookies expire 15 minutes after."""
    for step in steps:
        cookie = step["response"]["headers"].get("set-cookie", "")
        if "Expires=" in cookie:
            expires = cookie.split("Expires=")[1].split(";")[0]
            return parsedate_to_datetime(expires) - timedelta(minutes=15)
    return None


def _group_audience(variables: dict[str, Any]) -> Audience:
    rules = tuple(
        PageRule(r["match"], r["path"], frozenset(r["roles"]), r["deny"], frozenset(r["locales"]))
        for r in variables["pageRules"]
    )
    return Audience(str(variables["id"]), frozenset(variables["permissions"]), rules)


def _expected_views(recording: dict[str, Any]) -> list[tuple[str, bool, bool]]:
    """(address, what the server answered: viewable?, what the Audience decides) per view."""
    steps = recording["steps"]
    now = _recorded_at(steps) or NOW
    default = (PageRule("START", "", READ | {"read:comments"}),)
    groups = {2: Audience("2", READ | {"read:comments"}, default)}
    pages: dict[tuple[str, str], dict[str, Any]] = {}
    # Anonymous views are the Guests group's; the reader's group is the other one updated.
    viewers: dict[str, int | None] = {"none": 2, "reader_jwt": None}
    seen: list[tuple[str, bool, bool]] = []
    for step in steps:
        request, response = step["request"], step["response"]
        if request["path"] == "/graphql":
            query, variables = request["body"]["query"], request["body"].get("variables") or {}
            if query.startswith("mutation CreatePage"):
                pages[(variables["locale"], variables["path"])] = variables
            elif query.startswith("mutation UpdateGroup"):
                groups[variables["id"]] = _group_audience(variables)
                if variables["id"] != 2:
                    viewers["reader_jwt"] = variables["id"]
            continue
        viewer = viewers.get(request["auth"], 0)
        if request["method"] != "GET" or viewer is None or viewer not in groups:
            continue
        audience, address = groups[viewer], request["path"]
        viewable = response["status"] in (200, 404)
        segments = [part for part in address.split("/") if part]
        if segments and "." in segments[-1]:
            decided = audience.can_read_asset("/".join(segments[:-1]), segments[-1])
        else:
            locale = segments[0] if segments and len(segments[0]) == 2 else "en"
            path = "/".join(segments[1:]) if segments[:1] == [locale] else "/".join(segments)
            page = pages.get((locale, path or "home"))
            if page is None or response["status"] == 404:
                decided = audience.can_read_page(path or "home", locale)
            else:
                window = PublishWindow(page.get("publishStartDate"), page.get("publishEndDate"))
                decided = page["isPublished"] and audience.can_view_page(
                    path, locale, page["tags"], window, now
                )
        seen.append((address, viewable, decided))
    return seen


def test_the_audience_decides_every_recorded_view_as_the_real_server_did(
    shared_wikijs: Path,
) -> None:
    checked = 0
    for file in sorted((shared_wikijs / "recordings" / "access").glob("*.json")):
        for address, viewable, decided in _expected_views(json.loads(file.read_text())):
            assert decided is viewable, f"{file.name}: {address}"
            checked += 1
    # Every rule kind, both ties, locales, windows, assets, a closed wiki, a restricted group.
    assert checked >= 35
