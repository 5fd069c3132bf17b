"""Hostile input: every answer is a problem document with a 4xx status (never a 500), nothing is
stored by a refused request, and what is stored comes back verbatim."""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.config import get_settings
from tests.conftest import count_rows, create

pytestmark = pytest.mark.faults


def problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, (r.status_code, r.text[:500])
    assert r.headers["content-type"] == "application/problem+json", r.headers
    body: dict[str, Any] = r.json()
    assert body["status"] == status
    for leak in ("Traceback", "sqlalchemy", "psycopg", "SELECT "):
        assert leak not in r.text
    return body


@pytest.fixture
def actor(client: TestClient, w13: dict[str, str]) -> dict[str, Any]:
    return create(client, w13, "actors", {"name": "Atelier De Brug (fictief)", "kind": "partner"})


@pytest.fixture
def indicator(client: TestClient, w13: dict[str, str]) -> dict[str, Any]:
    return create(client, w13, "indicators", {
        "code": "CTX-JOBRATIO", "name": "Jobratio", "kind": "context", "unit": "per 100",
        "geography": "zuid_west_vlaanderen", "public": True})


# --- size, type and shape of the body ----------------------------------------------------


def test_a_body_over_the_limit_is_refused_with_413(client: TestClient, w13: dict[str, str]) -> None:
    limit = get_settings().max_body_bytes
    big = b'{"name": "' + b"x" * limit + b'", "kind": "partner"}'
    problem(client.post("/api/v1/actors", headers={**w13, "Content-Type": "application/json"},
                        content=big), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while streaming
        yield b'{"name": "'
        for _ in range(limit // 65536 + 2):
            yield b"x" * 65536
        yield b'", "kind": "partner"}'

    problem(client.post("/api/v1/actors", headers={**w13, "Content-Type": "application/json"},
                        content=chunks()), 413)
    assert count_rows("actors") == 0


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x", "application/xml"])
def test_a_body_that_is_not_json_is_refused_with_415(
    client: TestClient, w13: dict[str, str], ctype: str
) -> None:
    problem(client.post("/api/v1/actors", headers={**w13, "Content-Type": ctype},
                        content=b"name=x&kind=partner"), 415)
    assert count_rows("actors") == 0


@pytest.mark.parametrize("depth", [100, 1000, 10_000, 100_000])
def test_deeply_nested_json_is_refused_with_422(
    client: TestClient, w13: dict[str, str], depth: int
) -> None:
    for body in ("[" * depth + "]" * depth,
                 '{"name": ' + '{"a": ' * depth + "1" + "}" * depth + ', "kind": "partner"}'):
        r = client.post("/api/v1/actors", headers={**w13, "Content-Type": "application/json"},
                        content=body.encode())
        assert problem(r, 422)["errors"]
    assert count_rows("actors") == 0


def test_deep_agenda_nesting_is_refused_with_422(client: TestClient, w13: dict[str, str]) -> None:
    item: dict[str, Any] = {"title": "Punt", "items": []}
    for _ in range(300):
        item = {"title": "Punt", "items": [item]}
    r = client.post("/api/v1/bodies", headers=w13, json={
        "code": "rose-av", "name": "Algemene vergadering ROSE", "kind": "general_assembly",
        "agenda_template": [item]})
    problem(r, 422)


@pytest.mark.parametrize("raw", [b'{"name": "\xff\xfe", "kind": "partner"}',
                                 b'\xc3\x28', b'{"name": "caf\xe9", "kind": "partner"}'])
def test_invalid_utf8_is_refused_with_422(client: TestClient, w13: dict[str, str],
                                          raw: bytes) -> None:
    r = client.post("/api/v1/actors", headers={**w13, "Content-Type": "application/json"},
                    content=raw)
    assert problem(r, 422)["errors"][0]["loc"][0] == "body"
    assert count_rows("actors") == 0


def test_malformed_json_is_refused_with_422(client: TestClient, w13: dict[str, str]) -> None:
    for raw in (b'{"name": ', b"{'name': 'x'}", b"NaN", b'{"name": "x", "kind": "partner",}'):
        r = client.post("/api/v1/actors", headers={**w13, "Content-Type": "application/json"},
                        content=raw)
        problem(r, 422)


# --- strings -----------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), [
    ("name", "Atelier\x00De Brug"),
    ("description", "tekst met een NUL\x00-teken"),
    ("website", "https://voorbeeld.be/\x00pad"),
    ("email", "info\x00@voorbeeld.be"),
    ("street", "Kortrijksestraat\x00 1"),
    ("external_id", "id\x00"),
])
def test_nul_characters_are_refused_with_422(
    client: TestClient, w13: dict[str, str], field: str, value: str
) -> None:
    body: dict[str, Any] = {"name": "Atelier De Brug (fictief)", "kind": "partner", field: value}
    if field == "external_id":
        body["source"] = "w13-crm"
    r = client.post("/api/v1/actors", headers=w13, json=body)
    assert problem(r, 422)["errors"][0]["loc"][:2] == ["body", field]
    assert count_rows("actors") == 0


@pytest.mark.parametrize("path", [
    "/api/v1/actors?q=a%00b",
    "/api/v1/actors?municipality=3%0002",
    "/api/v1/actors?kbo_number=%00",
    "/api/v1/actions?code=A%0015",
    "/api/v1/agreements?municipality=34%00022",
])
def test_nul_characters_in_queries_never_reach_the_database(
    client: TestClient, w13: dict[str, str], path: str
) -> None:
    assert problem(client.get(path, headers=w13), 422)["errors"][0]["loc"][0] == "query"


def test_nul_characters_in_paths_are_refused(client: TestClient, w13: dict[str, str]) -> None:
    r = client.put("/api/v1/actors/by-external-id/w13-crm/id%00x", headers=w13,
                   json={"name": "Atelier De Brug (fictief)", "kind": "partner"})
    problem(r, 422)
    assert count_rows("actors") == 0


@pytest.mark.parametrize(("field", "size"), [("name", 201), ("description", 20_001),
                                         ("street", 501), ("website", 501)])
def test_over_long_strings_are_refused_with_422(
    client: TestClient, w13: dict[str, str], field: str, size: int
) -> None:
    value = "https://voorbeeld.be/" + "a" * size if field == "website" else "a" * size
    r = client.post("/api/v1/actors", headers=w13,
                    json={"name": "Atelier De Brug (fictief)", "kind": "partner", field: value})
    assert problem(r, 422)["errors"][0]["loc"][:2] == ["body", field]


@pytest.mark.parametrize("query", ["q=" + "a" * 10_000, "cursor=" + "A" * 5000,
                                   "municipality=" + "3" * 1000, "kbo_number=" + "1" * 100])
def test_over_long_query_parameters_are_refused_with_422(
    client: TestClient, w13: dict[str, str], query: str
) -> None:
    problem(client.get(f"/api/v1/actors?{query}", headers=w13), 422)


@pytest.mark.parametrize("text", [
    "Robert'); DROP TABLE actors;--",
    "x' OR '1'='1",
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "{{7*7}} ${7*7} #{7*7}",
    "%_\\%",
    "😀 Łódź ﬁ \u202etekst\u202c",
])
def test_sql_and_script_fragments_are_stored_and_returned_verbatim(
    client: TestClient, w13: dict[str, str], text: str
) -> None:
    made = create(client, w13, "actors", {"name": text, "kind": "partner", "description": text})
    got = client.get(f"/api/v1/actors/{made['id']}", headers=w13)
    assert got.status_code == 200
    assert got.json()["name"] == text.strip() and got.json()["description"] == text
    assert got.headers["content-type"] == "application/json"
    # Searching for the fragment finds it and only it: wildcards and quotes are literal.
    create(client, w13, "actors", {"name": "Kringwinkel Leiestreek (fictief)", "kind": "partner"})
    found = client.get("/api/v1/actors", params={"q": text.strip()[:200]}, headers=w13).json()
    assert [a["id"] for a in found["items"]] == [made["id"]]
    assert count_rows("actors") == 2


def test_formula_cells_are_neutralised_in_csv_exports(
    client: TestClient, w13: dict[str, str]
) -> None:
    formulas = ['=HYPERLINK("https://kwaadwillig.example","klik")', "+1+1", "-2+3", "@SUM(A1)",
                "\t=1+1", "=cmd|' /C calc'!A0"]
    for f in formulas:
        create(client, w13, "actors", {"name": f"Actor {f[:1]!r}", "kind": "partner",
                                       "description": f})
    r = client.get("/api/v1/actors", headers={**w13, "Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    descriptions = sorted(row["description"] for row in rows)
    # A tab is a separator too: the piece after it is neutralised as well.
    assert descriptions == sorted("'" + f.replace("\t=", "\t'=") for f in formulas)


SPLITTABLE = ["x;=1+1;y", "a,@SUM(A1),b", "regel\n=1+1", "a;\t=1", "b;-2+3", 'zei "=1";+1',
              "'=al met quote;'+ook"]


@pytest.mark.parametrize("separator", [",", ";"])
def test_no_piece_a_spreadsheet_splits_off_starts_a_formula(
    client: TestClient, w13: dict[str, str], separator: str
) -> None:
    """Read as a spreadsheet in nl-BE does (`;`) or as one elsewhere (`,`): every cell that
    holds a separator, a quote or a line break is quoted, and whatever a reader that ignores
    the quoting splits off does not start a formula either."""
    for i, text in enumerate(SPLITTABLE):
        create(client, w13, "actors", {"name": f"Splitsbaar {i}", "kind": "partner",
                                       "description": text})
    r = client.get("/api/v1/actors", headers={**w13, "Accept": "text/csv"})
    body = r.text.lstrip("\ufeff")
    # A reader that honours the quotes gets the cells back (with the neutralising quotes).
    rows = list(csv.reader(io.StringIO(body), delimiter=separator))
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    if separator == ",":
        got = sorted(row["description"] for row in csv.DictReader(io.StringIO(body)))
        from api.core.csv_export import uncell
        assert sorted(uncell(g) for g in got) == sorted(SPLITTABLE)
    # A reader that ignores quotes and splits on anything still finds no formula.
    for line in body.splitlines()[1:]:
        for piece in re.split(r"[,;\t\r\n]", line):
            assert not piece.lstrip('"').startswith(("=", "+", "-", "@")), (piece, line)


# --- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["0", "-1", "501", "99999999999999999999999", "1e3", "abc"])
def test_limit_out_of_range_is_refused_with_422(
    client: TestClient, w13: dict[str, str], limit: str
) -> None:
    body = problem(client.get(f"/api/v1/actors?limit={limit}", headers=w13), 422)
    assert body["errors"][0]["loc"] == ["query", "limit"]


@pytest.mark.parametrize("value", [1e300, -1e300, 10**30, "1e400", 123456789012345.5, 0.00001])
def test_measurement_values_outside_the_column_are_refused_with_422(
    client: TestClient, w13: dict[str, str], indicator: dict[str, Any], value: Any
) -> None:
    r = client.post(f"/api/v1/indicators/{indicator['id']}/measurements", headers=w13,
                    json={"value": value, "date": "2019-09-30", "data_source": "Steunpunt Werk"})
    problem(r, 422)
    assert count_rows("measurements") == 0


def test_integers_too_long_to_parse_are_refused_with_422(
    client: TestClient, w13: dict[str, str], actor: dict[str, Any]
) -> None:
    raw = b'{"progress": ' + b"9" * 5000 + b"}"
    r = client.patch(f"/api/v1/actors/{actor['id']}", content=raw,
                     headers={**w13, "Content-Type": "application/json"})
    problem(r, 422)


@pytest.mark.parametrize("places", [[{"rung": 0, "description": "x"}],
                                    [{"rung": 7, "description": "x"}],
                                    [{"rung": 5, "description": "x", "count": -1}],
                                    [{"rung": 5, "description": "x", "count": 10**12}],
                                    [{"rung": 2**63, "description": "x"}]])
def test_numbers_out_of_range_are_refused_with_422(
    client: TestClient, w13: dict[str, str], places: list[dict[str, Any]]
) -> None:
    r = client.post("/api/v1/actors", headers=w13,
                    json={"name": "Atelier De Brug (fictief)", "kind": "partner", "places": places})
    assert problem(r, 422)["errors"][0]["loc"][:2] == ["body", "places"]


@pytest.mark.parametrize("moment", ["0", "0.5", "1700000000", "-1", "gisteren", "2024-13-45"])
def test_updated_since_takes_only_rfc3339_moments(
    client: TestClient, w13: dict[str, str], moment: str
) -> None:
    r = client.get("/api/v1/actors", params={"updated_since": moment}, headers=w13)
    assert problem(r, 422)["errors"][0]["loc"] == ["query", "updated_since"]


# --- routes ------------------------------------------------------------------------------


def test_405_names_every_method_of_the_path(client: TestClient, w13: dict[str, str],
                                            actor: dict[str, Any]) -> None:
    r = client.request("TRACE", f"/api/v1/actors/{actor['id']}", headers=w13)
    problem(r, 405)
    assert set(r.headers["allow"].split(", ")) == {"DELETE", "GET", "HEAD", "PATCH", "PUT"}
    r = client.request("OPTIONS", "/api/v1/actors", headers=w13)
    problem(r, 405)
    assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}
    # Writes to the audit trail are refused by hidden routes: they do not count as allowed.
    r = client.request("OPTIONS", f"/api/v1/audit/{uuid.uuid4()}", headers=w13)
    problem(r, 405)
    assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD"}


@pytest.mark.parametrize("parent", ["null", "0", "..", "%00"])
def test_a_parent_id_that_is_no_uuid_is_refused_with_422(
    client: TestClient, w13: dict[str, str], parent: str
) -> None:
    r = client.get(f"/api/v1/indicators/{parent}/measurements", headers=w13)
    assert r.status_code in (404, 422), r.text
    if r.status_code == 422:
        assert problem(r, 422)["errors"][0]["loc"] == ["path", "parent_id"]


def test_an_unknown_parent_answers_404_on_its_list(client: TestClient, w13: dict[str, str]) -> None:
    problem(client.get(f"/api/v1/dossiers/{uuid.uuid4()}/events", headers=w13), 404)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/hook", "http://localhost/hook", "http://[::1]/hook",
    "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/hook",
    "http://192.168.0.10/hook", "http://0.0.0.0/hook", "http://2130706433/hook",
    # The same places written otherwise: IPv4-mapped IPv6, hexadecimal, octal and short forms,
    # unique-local, link-local and shared (carrier-grade NAT) ranges, multicast, a trailing dot.
    "http://[::ffff:127.0.0.1]/hook", "http://[0:0:0:0:0:ffff:7f00:1]/hook",
    "http://0x7f000001/hook", "http://017700000001/hook", "http://127.1/hook", "http://0/hook",
    "http://[::]/hook", "http://[fd00::1]/hook", "http://[fe80::1]/hook", "http://100.64.0.1/hook",
    "http://224.0.0.1/hook", "http://255.255.255.255/hook", "http://localhost./hook",
    "http://dienst.localhost/hook",
])
def test_webhook_urls_toward_internal_addresses_are_refused(
    client: TestClient, w13: dict[str, str], url: str
) -> None:
    r = client.post("/api/v1/webhooks", headers=w13, json={"url": url})
    assert problem(r, 422)["errors"][0]["loc"][:2] == ["body", "url"]
    assert count_rows("webhooks") == 0


@pytest.mark.parametrize("url", [
    "https://]\U000f75a5r\u00fb/", "http://[::1/hook", "http://[zz]/hook", "http://[::1]x/hook",
    "http://voorbeeld\uff0ebe\uff03@intern/hook", "http://voorbeeld.be:99999/hook",
    "http://voorbeeld.be:poort/hook", "http://\u0018\u0014/hook",
])
def test_malformed_webhook_urls_are_refused_with_422(
    client: TestClient, w13: dict[str, str], url: str
) -> None:
    """Schemathesis found the first one: urlsplit raised on it, a 500."""
    r = client.post("/api/v1/webhooks", headers=w13, json={"url": url})
    assert problem(r, 422)["errors"][0]["loc"][:2] == ["body", "url"]
    assert count_rows("webhooks") == 0


def test_refused_writes_change_nothing(
    client: TestClient, w13: dict[str, str], actor: dict[str, Any],
    make_user: Callable[..., dict[str, Any]],
) -> None:
    url = f"/api/v1/actors/{actor['id']}"
    before = client.get(url, headers=w13).json()
    for body in ({"name": "x" * 500}, {"kind": "onbekend"}, {"onbekend_veld": 1},
                 {"places": [{"rung": 9, "description": "x"}]}, {"name": "a\x00b"}):
        assert client.patch(url, headers=w13, json=body).status_code == 422
    assert client.get(url, headers=w13).json() == before


def _cursor(values: list[Any]) -> str:
    import base64
    import json

    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize(("path", "values"), [
    ("/api/v1/actors", ["a\u0000b", str(uuid.uuid4())]),
    ("/api/v1/pillars", [10**30, "3.3.1", str(uuid.uuid4())]),
    ("/api/v1/pillars", [-(10**30), "3.3.1", str(uuid.uuid4())]),
    ("/api/v1/meetings", ["9999-12-31T23:59:59+00:00", str(uuid.uuid4())]),
    ("/api/v1/meetings", ["0001-01-01T00:00:00-23:59", str(uuid.uuid4())]),
    ("/api/v1/agreements", ["0001-01-01", "x" * 10_000, str(uuid.uuid4())]),
    ("/api/v1/actors", [["nested"], str(uuid.uuid4())]),
    ("/api/v1/actors", [None, None]),
])
def test_forged_cursors_are_refused_or_served_never_a_500(
    client: TestClient, w13: dict[str, str], path: str, values: list[Any]
) -> None:
    r = client.get(path, params={"cursor": _cursor(values)}, headers=w13)
    if r.status_code != 200:
        assert problem(r, 400 if r.status_code == 400 else 422)["errors"][0]["loc"] == [
            "query", "cursor"]


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/api/v1/actors", {"name": "A", "kind": "partner", "rose_member": 1}, "rose_member"),
    ("/api/v1/actors", {"name": "A", "kind": "partner", "fictional": 0.0}, "fictional"),
    ("/api/v1/actors", {"name": "A", "kind": "partner",
                        "places": [{"rung": True, "description": "x"}]}, "places"),
    ("/api/v1/actors", {"name": "A", "kind": "partner",
                        "places": [{"rung": 5.0, "description": "x"}]}, "places"),
    ("/api/v1/pillars", {"code": "9.9", "framework": "actieplan", "title": "T",
                         "sort_order": False}, "sort_order"),
    ("/api/v1/municipalities", {"nis_code": "34022", "name_nl": "Kortrijk",
                                "valid_from": 0}, "valid_from"),
    ("/api/v1/municipalities", {"nis_code": "34022", "name_nl": "Kortrijk",
                                "valid_from": "1977-01-01", "valid_to": 1.7e9}, "valid_to"),
    ("/api/v1/meetings", {"body_id": str(uuid.uuid4()), "title": "T",
                          "starts_at": "2024-06-11T12:00:00Z", "ends_at": 1718107200}, "ends_at"),
])
def test_values_of_the_wrong_json_type_are_refused_not_converted(
    client: TestClient, w13: dict[str, str], path: str, body: dict[str, Any], field: str
) -> None:
    assert problem(client.post(path, headers=w13, json=body), 422)["errors"][0]["loc"][:2] == [
        "body", field]


@pytest.mark.parametrize("email", ["info@voorbeeld.\x1c", " Info@Voorbeeld.BE\x1f",
                                   "e\U0009062a#@\x87Keï^q.\x1c"])
def test_an_e_mail_address_is_checked_as_it_will_be_stored(
    client: TestClient, w13: dict[str, str], email: str
) -> None:
    """Stripping and lower-casing come before the check: an address that only fails once
    normalised (a trailing control character) is refused with 422, never a 500."""
    r = client.post("/api/v1/users", headers=w13, json={
        "email": email, "name": "Proef", "role": "w13", "password": "correct horse battery"})
    if r.status_code == 201:
        assert r.json()["email"] == email.strip().lower()
    else:
        assert problem(r, 422)["errors"][0]["loc"][:2] == ["body", "email"]


@pytest.mark.parametrize(("path", "query"), [
    ("/api/v1/agreements", "active_on=0"), ("/api/v1/municipalities", "active_on=20240101"),
    ("/api/v1/meetings", "starts_to=1700000000"), ("/api/v1/audit", "until=0.5"),
    ("/api/v1/actors", "updated_since=1e9"),
])
def test_date_filters_take_dates_as_text_not_numbers(
    client: TestClient, w13: dict[str, str], path: str, query: str
) -> None:
    assert problem(client.get(f"{path}?{query}", headers=w13), 422)["errors"][0]["loc"][0] == (
        "query")
