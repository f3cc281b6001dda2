"""The reference web office: a resident page, a clerk desk and a dashboard, on the SQLite store.

Starlette, Jinja2 templates and HTMX (vendored, 0BSD). Everything the pages know comes from
adminduk: intake from plain words, the checker (everything missing at once), the workflows (a
clerk's role decides what they may do), the notices, and the store's indexes.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from adminduk.applications import Actor, Role, Status, Trigger
from adminduk.documents import Channel, Delivery, Evidence, Form, check, document_type, event_for
from adminduk.documents.intake import find_service
from adminduk.errors import AdmindukError
from adminduk.notices import notice_for, notices_of
from adminduk.samples import issue_details, sample_registry, sample_staff
from adminduk.statistics import ktp_el_coverage
from adminduk.store import Store, open_office
from adminduk.workflows import workflow_for

HERE = Path(__file__).resolve().parent
TEXT = {
    "id": {
        "resident": "Layanan penduduk",
        "desk": "Meja petugas",
        "dashboard": "Dasbor kantor",
        "need": "Layanan apa yang Anda perlukan?",
        "nik": "NIK",
        "find": "Cari layanan",
        "missing": "Yang masih kurang (semuanya sekaligus)",
        "complete": "Syarat lengkap.",
        "attach": "Lampirkan",
        "checkit": "Periksa",
        "file": "Ajukan permohonan",
        "track": "Lacak permohonan",
        "queue": "Antrean",
        "role": "Peran",
        "act": "Lakukan",
        "open": "Permohonan terbuka",
        "overdue": "Terlambat",
        "coverage": "Cakupan perekaman KTP-el",
        "none": "Tidak ada.",
        "district": "Kecamatan",
        "status": "Status",
        "switch": "English",
    },
    "en": {
        "resident": "Resident services",
        "desk": "Clerk desk",
        "dashboard": "Office dashboard",
        "need": "Which service do you need?",
        "nik": "NIK",
        "find": "Find the service",
        "missing": "Still missing (everything at once)",
        "complete": "Everything is there.",
        "attach": "Attach",
        "checkit": "Check",
        "file": "File the application",
        "track": "Track applications",
        "queue": "Queue",
        "role": "Role",
        "act": "Do",
        "open": "Open applications",
        "overdue": "Overdue",
        "coverage": "KTP-el recording coverage",
        "none": "None.",
        "district": "District",
        "status": "Status",
        "switch": "Bahasa Indonesia",
    },
}
#: What a clerk of each role may press, by status (the workflow still decides; this is the menu).
DESK_ACTIONS = {
    Status.SUBMITTED: (Trigger.RECORD_BIOMETRICS, Trigger.VERIFY, Trigger.SEND_BACK),
    Status.VERIFIED: (Trigger.ISSUE,),
    Status.PRINTED: (Trigger.SHIP, Trigger.COLLECT),
    Status.SHIPPED: (Trigger.ARRIVE, Trigger.COLLECT),
    Status.ARRIVED: (Trigger.COLLECT,),
}


class WebOffice:
    """The office behind the pages, and its clock (a fixed day in tests, today otherwise)."""

    def __init__(self, path: str, *, on: datetime.date | None = None) -> None:
        fresh = not Path(path).exists()
        self.office = open_office(
            path,
            code="18.08",
            registry=sample_registry(recorded=True) if fresh else None,
            staff=sample_staff(),
        )
        self.on = on
        self.minutes = 0

    @property
    def store(self) -> Store:
        recorder = self.office.recorder
        assert isinstance(recorder, Store)
        return recorder

    def now(self) -> datetime.datetime:
        """The time of the next action (a fixed day moves on a minute per action)."""
        day = self.on or datetime.date.today()
        self.minutes += 1
        return datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(
            minutes=self.minutes
        )

    def staff(self, role: Role) -> Actor:
        return next(actor for actor in self.office.staff if actor.role is role)


def _lang(request: Request) -> Literal["id", "en"]:
    return "en" if request.query_params.get("lang") == "en" else "id"


def create_app(  # noqa: PLR0915 - the route table of a small example, kept in one place
    path: str | None = None, *, on: datetime.date | None = None
) -> Starlette:
    """The web office on the SQLite store at ``path`` (default ``$ADMINDUK_OFFICE``)."""
    web = WebOffice(path or os.environ.get("ADMINDUK_OFFICE", "web-office.db"), on=on)
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    def page(request: Request, name: str, **context: Any) -> Response:
        lang = _lang(request)
        return templates.TemplateResponse(
            request,
            name,
            {"t": TEXT[lang], "lang": lang, "other": "en" if lang == "id" else "id", **context},
        )

    def _form(values: Any) -> Form:
        evidence = frozenset(Evidence(v) for v in values.getlist("evidence"))
        nik = values.get("nik") or None
        return Form(
            document=values["document"],
            variant=values["variant"],
            channel=Channel.WEBSITE,
            subject=nik,
            applicant=nik,
            evidence=evidence,
            delivery=Delivery(values.get("delivery", "post")),
        )

    async def resident(request: Request) -> Response:
        return page(request, "resident.html")

    async def services(request: Request) -> Response:
        values = await request.form()
        nik = str(values.get("nik", "")).strip() or None
        day = web.now().date()
        matches = find_service(
            str(values.get("words", "")),
            resident=nik,
            registry=web.office.registry if nik else None,
            on=day,
        )
        return page(request, "services.html", matches=matches, nik=nik or "")

    async def checklist(request: Request) -> Response:
        values = await request.form()
        try:
            form = _form(values)
            report = check(form, web.office.registry, on=web.now().date())
        except (AdmindukError, KeyError, ValueError) as error:
            return page(request, "error.html", error=error)
        kind = document_type(form.document)
        return page(
            request,
            "checklist.html",
            form=form,
            kind=kind,
            report=report,
            evidence=sorted(kind.evidence_for(form.variant), key=lambda e: e.value),
        )

    async def file(request: Request) -> Response:
        values = await request.form()
        try:
            form = _form(values)
            app = web.office.submit(form, actor=web.staff(Role.SYSTEM), at=web.now())
        except (AdmindukError, KeyError, ValueError) as error:
            return page(request, "error.html", error=error)
        return page(request, "filed.html", app=app, notice=notice_for(app, lang=_lang(request)))

    async def track(request: Request) -> Response:
        nik = request.query_params.get("nik", "")
        lang = _lang(request)
        found = []
        if nik:
            for app_id in reversed(web.store.applications_of(nik)):
                app = web.office.get(app_id)
                found.append((app, notices_of(app, lang=lang)))
        return page(request, "track.html", nik=nik, found=found)

    async def desk(request: Request) -> Response:
        role = Role(request.query_params.get("role", Role.FRONT_OFFICE.value))
        queue = [web.office.get(i) for i in web.store.open_applications()]
        menu = {
            app.id: [
                t
                for t in DESK_ACTIONS.get(app.status, ())
                if role in workflow_for(app.form.document).roles(t, app.status, app.form.delivery)
            ]
            for app in queue
        }
        roles = [r for r in Role if r not in (Role.RESIDENT, Role.SYSTEM)]
        return page(
            request,
            "desk.html",
            role=role,
            roles=roles,
            queue=queue,
            menu=menu,
            message=request.query_params.get("message", ""),
        )

    async def act(request: Request) -> Response:
        values = await request.form()
        role = Role(str(values["role"]))
        trigger = Trigger(str(values["trigger"]))
        lang = _lang(request)
        message = ""
        try:
            app = web.office.get(str(values["application"]))
            actor, at = web.staff(role), web.now()
            office = web.office
            if trigger is Trigger.ISSUE:
                change = document_type(app.form.document).register_changes.get(app.form.variant)
                event = None
                if change is not None and change.required:
                    event = event_for(
                        app.form, on=at.date(), **issue_details(office.registry, app)
                    )
                app = office.issue(app, actor=actor, at=at, event=event)
            elif trigger is Trigger.COLLECT:
                app = office.collect(app, actor=actor, at=at, collector=app.form.applicant)
            else:
                method = getattr(office, trigger.value)
                app = method(app, actor=actor, at=at)
            message = notice_for(app, lang=lang).text
        except AdmindukError as error:
            message = error.message_id if lang == "id" else error.message_en
        query = urlencode({"role": role.value, "lang": lang, "message": message[:300]})
        return RedirectResponse(f"/desk?{query}", status_code=303)

    async def dashboard(request: Request) -> Response:
        by_status: dict[str, int] = {}
        by_district: dict[str, int] = {}
        for app_id in web.store.open_applications():
            app = web.office.get(app_id)
            label = app.status.label if _lang(request) == "id" else app.status.label_en
            by_status[label] = by_status.get(label, 0) + 1
            try:
                district = web.office.district_of(app)
            except AdmindukError:
                district = "-"
            by_district[district] = by_district.get(district, 0) + 1
        at = datetime.datetime.combine(web.on or datetime.date.today(), datetime.time(17))
        overdue = [web.office.get(i) for i in web.store.overdue(at)]
        coverage = ktp_el_coverage(web.office.registry, "18.08")
        return page(
            request,
            "dashboard.html",
            by_status=by_status,
            by_district=by_district,
            overdue=overdue,
            coverage=coverage,
        )

    async def health(request: Request) -> Response:
        return HTMLResponse("ok")

    return Starlette(
        routes=[
            Route("/", resident),
            Route("/services", services, methods=["POST"]),
            Route("/checklist", checklist, methods=["POST"]),
            Route("/file", file, methods=["POST"]),
            Route("/track", track),
            Route("/desk", desk),
            Route("/act", act, methods=["POST"]),
            Route("/dashboard", dashboard),
            Route("/health", health),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ]
    )
