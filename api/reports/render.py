"""One entry point for every format of the report, and the media type of each."""

from __future__ import annotations

from api.reports.schemas import AnnualReport, Language, ReportFormat

MEDIA_TYPES: dict[ReportFormat, str] = {
    ReportFormat.json: "application/json",
    ReportFormat.html: "text/html",
    ReportFormat.pdf: "application/pdf",
    ReportFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(report: AnnualReport, fmt: ReportFormat, lang: Language) -> bytes:
    """The report as bytes of the format (renderers are imported only when used)."""
    if fmt is ReportFormat.json:
        return report.model_dump_json().encode()
    if fmt is ReportFormat.html:
        from api.reports.render_html import render_html

        return render_html(report, lang)
    if fmt is ReportFormat.pdf:
        from api.reports.render_pdf import render_pdf

        return render_pdf(report, lang)
    from api.reports.render_xlsx import render_xlsx

    return render_xlsx(report, lang)
