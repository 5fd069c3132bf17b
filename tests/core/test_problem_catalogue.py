"""The problem catalogue (api.core.i18n) is the only source of problem texts, and complete.

Walks every module under api/: each place that raises a problem or a field error names a code
of the catalogue (a literal), never a sentence; and every code speaks nl, fr and en with the
same placeholders. Another engineer's new raise with an English sentence fails here."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import api.main  # noqa: F401  (imports every domain, which registers its codes)
from api.core import i18n
from api.core.permissions import TABLE
from api.resources import RESOURCES

API = Path(__file__).resolve().parents[2] / "api"

# Callables whose argument at this position (or keyword) is a catalogue code.
CODE_ARGS: dict[str, tuple[int, str]] = {
    "ProblemError": (1, "code"),
    "problem_response": (2, "code"),
    "problem_body": (1, "code"),
    "field_error": (1, "code"),
    "refuse": (0, "code"),
    "UnsafeUrlError": (0, "code"),
    "CellError": (0, "code"),
    "LoginRefusedError": (0, "code"),
    "_unauthorized": (0, "code"),
    "row_error": (2, "code"),
    "not_found": (-1, ""),  # its argument is a noun for English only, not a text
}
# Modules whose pydantic validators must refuse with a code (`i18n.refuse`), not a ValueError.
VALIDATOR_MODULES = ("schemas.py", "ical.py", "kbo.py", "anonymity.py")
LOC_ROOTS = {"body", "query", "header", "path"}


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(API.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _code_arg(call: ast.Call, pos: int, keyword: str) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    return call.args[pos] if 0 <= pos < len(call.args) else None


def _is_loc(node: ast.expr) -> bool:
    """A field error's location as services write it: a tuple or list starting with
    "body", "query", ..., or built by a helper (`_loc(...)`), or a variable named loc."""
    if isinstance(node, (ast.Tuple, ast.List)) and node.elts:
        first = node.elts[0]
        if isinstance(first, ast.Constant):
            return first.value in LOC_ROOTS
        return isinstance(first, ast.Starred) or isinstance(node.elts[-1], ast.Constant)
    if isinstance(node, ast.Call):
        return _name(node.func) == "_loc"
    return isinstance(node, ast.Name) and node.id == "loc"


def _problems(path: Path, tree: ast.Module) -> Iterator[str]:
    where = path.relative_to(API.parent)

    def check(node: ast.expr | None, what: str) -> Iterator[str]:
        if node is None:
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if not i18n.known(node.value):
                yield f"{where}:{node.lineno}: {what} {node.value!r} is not in the catalogue"
        elif isinstance(node, ast.JoinedStr):
            prefix = "".join(
                v.value for v in node.values if isinstance(v, ast.Constant) and v is node.values[0]
            )
            if not prefix or not any(c.startswith(prefix) for c in i18n.codes()):
                yield f"{where}:{node.lineno}: {what} is a sentence built in code (f-string)"

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in CODE_ARGS and CODE_ARGS[name][0] >= 0:
                yield from check(_code_arg(node, *CODE_ARGS[name]), f"{name}'s code")
            if (
                name == "ValueError"
                and path.name in VALIDATOR_MODULES
                and node.args
                and isinstance(node.args[0], (ast.Constant, ast.JoinedStr))
            ):
                yield f"{where}:{node.lineno}: a validator raises ValueError with a sentence"
        elif isinstance(node, ast.Tuple) and len(node.elts) in (2, 3) and _is_loc(node.elts[0]):
            second = node.elts[1]
            if isinstance(second, (ast.Constant, ast.JoinedStr)) and (
                not isinstance(second, ast.Constant) or isinstance(second.value, str)
            ):
                yield from check(second, "field error")


def test_every_raise_in_api_names_a_catalogue_code() -> None:
    found = [p for path, tree in _modules() for p in _problems(path, tree)]
    assert not found, "\n".join(found)


def test_the_walk_catches_a_sentence() -> None:
    tree = ast.parse(
        'raise ProblemError(409, "This is English.")\n'
        'errors.append((("body", "x"), f"{n} is wrong."))\n'
        'raise ProblemError(422, "detail.validation", errors=[(("body", "x"), "Bad.")])\n'
    )
    found = list(_problems(API / "x" / "schemas.py", tree))
    assert len(found) == 3, found


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", i18n.codes())
def test_every_code_speaks_nl_fr_and_en(code: str) -> None:
    texts = {lang: i18n.text(code, lang) for lang in i18n.LANGUAGES}
    assert all(t and t.strip() for t in texts.values()), (code, texts)
    # What Dutch and French show must be among what the English text is given.
    english = _placeholders(i18n._TEXTS[code]["en"])
    for lang in ("nl", "fr"):
        assert _placeholders(i18n._TEXTS[code][lang]) <= english, (code, lang)


def test_terms_cover_every_resource_role_and_verb() -> None:
    from api.core.permissions import Verb
    from api.core.principal import Role

    keys = {s.label for s in RESOURCES} | {s.name for s in RESOURCES}
    keys |= {str(s.model.__tablename__) for s in RESOURCES}  # type: ignore[attr-defined]
    keys |= set(TABLE) | {v.value for v in Verb} | {r.value for r in Role}
    missing = sorted(k for k in keys if not i18n.known(f"term.{k}"))
    assert not missing


def test_dutch_and_french_never_show_an_untranslated_term() -> None:
    """A `{x:term}` in a Dutch text shows the Dutch word, not the English value."""
    ctx = {"label": "measurement", "action": "update", "resource": "agreements"}
    nl = i18n.text("record_forbidden", "nl", ctx) or ""
    assert nl == "U mag dit gegeven (meting) niet wijzigen."
    assert i18n.text("role_forbidden", "fr", ctx) == (
        "Votre rôle ne peut pas modifier : conventions."
    )
    uses = {"sub_action": 1, "indicator": 2, "decision": 0}
    assert i18n.text("action_in_use", "nl", {"code": "A01", "uses": uses}) == (
        "Naar actie A01 verwijzen nog 1 deelactie en 2 indicatoren; verplaats of verwijder "
        "die eerst."
    )
    english = i18n.text("action_in_use", "en", {"code": "A01", "uses": uses}) or ""
    assert re.search(r"still has 1 sub-action and 2 indicators pointing", english)
