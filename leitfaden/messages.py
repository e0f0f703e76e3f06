"""The German wording of every problem the loader reports: YAML syntax, limits, validation.

Content editors read these lines, so each says in German what is wrong and, for the
common mistakes (a tab, wrong indentation, a missing colon or quote), how to fix it.
PyYAML's and pydantic's English texts never reach them: an error kind without a German
text here gets a generic German line, and tests/test_messages.py fails for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

import yaml
from pydantic_core import ErrorDetails

SECOND_DOCUMENT: Final = (
    "die Datei enthält ein zweites YAML-Dokument (eine Zeile „---“): alles gehört in ein Dokument"
)
_QUOTE_HINT: Final = "Beginnt ein Text mit einem Sonderzeichen, den ganzen Text in Anführungszeichen setzen"
_INDENT_HINT: Final = (
    "Ist die Zeile richtig eingerückt? Einträge derselben Ebene beginnen in derselben Spalte, "
    "eingerückt wird nur mit Leerzeichen"
)
_TAB_HINT: Final = "YAML rückt nur mit Leerzeichen ein: den Tabulator durch Leerzeichen ersetzen"
_QUOTE_CLOSE_HINT: Final = (
    "Den Text mit demselben Anführungszeichen beenden, mit dem er beginnt; ein ' in "
    "'…' als '' schreiben, ein \" in \"…\" als \\\""
)
_CONTROL_NAMES: Final = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\x85": "NEL"}


def control_character(char: str, column: int | None = None) -> str:
    code = f"U+{ord(char):04X}"
    name = _CONTROL_NAMES.get(char)
    label = f"{code} ({name})" if name else code
    where = f" in Spalte {column}" if column is not None else ""
    return (
        f"unzulässiges Steuerzeichen {label}{where}: bitte löschen "
        "(erlaubt sind nur Tabulator und Zeilenumbruch)"
    )


def undefined_alias(name: str) -> str:
    return (
        f"der YAML-Alias „*{name}“ verweist auf keinen Anker „&{name}“ davor. "
        "Beginnt ein Text mit * (kursiv), den ganzen Text in Anführungszeichen setzen"
    )


def recursive_alias(name: str) -> str:
    return (
        f"der YAML-Alias „*{name}“ steht in seinem eigenen Anker „&{name}“ und würde sich endlos wiederholen"
    )


def tag(name: str) -> str:
    name = name.replace("tag:yaml.org,2002:", "!!")
    return (
        f"YAML-Typangaben („{name}“) sind nicht erlaubt. "
        "Beginnt ein Text mit !, den ganzen Text in Anführungszeichen setzen"
    )


def too_deep(limit: int) -> str:
    return f"zu tief verschachtelt: mehr als {limit} Ebenen (der Leitfaden braucht höchstens 7)"


def too_many_nodes(limit: int) -> str:
    return (
        f"zu viele Werte: mehr als {number(limit)}, wenn jeder YAML-Alias („*name“) durch "
        "seinen Anker ersetzt ist"
    )


def number(value: int) -> str:
    """A whole number as Germans write it: 1.000.000."""
    return f"{value:,}".replace(",", ".")


# --- YAML syntax --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Syntax:
    """German text and hint for one of PyYAML's (libyaml's) problem texts."""

    problem: str
    german: str
    hint: str = ""
    #: Report where the construct began (the opening quote, the key without colon).
    at_context: bool = False


_SYNTAX: Final = (
    _Syntax(
        "did not find expected '-' indicator", "hier wird ein Listeneintrag („- “) erwartet", _INDENT_HINT
    ),
    _Syntax("did not find expected key", "hier wird ein Schlüssel („name: “) erwartet", _INDENT_HINT),
    _Syntax(
        "could not find expected ':'",
        "nach dem Schlüssel fehlt der Doppelpunkt („name: Wert“)",
        "Schlüssel und Wert durch „: “ trennen; ein Text über mehrere Zeilen braucht „>-“ oder "
        "Anführungszeichen",
        at_context=True,
    ),
    _Syntax(
        "mapping values are not allowed",
        "ein Doppelpunkt mit Leerzeichen („: “) ist hier nicht erlaubt",
        "Steht „: “ im Text, den ganzen Text in Anführungszeichen setzen; sonst die Einrückung prüfen",
    ),
    _Syntax(
        "mapping keys are not allowed",
        "ein Fragezeichen mit Leerzeichen („? “) ist hier nicht erlaubt",
        _QUOTE_HINT,
    ),
    _Syntax(
        "block sequence entries are not allowed",
        "ein Listeneintrag („- “) ist hier nicht erlaubt",
        _INDENT_HINT,
    ),
    _Syntax(
        "found character that cannot start any token",
        "mit diesem Zeichen darf hier nichts beginnen",
        _QUOTE_HINT + " (z. B. bei @, ` oder %)",
    ),
    _Syntax(
        "did not find expected comment or line break",
        "nach „|“ oder „>“ darf in derselben Zeile nur ein Kommentar stehen",
        "Den Text in der nächsten Zeile eingerückt beginnen",
    ),
    _Syntax(
        "found an indentation indicator equal to 0",
        "die Einrückungsangabe nach „|“ oder „>“ darf nicht 0 sein",
        "Die Ziffer weglassen",
    ),
    _Syntax(
        "found unexpected end of stream",
        "das Anführungszeichen wird bis zum Ende der Datei nicht geschlossen",
        _QUOTE_CLOSE_HINT,
        at_context=True,
    ),
    _Syntax(
        "found unexpected document indicator",
        "das Anführungszeichen wird vor einer Zeile „---“ oder „...“ nicht geschlossen",
        "Den Text mit demselben Anführungszeichen beenden, mit dem er beginnt",
        at_context=True,
    ),
    _Syntax(
        "found unknown escape character",
        "unbekannte Escape-Sequenz mit „\\“ in doppelten Anführungszeichen",
        "Einen Backslash als \\\\ schreiben oder den Text in einfache Anführungszeichen setzen",
    ),
    _Syntax(
        "did not find expected hexdecimal number",
        "nach \\x, \\u oder \\U fehlen Hexadezimalziffern",
        "Einen Backslash als \\\\ schreiben oder den Text in einfache Anführungszeichen setzen",
    ),
    _Syntax(
        "found invalid Unicode character escape code",
        "die Escape-Sequenz nennt kein gültiges Unicode-Zeichen",
        "Das Zeichen direkt schreiben",
    ),
    _Syntax(
        "did not find expected alphabetic or numeric character",
        "nach „&“, „*“ oder „!“ fehlt ein Name",
        _QUOTE_HINT + " (z. B. bei * für kursiv)",
    ),
    _Syntax(
        "did not find expected node content", "hier fehlt ein Wert", _QUOTE_HINT + " (z. B. bei „,“ oder „]“)"
    ),
    _Syntax(
        "did not find expected <document start>",
        "hier steht etwas außerhalb der Struktur der Datei",
        _INDENT_HINT,
    ),
    _Syntax(
        "did not find expected ',' or ']'",
        "die Liste in eckigen Klammern ist nicht richtig getrennt oder geschlossen",
        "Einträge mit „,“ trennen und die Liste mit „]“ schließen; Texte mit Komma in "
        "Anführungszeichen setzen",
        at_context=True,
    ),
    _Syntax(
        "did not find expected ',' or '}'",
        "der Abschnitt in geschweiften Klammern ist nicht richtig getrennt oder geschlossen",
        "Einträge mit „,“ trennen und mit „}“ schließen; Texte mit Komma in Anführungszeichen setzen",
        at_context=True,
    ),
    _Syntax("found a tab character", "ein Tabulator steht, wo eingerückt wird", _TAB_HINT),
    _Syntax(
        "directive",
        "eine Zeile, die mit „%“ beginnt, ist eine YAML-Direktive und hier nicht gültig",
        _QUOTE_HINT,
    ),
    _Syntax(
        "found incompatible YAML document",
        "nur YAML 1.1 und 1.2 werden gelesen",
        "Die Zeile „%YAML …“ löschen",
    ),
    _Syntax("found undefined tag handle", "unbekannte YAML-Typangabe", _QUOTE_HINT + " (z. B. bei !)"),
    _Syntax(
        "did not find expected whitespace",
        "nach dieser Angabe fehlt ein Leerzeichen",
        _QUOTE_HINT,
    ),
    _Syntax(
        "found another document",
        SECOND_DOCUMENT.removeprefix("die Datei enthält "),
        "Die Zeile „---“ löschen",
    ),
    _Syntax("found undefined alias", "der YAML-Alias („*name“) verweist auf keinen Anker davor", _QUOTE_HINT),
    _Syntax(
        "found duplicate anchor",
        "der YAML-Anker („&name“) kommt zweimal vor",
        "Jedem Anker einen eigenen Namen geben",
    ),
    _Syntax("exceeded maximum nesting depth", "zu tief verschachtelt", "Klammern [ ] und { } prüfen"),
    _Syntax(
        "found unhashable key",
        "ein Schlüssel muss ein einfaches Wort sein, keine Liste und kein Abschnitt",
        _INDENT_HINT,
    ),
    _Syntax(
        "merging",
        "„<<“ (YAML-Zusammenführung) erwartet Felder (Schlüssel: Wert)",
        "Den Schlüssel „<<“ löschen und die Felder ausschreiben",
    ),
)
_UNKNOWN_SYNTAX: Final = _Syntax(
    "", "die YAML-Struktur ist hier ungültig", "Einrückung, Doppelpunkte und Anführungszeichen prüfen"
)


def _syntax(problem: str | None, context: str | None = None) -> _Syntax:
    text = f"{context or ''} {problem or ''}".lower()
    return next((entry for entry in _SYNTAX if entry.problem.lower() in text), _UNKNOWN_SYNTAX)


def knows_yaml_problem(error: yaml.MarkedYAMLError) -> bool:
    """Whether PyYAML's error has a German translation (used by the tests)."""
    return _syntax(error.problem, error.context) is not _UNKNOWN_SYNTAX


def yaml_error(error: yaml.MarkedYAMLError, text: str, open_quote: yaml.ScalarToken | None = None) -> str:
    """``<line>: YAML-Syntaxfehler in Spalte <n>: <what> – Tipp: <how>`` for a PyYAML error.

    ``open_quote`` is where a quoted text began that ran on over several lines up to the
    error: almost always a quote that was never closed, found far below where it was opened.
    """
    if open_quote is not None:
        start, end = open_quote.start_mark, open_quote.end_mark
        return (
            f"{start.line + 1}: YAML-Syntaxfehler in Spalte {start.column + 1}: das Anführungszeichen "
            f"wird erst in Zeile {end.line + 1} geschlossen – Tipp: {_QUOTE_CLOSE_HINT}"
        )
    entry = _syntax(error.problem, error.context)
    mark = (error.context_mark if entry.at_context else None) or error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    german, hint = entry.german, entry.hint
    if _tab_near(text, line, column):
        german, hint = "ein Tabulator steht, wo eingerückt wird", _TAB_HINT
    return f"{line}: YAML-Syntaxfehler in Spalte {column}: {german}" + (f" – Tipp: {hint}" if hint else "")


def _tab_near(text: str, line: int, column: int) -> bool:
    """A tab in the indentation of the reported line, or right at the reported column."""
    lines = re.split(r"\r\n|\r|\n", text)
    if not 0 < line <= len(lines):
        return False
    content = lines[line - 1]
    indentation = content[: len(content) - len(content.lstrip(" \t"))]
    return "\t" in indentation or content[column - 1 : column] == "\t"


# --- validation (pydantic) ----------------------------------------------------------------

NOT_A_WORD_KEY: Final = "ein Schlüssel muss ein Wort sein (z. B. „title“), keine Zahl und kein Wahrheitswert"
_FIELDS: Final = "erwartet Felder (Schlüssel: Wert)"
_MESSAGES: Final[dict[str, str]] = {
    "missing": "Pflichtfeld fehlt",
    "extra_forbidden": "unbekanntes Feld (Tippfehler?)",
    "string_type": "erwartet Text",
    "list_type": "erwartet eine Liste (Einträge mit „- “)",
    "dict_type": _FIELDS,
    "model_type": _FIELDS,
    "model_attributes_type": _FIELDS,
    "int_type": "erwartet eine ganze Zahl",
    "int_parsing": "erwartet eine ganze Zahl",
    "int_from_float": "erwartet eine ganze Zahl",
    "bool_type": "erwartet ja oder nein (true/false)",
    "none_required": "muss leer sein",
    "union_tag_invalid": "erwartet Text oder einen Abschnitt „standard: …“",
    "union_tag_not_found": "erwartet Text oder einen Abschnitt „standard: …“",
    "invalid_key": NOT_A_WORD_KEY,
}
#: Error kinds whose German text needs the error's context (limits, pattern, input).
_WITH_CONTEXT: Final = frozenset(
    {
        "string_pattern_mismatch",
        "string_too_short",
        "string_too_long",
        "too_short",
        "too_long",
        "less_than_equal",
        "greater_than_equal",
        "less_than",
        "greater_than",
        "multiple_of",
        "literal_error",
        "value_error",
        "assertion_error",
    }
)
#: Every pattern of the model (tests/test_messages.py checks that none is missing), in words.
PATTERNS: Final = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": (
        "ist keine gültige ID: nur Kleinbuchstaben a-z, Ziffern und Bindestriche (z. B. „backup-konzept“)"
    ),
    r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}$": (
        "ist keine gültige E-Mail-Adresse (z. B. mail@example.org)"
    ),
    r"^\d{4}\.\d+$": "ist keine gültige Version: Jahr, Punkt, Nummer (z. B. „2026.1“)",
    r"^[a-z0-9]+(?:-[a-z0-9]+)*#[a-z0-9]+(?:-[a-z0-9]+)*$": (
        "ist keine Frage: kapitel-id#frage-id (z. B. „sicherheit#backups“)"
    ),
}
GERMAN_ERROR_TYPES: Final = frozenset(_MESSAGES) | _WITH_CONTEXT


def validation_error(error: ErrorDetails) -> str:
    """The German line for one pydantic error (its field path is added by the loader)."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx", {}))
    value = error.get("input")
    if kind in _WITH_CONTEXT:
        return _with_context(kind, ctx, value)
    if kind in ("string_type", "int_type"):
        if value is None:
            return f"der Wert fehlt: {_MESSAGES[kind]}"
        if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
            return f'erwartet Text, nicht die Zahl {value!r} (als Text in Anführungszeichen: "{value!r}")'
        return f"{_MESSAGES[kind]}, nicht {_shown(value)}"
    return _MESSAGES.get(kind, "ungültiger Wert")


def _with_context(kind: str, ctx: dict[str, Any], value: Any) -> str:
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return f"{quoted(value)} {PATTERNS.get(pattern, 'hat nicht das erwartete Format')}"
    if kind == "string_too_short":
        limit = int(ctx.get("min_length", 1))
        return "darf nicht leer sein" if limit <= 1 else f"ist zu kurz: mindestens {limit} Zeichen"
    if kind == "string_too_long":
        return f"ist zu lang: höchstens {ctx.get('max_length')} Zeichen, hier {len(str(value))}"
    if kind == "too_short":
        return f"braucht mindestens {_entries(ctx.get('min_length'))}"
    if kind == "too_long":
        return f"hat zu viele Einträge: höchstens {_entries(ctx.get('max_length'))}"
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than", "multiple_of"):
        return _number(kind, ctx, value)
    if kind == "literal_error":
        return f"erwartet einen dieser Werte: {str(ctx.get('expected')).replace(' or ', ' oder ')}"
    return str(ctx.get("error", "ungültiger Wert"))  # value_error, assertion_error: our own German


def _number(kind: str, ctx: dict[str, Any], value: Any) -> str:
    bounds = {
        "less_than_equal": ("darf höchstens", "le", "sein"),
        "greater_than_equal": ("muss mindestens", "ge", "sein"),
        "less_than": ("muss kleiner als", "lt", "sein"),
        "greater_than": ("muss größer als", "gt", "sein"),
        "multiple_of": ("muss ein Vielfaches von", "multiple_of", "sein"),
    }
    before, key, after = bounds[kind]
    shown = repr(value) if isinstance(value, int | float) and not isinstance(value, bool) else _shown(value)
    return f"{before} {ctx.get(key)} {after}, nicht {shown}"


def _entries(count: object) -> str:
    return "1 Eintrag" if count == 1 else f"{count} Einträge"


def _shown(value: Any) -> str:
    """What YAML made of an editor's value, with the fix when YAML read it other than meant."""
    if isinstance(value, bool):
        return (
            f"den Wahrheitswert {str(value).lower()} (Wörter wie yes, no, on, off liest YAML so: "
            "in Anführungszeichen setzen)"
        )
    if isinstance(value, int | float):
        return f"die Zahl {value!r}"
    if isinstance(value, list):
        return "eine Liste (beginnt ein Text mit „[“, den ganzen Text in Anführungszeichen setzen)"
    if isinstance(value, dict):
        return (
            "einen Abschnitt mit Feldern (steht „: “ oder „{“ im Text, den ganzen Text in "
            "Anführungszeichen setzen)"
        )
    return quoted(value)


def quoted(value: object) -> str:
    """A value in a German message, in German quotes as on the site: „wert“."""
    return f"„{value}“"
