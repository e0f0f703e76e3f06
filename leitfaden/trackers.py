"""Issue 12, "One click to a prefilled new issue": the trackers whose new-issue form a link fills.

This registry is the one place that says, per tracker type, which ticket format it reads,
what the reader has to tell us about their project, how the new-issue link is made and how
long that link may get. The page script (docs/assets/javascripts/oneclick.js) receives it
as JSON and only interprets it: it knows no tracker by name.

A link is ``<address><path>?<name>=<value>&…``: the address is the one the reader gave
(validated, without a trailing slash), each query value is the ticket's ``title``, its
``description`` or one of the reader's settings, percent-encoded like JavaScript's
``encodeURIComponent`` (a space is ``%20``, never ``+``, which every tracker decodes alike).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

#: Query values taken from the ticket rather than from the reader's settings.
TITLE: Final = "title"
DESCRIPTION: Final = "description"

#: Nginx (large_client_header_buffers 8k, the default) and Apache (LimitRequestLine 8190)
#: refuse longer request lines, GitHub answers 414 above about 8 KB; a little margin.
WEB_SERVER_LIMIT: Final = 8_000
#: Jira's Tomcat (maxHttpHeaderSize 8192) and YouTrack count the request line and every
#: header, cookies included, against 8 KB; 2 KB are left for them.
HEADER_BUDGET_LIMIT: Final = 6_000


@dataclass(frozen=True)
class Setting:
    """One thing the reader tells us about their tracker, with its check."""

    key: str
    #: ``address``: an http(s) URL whose path must match ``pattern``; ``text``: the whole value must.
    kind: Literal["address", "text"]
    label: str
    #: Where to find it, with an example (German, shown below the field).
    hint: str
    #: A regular expression valid in Python and JavaScript alike (ASCII, no flags).
    pattern: str
    #: What is wrong when ``pattern`` does not match (German).
    message: str


@dataclass(frozen=True)
class TrackerType:
    key: str
    #: The tracker's name on the button: „In <label> anlegen“.
    label: str
    #: The choice in the settings form, in the words the reader knows.
    name: str
    #: Key of the ticket format (:data:`leitfaden.tickets.FORMATS`) its description field reads.
    format: str
    settings: tuple[Setting, ...]
    #: Appended to the address: the new-issue form.
    path: str
    #: (query parameter, source) in order; a source is TITLE, DESCRIPTION or a setting's key.
    query: tuple[tuple[str, str], ...]
    #: The longest link (characters, all ASCII) we open; longer ones leave out the description.
    limit: int
    #: Why that limit (German, shown on the Vorlagen page).
    limit_reason: str


def _address(label: str, example: str, pattern: str, shape: str) -> Setting:
    return Setting(
        "address",
        "address",
        label,
        f"z. B. {example}",
        pattern,
        f"Die Adresse passt nicht: erwartet wird {shape}, z. B. {example}",
    )


_PROXY_REASON: Final = "läuft meist hinter nginx oder Apache, die längere Anfragezeilen ablehnen (8 KB)."
_HEADER_REASON: Final = (
    "Adresse und alle Kopfzeilen samt Cookies zählen zusammen gegen 8 KB; 2 KB bleiben für sie frei."
)

_JIRA_SETTINGS: Final = (
    Setting(
        "pid",
        "text",
        "Projekt-ID",
        "die Zahl, nicht der Schlüssel: unter Einstellungen → Projekte beim Bearbeiten des "
        "Projekts in der Adresse (pid=…), z. B. 10000",
        r"^[0-9]{1,18}$",
        "Die Projekt-ID ist eine Zahl, z. B. 10000 (nicht der Projektschlüssel wie „WEB“)",
    ),
    Setting(
        "issuetype",
        "text",
        "Vorgangstyp-ID",
        "die Zahl des Vorgangstyps (etwa „Aufgabe“): unter Einstellungen → Vorgänge → "
        "Vorgangstypen beim Bearbeiten in der Adresse (id=…), z. B. 10002",
        r"^[0-9]{1,18}$",
        "Die Vorgangstyp-ID ist eine Zahl, z. B. 10002",
    ),
)
_JIRA_QUERY: Final = (
    ("pid", "pid"),
    ("issuetype", "issuetype"),
    ("summary", TITLE),
    ("description", DESCRIPTION),
)
_JIRA_PATH: Final = "/secure/CreateIssueDetails!init.jspa"
_BASE_PATH: Final = r"^(/[^/?#]+)*$"

#: A Redmine project identifier (Redmine 5, app/models/project.rb): lower-case letters,
#: digits, "-" and "_", at most 100, not only digits.
_REDMINE_PROJECT: Final = r"^(/[^/?#]+)*/projects/(?![0-9]+$)[a-z0-9_-]{1,100}$"


def _redmine(key: str, name: str, fmt: str) -> TrackerType:
    """Redmine's new-issue form for a project; the address is the project's page."""
    return TrackerType(
        key,
        "Redmine",
        name,
        fmt,
        (
            _address(
                "Adresse des Projekts",
                "https://redmine.example.org/projects/webshop",
                _REDMINE_PROJECT,
                "die Adresse der Projektseite, sie endet auf /projects/ und der Kennung des "
                "Projekts (Kleinbuchstaben, Ziffern, - und _)",
            ),
        ),
        "/issues/new",
        (("issue[subject]", TITLE), ("issue[description]", DESCRIPTION)),
        WEB_SERVER_LIMIT,
        "Redmine hinter nginx, Apache oder Puma nimmt 8 KB an; nur WEBrick, der Server zum "
        "Ausprobieren, lehnt schon Adressen ab 2 KB ab.",
    )


TRACKERS: Final[tuple[TrackerType, ...]] = (
    TrackerType(
        "github",
        "GitHub",
        "GitHub",
        "markdown",
        (
            _address(
                "Adresse des Repositorys",
                "https://github.com/firma/webshop",
                r"^/[^/?#]+/[^/?#]+$",
                "die Adresse des Repositorys, https://github.com/<Besitzer>/<Repository>",
            ),
        ),
        "/issues/new",
        (("title", TITLE), ("body", DESCRIPTION)),
        WEB_SERVER_LIMIT,
        "GitHub antwortet auf längere Adressen (ab etwa 8 KB) mit dem Fehler 414.",
    ),
    TrackerType(
        "gitlab",
        "GitLab",
        "GitLab",
        "markdown",
        (
            _address(
                "Adresse des Projekts",
                "https://gitlab.com/firma/team/webshop",
                r"^(/(?!-$)[^/?#]+){2,}$",
                "die Adresse des Projekts mit Gruppe und Projekt, ohne /-/… am Ende",
            ),
        ),
        "/-/issues/new",
        (("issue[title]", TITLE), ("issue[description]", DESCRIPTION)),
        WEB_SERVER_LIMIT,
        f"GitLab {_PROXY_REASON}",
    ),
    TrackerType(
        "gitea",
        "Gitea/Forgejo",
        "Gitea oder Forgejo",
        "markdown",
        (
            _address(
                "Adresse des Repositorys",
                "https://codeberg.org/firma/webshop",
                r"^(/[^/?#]+)*/[^/?#]+/[^/?#]+$",
                "die Adresse des Repositorys, …/<Besitzer>/<Repository>",
            ),
        ),
        "/issues/new",
        (("title", TITLE), ("body", DESCRIPTION)),
        WEB_SERVER_LIMIT,
        f"Gitea und Forgejo {_PROXY_REASON}",
    ),
    _redmine("redmine-textile", "Redmine mit Textile", "textile"),
    _redmine("redmine-commonmark", "Redmine mit CommonMark (Markdown)", "markdown"),
    TrackerType(
        "youtrack",
        "YouTrack",
        "YouTrack",
        "markdown",
        (
            _address(
                "Adresse von YouTrack",
                "https://firma.youtrack.cloud",
                _BASE_PATH,
                "die Startadresse von YouTrack, ohne Projekt oder Ticket dahinter",
            ),
            Setting(
                "project",
                "text",
                "Projekt-ID",
                "das Kürzel, mit dem die Nummern seiner Tickets beginnen (WEB bei WEB-12), z. B. WEB",
                r"^[A-Za-z][A-Za-z0-9_]{0,49}$",
                "Die Projekt-ID ist das Kürzel des Projekts aus Buchstaben, Ziffern und _, z. B. WEB",
            ),
        ),
        "/newIssue",
        (("project", "project"), ("summary", TITLE), ("description", DESCRIPTION)),
        HEADER_BUDGET_LIMIT,
        f"YouTrack und sein Proxy: {_HEADER_REASON}",
    ),
    TrackerType(
        "jira-server",
        "Jira",
        "Jira Data Center oder Jira Server",
        "jira",
        (
            _address(
                "Adresse von Jira",
                "https://jira.example.org",
                _BASE_PATH,
                "die Startadresse von Jira (die Basis-URL), ohne Projekt oder Vorgang dahinter",
            ),
            *_JIRA_SETTINGS,
        ),
        _JIRA_PATH,
        _JIRA_QUERY,
        HEADER_BUDGET_LIMIT,
        f"Jiras Tomcat (maxHttpHeaderSize 8192): {_HEADER_REASON}",
    ),
    # The legacy create link still works in Jira Cloud; its description parameter is read as
    # wiki markup like Jira Server's (pasting into Cloud's editor takes Markdown instead). Not
    # checked against a live Jira Cloud: the tests have none.
    TrackerType(
        "jira-cloud",
        "Jira Cloud",
        "Jira Cloud",
        "jira",
        (
            _address(
                "Adresse von Jira Cloud",
                "https://firma.atlassian.net",
                _BASE_PATH,
                "die Startadresse Ihrer Jira-Cloud-Site, z. B. https://firma.atlassian.net",
            ),
            *_JIRA_SETTINGS,
        ),
        _JIRA_PATH,
        _JIRA_QUERY,
        HEADER_BUDGET_LIMIT,
        "Jira Cloud dokumentiert keine Grenze; wie bei Jira Server bleiben von 8 KB 2 KB für "
        "Kopfzeilen und Cookies frei.",
    ),
)


def tracker(key: str) -> TrackerType:
    for candidate in TRACKERS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def registry() -> list[dict[str, object]]:
    """What the page script needs of the registry, as plain JSON data (labels and hints are HTML)."""
    return [
        {
            "key": entry.key,
            "label": entry.label,
            "format": entry.format,
            "path": entry.path,
            "query": entry.query,
            "limit": entry.limit,
            "settings": [
                {"key": s.key, "kind": s.kind, "pattern": s.pattern, "message": s.message}
                for s in entry.settings
            ],
        }
        for entry in TRACKERS
    ]
