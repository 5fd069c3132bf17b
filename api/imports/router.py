"""`POST /api/v1/imports/{resource}`: many records of one resource from CSV or JSON."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from api.core import idempotency
from api.core.deps import PrincipalDep, SessionDep
from api.core.idempotency import IdemKey
from api.core.openapi_text import COMMON_ERRORS, problem
from api.core.permissions import TABLE, Verb
from api.imports import service
from api.imports.schemas import ImportReport

router = APIRouter(tags=["sync"])

EXAMPLE_CSV = (
    "id,source,external_id,nis_code,name_nl,name_fr,arrondissement,valid_from,valid_to,"
    "w13_member\r\n,statbel,34022,34022,Kortrijk,Courtrai,Kortrijk,1977-01-01,,true\r\n"
)
REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "text/csv": {
            "schema": {"type": "string"},
            "example": EXAMPLE_CSV,
        },
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["items"],
                "properties": {"items": {"type": "array", "items": {"type": "object"}}},
            },
            "example": {
                "items": [
                    {
                        "nis_code": "34022",
                        "name_nl": "Kortrijk",
                        "valid_from": "1977-01-01",
                        "w13_member": True,
                    }
                ]
            },
        },
    },
}


def who_may_import() -> str:
    """Roles with both create and update rights, per resource (OWN grants limit each row)."""
    lines = []
    for name in service.IMPORTABLE:
        cells = TABLE.get(name, {})
        roles = [
            f"`{role.value}`" + ("" if str(grant) == "all" else f" ({grant})")
            for role, grant in cells.get(Verb.create, {}).items()
            if role in cells.get(Verb.update, {})
        ]
        lines.append(f"- {name}: {', '.join(roles) or 'nobody'}")
    return "\n\n" + "\n".join(lines) + "\n- refused: 401 without a token; 403 for other roles"


async def raw_body(request: Request) -> bytes:
    """The body as sent (the size limit of the middleware applies)."""
    return await request.body()


DESCRIPTION = (
    "Creates or updates many records of one resource, all rows or none. CSV (the columns of "
    "the resource's CSV list; header row required; `,` or `;` separated) or JSON "
    '(`{"items": [...]}` of create-schema objects; read-only fields are ignored). A row is '
    "matched by `id`, else by `source` + `external_id`, else by its unique code; a match is "
    "updated, the rest created. A row writes the fields it gives: absent columns keep their "
    "values. Nested records name their parent in a column (`indicator_id`, `dossier_id`). Any "
    "error refuses the whole import and lists every row's errors (422); `?dry_run=true` only "
    "checks. Importing the same rows again reports them `unchanged` and changes nothing."
    "\n\n**Who may:** whoever may both create and update the resource; OWN grants limit "
    "each row." + who_may_import()
)


@router.post(
    "/imports/{resource}",
    operation_id="imports_create",
    summary="Import records of one resource",
    description=DESCRIPTION,
    response_model=ImportReport,
    responses={
        **COMMON_ERRORS,
        404: problem("No import for this resource."),
        413: problem("Body larger than the limit (1 MiB unless configured)."),
        415: problem("Body is neither text/csv nor application/json."),
        422: problem(
            "Rows with errors; nothing was written. Each entry of `errors` has "
            '`loc: ["body", "rows", <row>, <field>]`; row 0 is the CSV header.'
        ),
    },
    openapi_extra={"requestBody": REQUEST_BODY, "security": [{"OAuth2": ["write"]}]},
)
def import_records(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    resource: Annotated[
        str,
        Path(
            max_length=40, examples=["actors"], json_schema_extra={"enum": list(service.IMPORTABLE)}
        ),
    ],
    body: Annotated[bytes, Depends(raw_body)],
    dry_run: Annotated[bool, Query(description="Check every row; write nothing.")] = False,
    idempotency_key: IdemKey = None,
) -> Response:
    """Creates or updates many records of one resource, all rows or none."""
    content_type = request.headers.get("content-type")
    fingerprint = idempotency.digest(
        f"{request.url.path}?{request.url.query}\n{content_type}\n".encode() + body
    )
    replay = idempotency.replay(session, principal, idempotency_key, fingerprint)
    if replay is not None:
        return replay
    report = service.import_body(session, principal, resource, content_type, body, dry_run=dry_run)
    if report.errors:
        raise service.refusal(report)
    answer = report.model_dump_json()
    if not dry_run:
        idempotency.remember(session, principal, idempotency_key, 200, answer)
    return Response(answer, media_type="application/json")
