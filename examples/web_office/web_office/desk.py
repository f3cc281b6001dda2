"""The staff's pages: sign-in, the desk (queues, search, a file, its actions), print, dashboard.

Every route here needs a signed-in account; the role of each action comes from the account,
never from the request, and the office records the account as the actor. A district officer
sees and acts on the files of their own district only. Messages after an action travel in the
signed session, never in the address (so no one can put words in the office's notice box).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from adminduk.applications import Actor, Application, Role, Status, Trigger
from adminduk.documents import (
    Evidence,
    FieldKind,
    FormDescription,
    Review,
    Verdict,
    check,
    document_type,
    event_for,
)
from adminduk.errors import AdmindukError
from adminduk.identifiers import nik
from adminduk.notices import notice_for, notices_of
from adminduk.printing import lines_of, member_rows, render_batch
from adminduk.printing.layout import MEMBER_COLUMNS
from adminduk.register.events import DocumentIssued
from adminduk.register.issued import IssuedDocument
from adminduk.samples import issue_details
from adminduk.statistics import ktp_el_coverage
from adminduk.workflows import waiting_at_districts, workflow_for
from web_office.accounts import Account
from web_office.office import WebOffice, office_of, region_name
from web_office.residents import answers_of
from web_office.security import Refusal, client_key, posted

#: What a desk offers; filing and refiling are the resident's (their own pages).
DESK_TRIGGERS = (
    Trigger.RECORD_BIOMETRICS,
    Trigger.VERIFY,
    Trigger.SEND_BACK,
    Trigger.APPROVE,
    Trigger.ISSUE,
    Trigger.SHIP,
    Trigger.ARRIVE,
    Trigger.COLLECT,
    Trigger.REJECT,
    Trigger.CANCEL,
)
MAX_REASON = 300


def staff(request: Request) -> Account:
    web = office_of(request)
    account = web.account(request)
    if account is None:
        raise Refusal(
            401,
            "Halaman ini hanya untuk petugas: silakan masuk.",
            "This page is for staff: please sign in.",
        )
    return account


def file_of(request: Request, account: Account) -> Application:
    web = office_of(request)
    app = web.find(request.path_params["number"])
    if app is None or not _may_see(web, account, app):
        # another district's file is as unknown as a missing one
        raise Refusal(404, "Permohonan tidak ditemukan.", "No such application.")
    return app


async def login_form(request: Request) -> Response:
    web = office_of(request)
    return web.page(request, "login.html", failed=False)


async def login(request: Request) -> Response:
    web = office_of(request)
    values = await posted(request)
    username = str(values.get("username", ""))[:32].strip().lower()
    password = str(values.get("password", ""))[:256]
    if not (web.login_by_client.allow(client_key(request)) and web.login_by_name.allow(username)):
        raise Refusal(
            429,
            "Terlalu banyak percobaan. Coba lagi beberapa menit lagi.",
            "Too many attempts. Try again in a few minutes.",
        )
    account = await web.run(web.accounts.login, username, password)
    if account is None:
        return web.page(request, "login.html", failed=True, status=401)
    lang = request.session.get("lang")
    request.session.clear()  # a new session on sign-in: nothing carried over from before
    request.session.update({"account": account.username, "lang": lang or "id"})
    return RedirectResponse("/desk", status_code=303)


async def logout(request: Request) -> Response:
    await posted(request)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


async def desk(request: Request) -> Response:
    web = office_of(request)
    account = staff(request)
    return await _desk_page(web, request, account, None, request.session.pop("flash", ""))


async def search(request: Request) -> Response:
    web = office_of(request)
    values = await posted(request)
    account = staff(request)
    query = "".join(str(values.get("q", "")).split())[:40]
    found = await web.run(_search, web, account, query)
    return await _desk_page(web, request, account, found, "")


async def _desk_page(
    web: WebOffice, request: Request, account: Account, found: list[Application] | None, flash: str
) -> Response:
    """The desk: the account's queues, and the search results when it searched."""
    queues = await web.run(_queues, web, account)
    shown = [*queues, (None, found or [])]
    return web.page(
        request, "desk.html", queues=queues, found=found, names=_names(web, shown), flash=flash
    )


async def file_view(request: Request) -> Response:
    web = office_of(request)
    account = staff(request)
    app = file_of(request, account)
    lang = web.lang(request)
    description = web.office.describe(app.form.document, app.form.variant)
    report = await web.run(check, app.form, web.office.registry, on=web.now().date())
    return web.page(
        request,
        "file.html",
        app=app,
        kind=document_type(app.form.document),
        description=description,
        answers=_readable(description, answers_of(description, app.form), lang),
        subject=_name(web, app.form.subject),
        report=report,
        notices=notices_of(app, lang=lang),
        menu=_menu(account, app),
        district=_district(web, app),
        duplicates=await web.run(_duplicates, web, app),
        flash=request.session.pop("flash", ""),
    )


def _duplicates(web: WebOffice, app: Application) -> list[tuple[str, str, list[str]]]:
    """Residents the filed person may be, for the officer: who, where the NIK is from, why."""
    if app.status is not Status.SUBMITTED:
        return []
    found = []
    for candidate in web.office.likely_duplicates(app):
        person = web.office.registry.resident(candidate.nik)
        who = f"{person.name}, {person.birth_date:%d-%m-%Y}"
        where = region_name(nik.get_region_code(candidate.nik))
        found.append((who, where, candidate.comparison.explain().splitlines()))
    return found


async def act(request: Request) -> Response:
    web = office_of(request)
    values = await posted(request)
    account = staff(request)
    app = file_of(request, account)
    try:
        trigger = Trigger(str(values.get("trigger", "")))
    except ValueError:
        raise Refusal(400, "Tindakan tidak dikenal.", "Unknown action.") from None
    allowed = workflow_for(app.form.document).roles(trigger, app.status, app.form.delivery)
    actor = account.actor_for(allowed) if trigger in DESK_TRIGGERS else None
    if actor is None or (
        actor.role is Role.DISTRICT_OFFICER and _district(web, app) != account.district
    ):
        raise Refusal(403, "Akun Anda tidak berwenang untuk ini.", "Your account may not do this.")
    lang = web.lang(request)
    try:
        done = await web.run(_act, web, app, trigger, actor, values)
        message = notice_for(done, lang=lang).text
    except AdmindukError as error:
        message = error.message_id if lang == "id" else error.message_en
    request.session["flash"] = message[:600]
    return RedirectResponse(f"/desk/file/{app.id}", status_code=303)


async def attachment(request: Request) -> Response:
    web = office_of(request)
    account = staff(request)
    app = file_of(request, account)
    digest = request.path_params["digest"]
    held = next((a for a in app.form.attachments if a.sha256 == digest), None)
    if held is None:
        raise Refusal(404, "Lampiran tidak ditemukan.", "No such attachment.")
    data = await web.run(web.store.attachment, digest)
    return Response(
        data,
        media_type=held.media_type,
        headers={
            "content-security-policy": "default-src 'none'; img-src 'self'; sandbox",
            "content-disposition": f'inline; filename="{held.kind.value}"',
        },
    )


async def _issued(request: Request) -> tuple[WebOffice, Application, list[IssuedDocument]]:
    """The office, the file at the path (seen by this account) and the records it issued."""
    web = office_of(request)
    app = file_of(request, staff(request))
    records = await web.run(_records, web, app)
    if not records:
        raise Refusal(404, "Dokumen belum diterbitkan.", "The document is not issued yet.")
    return web, app, records


async def printable(request: Request) -> Response:
    """Each issued record as its page prints it (the layout of adminduk.printing)."""
    web, app, records = await _issued(request)
    pages = [(record, lines_of(record), member_rows(record)) for record in records]
    return web.page(request, "print.html", app=app, pages=pages, columns=MEMBER_COLUMNS)


async def dashboard(request: Request) -> Response:
    web = office_of(request)
    staff(request)
    lang = web.lang(request)
    board = await web.run(_dashboard, web, lang)
    return web.page(request, "dashboard.html", **board)


async def pdf(request: Request) -> Response:
    """The issued records of a file as one PDF, each page with its signed QR code."""
    web, app, records = await _issued(request)
    data = await web.run(render_batch, records, web.print_key)
    name = app.id.replace("/", "-")
    return Response(
        data,
        media_type="application/pdf",
        headers={"content-disposition": f'inline; filename="{name}.pdf"'},
    )


def routes() -> list[Route]:
    """The staff routes (their handlers find the office in `request.app.state.web`)."""
    return [
        Route("/login", login_form, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/desk", desk, methods=["GET"]),
        Route("/desk/search", search, methods=["POST"]),
        Route("/desk/file/{number:path}", file_view, methods=["GET"]),
        Route("/desk/act/{number:path}", act, methods=["POST"]),
        Route("/desk/attachment/{digest}/{number:path}", attachment, methods=["GET"]),
        Route("/desk/print/{number:path}", printable, methods=["GET"]),
        Route("/desk/pdf/{number:path}", pdf, methods=["GET"]),
        Route("/dashboard", dashboard, methods=["GET"]),
    ]


def _records(web: WebOffice, app: Application) -> list[IssuedDocument]:
    """The records the application's issue printed (from its action, else the register)."""
    records: list[IssuedDocument] = []
    for action in app.history:
        if action.trigger is not Trigger.ISSUE:
            continue
        found = [e.record for e in action.events if isinstance(e, DocumentIssued)]
        if not found:  # an action read back without its events: the holders' documents
            people = {n for n in (app.form.subject, app.form.partner, app.form.applicant) if n}
            found = [
                record
                for nik in sorted(people)
                for record in web.office.registry.documents_of(nik)
                if record.document in action.issued and record.issued_on == action.at.date()
            ]
        records.extend(r for r in found if r not in records)
    return records


def _readable(
    description: FormDescription, answers: dict[str, object], lang: str
) -> list[tuple[str, str]]:
    """Each answer under its label, a choice by its label and a district by its name."""
    rows = []
    for spec in description.fields:
        if spec.path not in answers:
            continue
        value = answers[spec.path]
        text = str(value)
        for choice in spec.choices:
            if str(choice.code) == text:
                text = choice.label_id if lang == "id" else choice.label_en
        if spec.kind is FieldKind.REGION:
            text = f"{region_name(text)} ({text})"
        rows.append((spec.label(lang), text))
    return rows


def _names(web: WebOffice, queues: Iterable[tuple[object, list[Application]]]) -> dict[str, str]:
    return {app.id: _name(web, app.form.subject) for _, apps in queues for app in apps}


def _name(web: WebOffice, nik: str | None) -> str:
    person = web.office.registry.find_resident(nik) if nik else None
    return person.name if person is not None else ""


def _district(web: WebOffice, app: Application) -> str | None:
    try:
        return web.office.district_of(app)
    except AdmindukError:
        return None


def _may_see(web: WebOffice, account: Account, app: Application) -> bool:
    """Every file for office staff; a district officer's own district's only."""
    if any(role is not Role.DISTRICT_OFFICER for role in account.roles):
        return True
    return _district(web, app) == account.district


def _menu(account: Account, app: Application) -> list[tuple[Trigger, Role]]:
    """The actions this account may take on ``app`` now, each with the role it acts in."""
    workflow = workflow_for(app.form.document)
    menu = []
    for trigger in DESK_TRIGGERS:
        if trigger not in workflow.triggers(app.status, app.form.delivery):
            continue
        actor = account.actor_for(workflow.roles(trigger, app.status, app.form.delivery))
        if actor is not None:
            menu.append((trigger, actor.role))
    return menu


def _queues(web: WebOffice, account: Account) -> list[tuple[Role, list[Application]]]:
    """Per role of the account, the open files waiting for that role's action."""
    open_apps = [web.office.get(i) for i in web.store.open_applications()]
    queues = []
    for role in account.roles:
        mine = []
        for app in open_apps:
            if role is Role.DISTRICT_OFFICER and _district(web, app) != account.district:
                continue
            workflow = workflow_for(app.form.document)
            if any(
                role in workflow.roles(t, app.status, app.form.delivery)
                for t in DESK_TRIGGERS
                if t not in (Trigger.CANCEL, Trigger.REJECT)
            ):
                mine.append(app)
        queues.append((role, mine[:200]))
    return queues


def _search(web: WebOffice, account: Account, query: str) -> list[Application]:
    """Files by number (``18.08/000012``) or by the NIK of anyone they name."""
    digits = "".join(c for c in query if c.isdigit())
    found = []
    if "/" in query:
        app = web.find(query)
        found = [app] if app is not None else []
    elif len(digits) == 16:
        found = [web.office.get(i) for i in web.store.applications_of(digits)]
    return [app for app in found if _may_see(web, account, app)][:100]


def _reviews(app: Application, actor: Actor, values: Any) -> dict[str, Review]:
    refused = set(values.getlist("refuse"))
    reviews = {}
    for item in app.form.attachments:
        if item.sha256 in refused:
            reason = str(values.get(f"why:{item.sha256}", "")).strip()[:MAX_REASON]
            reviews[item.sha256] = Review(
                verdict=Verdict.REFUSED, by=actor.id, reason=reason or "Berkas tidak terbaca"
            )
    return reviews


def _act(
    web: WebOffice, app: Application, trigger: Trigger, actor: Actor, values: Any
) -> Application:
    """Take ``trigger`` on ``app`` as ``actor``, with what the action's form carries."""
    office, at = web.office, web.now()
    reason = str(values.get("reason", "")).strip()[:MAX_REASON]
    simple: dict[Trigger, Callable[..., Application]] = {
        Trigger.RECORD_BIOMETRICS: office.record_biometrics,
        Trigger.SHIP: office.ship,
        Trigger.ARRIVE: office.arrive,
    }
    if trigger in simple:
        return simple[trigger](app, actor=actor, at=at)
    if trigger is Trigger.VERIFY:
        reviews = {
            item.sha256: Review(verdict=Verdict.ACCEPTED, by=actor.id)
            for item in app.form.attachments
        }
        judged = (Evidence.NOT_A_DUPLICATE,) if values.get("not_a_duplicate") == "yes" else ()
        return office.verify(
            app, actor=actor, at=at, reviews=reviews, attest=judged, reason=reason
        )
    if trigger is Trigger.SEND_BACK:
        return office.send_back(
            app, actor=actor, at=at, reason=reason, reviews=_reviews(app, actor, values)
        )
    if trigger is Trigger.REJECT:
        return office.reject(app, actor=actor, at=at, reason=reason)
    if trigger is Trigger.CANCEL:
        return office.cancel(app, actor=actor, at=at, reason=reason)
    if trigger is Trigger.APPROVE:
        return office.approve(app, actor=actor, at=at, reason=reason)
    if trigger is Trigger.ISSUE:
        change = document_type(app.form.document).register_changes.get(app.form.variant)
        event = None
        if change is not None and change.required:
            details = issue_details(office.registry, app)
            event = event_for(app.form, on=at.date(), **details)
        return office.issue(app, actor=actor, at=at, event=event)
    # COLLECT: to the NIK the officer checked on the collector's card
    collector = "".join(c for c in str(values.get("collector", "")) if c.isdigit())[:16]
    return office.collect(app, actor=actor, at=at, collector=collector or None)


def _dashboard(web: WebOffice, lang: str) -> dict[str, Any]:
    open_apps = [web.office.get(i) for i in web.store.open_applications()]
    by_status: dict[Status, int] = {}
    by_district: dict[str, int] = {}
    for app in open_apps:
        by_status[app.status] = by_status.get(app.status, 0) + 1
        code = _district(web, app) or "-"
        by_district[code] = by_district.get(code, 0) + 1
    at = web.now()
    overdue = [web.office.get(i) for i in web.store.overdue(at)]
    waiting = waiting_at_districts(open_apps)
    coverage = ktp_el_coverage(web.office.registry, web.code, on=at.date())
    return {
        "by_status": sorted(by_status.items(), key=lambda kv: list(Status).index(kv[0])),
        "by_district": sorted(by_district.items()),
        "overdue": overdue,
        "waiting": sorted((code, len(apps)) for code, apps in waiting.items()),
        "coverage": coverage,
        "at": at,
    }
