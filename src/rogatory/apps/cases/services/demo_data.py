"""Synthetic workload: demo authorities and users, and cases of every type and state.

`demo_cases` goes through the real services (audit, events, deadlines) and suits hundreds of
cases; `demo_cases_bulk` writes the same kinds of rows in batches for scale runs (1,000,000
cases), with one audit event per case so the chain still verifies.
"""

import io
import random
import secrets
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import Entry, audit_record_many
from rogatory.apps.cases.models import (
    Case,
    CaseEvent,
    CaseGrant,
    Nationality,
    Offence,
    Person,
    PersonName,
    SearchTerm,
)
from rogatory.apps.cases.search import case_terms_of, script_of
from rogatory.apps.cases.services import case_open, case_status_change, document_add
from rogatory.apps.cases.services import demo_names as names
from rogatory.apps.cases.services.inputs import (
    IdDocumentInput,
    MeasureInput,
    NameInput,
    OffenceInput,
    PersonInput,
)
from rogatory.apps.cases.services.nationalities import nationality_record
from rogatory.apps.cases.services.open import make_reference
from rogatory.apps.directory.models import CentralAuthority, State
from rogatory.apps.directory.services import (
    directory_seed_states,
    requirements_load_shipped,
    treaties_load_shipped,
)
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseKind, CaseState, Direction, Role, allowed_transitions

DEMO_STATES = ("XA", "XB", "XC")
ROLES = {
    "clerk": Role.REGISTRY_CLERK,
    "officer": Role.CASE_OFFICER,
    "officer2": Role.CASE_OFFICER,
    "supervisor": Role.SUPERVISOR,
    "auditor": Role.AUDITOR,
    "admin": Role.ADMINISTRATOR,
}


def demo_setup(*, home: str = "XA", password: str | None = None) -> dict[str, Any]:
    """States, two authorities per demo State, and the home node's staff (idempotent)."""
    directory_seed_states()
    authorities = {}
    for code in DEMO_STATES:
        for instrument, label in (("untoc_mla", "MLA"), ("untoc_extradition", "Extradition")):
            a, _ = CentralAuthority.objects.get_or_create(
                state_id=code,
                instrument=instrument,
                treaty="",
                name=f"Central Authority of {code} ({label})",
                defaults={
                    "email": f"{label.lower()}@ca.{code.lower()}.example",
                    "accepted_languages": ["en", "fr"],
                    "channels": ["secure_electronic", "diplomatic"],
                },
            )
            authorities[(code, instrument)] = a
    # What each demo State asks of a request (languages, channels, legal bases), shipped with
    # the package and published here, so the drafting checker reads the same data everywhere.
    requirements_load_shipped()
    # The example treaties between the demo States (periods for provisional arrest, rules
    # for competing requests), loaded the same way: clearly marked examples.
    treaties_load_shipped()
    own = authorities[(home, "untoc_mla")]
    password = password or secrets.token_urlsafe(9)
    users = {}
    for username, role in ROLES.items():
        user, _ = User.objects.get_or_create(
            username=username, defaults={"role": role.value, "authority": own}
        )
        user.set_password(password)
        user.save()
        users[username] = user
    return {"users": users, "password": password, "authority": own, "authorities": authorities}


def _name(rng: random.Random) -> tuple[list[NameInput], str]:
    script = rng.choice(["arabic", "cyrillic", "han", "latin"])
    if script == "arabic":
        (g, gl), (f, fl) = rng.choice(names.ARABIC_GIVEN), rng.choice(names.ARABIC_FAMILY)
        return [NameInput(f"{g} {f}", "original_script", f"{gl} {fl}")], "XC"
    if script == "cyrillic":
        (g, gl), (f, fl) = rng.choice(names.CYRILLIC_GIVEN), rng.choice(names.CYRILLIC_FAMILY)
        return [NameInput(f"{g} {f}", "original_script", f"{gl} {fl}")], "XB"
    if script == "han":
        (f, fl), (g, gl) = rng.choice(names.CHINESE_FAMILY), rng.choice(names.CHINESE_GIVEN)
        return [NameInput(f"{f}{g}", "original_script", f"{fl} {gl}")], "XC"
    g, f = rng.choice(names.LATIN_GIVEN), rng.choice(names.LATIN_FAMILY)
    latin = [NameInput(f"{g} {f}", "primary")]
    if rng.random() < 0.3:
        latin.append(NameInput(f"{g[0]}. {f}", "alias"))
    return latin, "XA"


def _person(rng: random.Random, role: str) -> PersonInput:
    person_names, nationality = _name(rng)
    year = rng.randint(1950, 2000)
    precision = rng.random()
    birth = (
        f"{year}"
        if precision < 0.2
        else f"{year}-{rng.randint(1, 12):02d}"
        if precision < 0.4
        else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    )
    nats = [nationality] + (["FR"] if rng.random() < 0.15 else [])
    return PersonInput(
        role=role,
        names=person_names,
        gender=rng.choice(["m", "f"]),
        birth_date=birth,
        nationalities=nats,
        documents=[
            IdDocumentInput(
                "passport", f"{nationality}{rng.randint(1000000, 9999999)}", nationality
            )
        ],
    )


def _case_fields(rng: random.Random, home: str) -> dict[str, Any]:
    direction = rng.choice([Direction.OUTGOING, Direction.INCOMING])
    kind = rng.choice(list(CaseKind))
    other = rng.choice([s for s in DEMO_STATES if s != home])
    offence, months = rng.choice(names.OFFENCES)
    place = rng.choice(names.PLACES)
    role = "person_sought" if kind.is_extradition else rng.choice(["suspect", "witness"])
    persons = [_person(rng, role) for _ in range(rng.choice([1, 1, 1, 2]))]
    title = f"{offence} ({place})"
    return {
        "direction": direction.value,
        "kind": kind.value,
        "requesting_state": home if direction is Direction.OUTGOING else other,
        "requested_state": other if direction is Direction.OUTGOING else home,
        "legal_bases": rng.sample(["untoc", "uncac", "treaty", "reciprocity"], rng.randint(1, 2)),
        "title": title,
        "facts": f"{offence} committed in {place} between {rng.randint(2019, 2025)} and 2026.",
        "urgency": "urgent" if rng.random() < 0.2 else "routine",
        "custody": "detained" if kind.is_extradition and rng.random() < 0.5 else "not_applicable",
        "sealed": rng.random() < 0.05,
        "their_reference": f"{other}-{rng.randint(100, 999)}/{rng.randint(2020, 2026)}"
        if direction is Direction.INCOMING
        else "",
        "persons": persons,
        "offences": [
            OffenceInput(
                offence,
                "Criminal Code",
                months,
                place=place,
                committed_on=date(2024, 3, 1),
                legal_qualification=offence,
            )
        ],
        **complete_request_fields(kind, home),
        "measures": []
        if kind.is_extradition
        else [
            MeasureInput(
                rng.choice(["records", "taking_evidence", "search_and_seizure", "asset_tracing"]),
                "Produce the records and statements described in the annex.",
                "Evidence for the trial of the persons named.",
            )
        ],
    }


def complete_request_fields(kind: CaseKind, home: str) -> dict[str, Any]:
    """What a complete request of ``kind`` says besides the random parts (issue 17), derived
    without the random generator so the demo workload keeps the same cases."""
    fields: dict[str, Any] = {
        "request_language": "en",
        "contact_name": "Demo case officer",
        "contact_function": "Case officer, central authority",
        "contact_email": f"officer@ca.{home.lower()}.example",
        "subject": "Criminal investigation of the offence described below",
        "proceedings_authority": f"Public Prosecutor's Office of {home}",
        "proceedings_authority_functions": "Prosecutor in charge of the investigation",
        "dual_criminality": "The conduct is an offence under the requested State's law too.",
        "use_limits": "The evidence will be used only in the proceedings named.",
    }
    if kind.is_extradition or kind is CaseKind.TRANSFER_OF_SENTENCED_PERSONS:
        sentenced = kind is CaseKind.TRANSFER_OF_SENTENCED_PERSONS
        fields |= {
            "warrant_kind": "judgment" if sentenced else "arrest_warrant",
            "warrant_date": date(2025, 6, 2),
            "warrant_court": f"Criminal Court of {home}",
            "warrant_enforceable": True,
            "sentence_remaining": "Four years and two months" if sentenced else "",
            "assurance_speciality": "No proceedings for any other offence (speciality).",
        }
    if kind is CaseKind.EXTRADITION:
        fields["extradition_purpose"] = "prosecution"
    return fields


def _walk(
    rng: random.Random,
    case: Case,
    users: dict[str, Any],
    steps: int,
    transition: Callable[..., Case],
) -> None:
    by_role = {
        Role.REGISTRY_CLERK: users["clerk"],
        Role.CASE_OFFICER: users["officer"],
        Role.SUPERVISOR: users["supervisor"],
    }
    for _ in range(steps):
        options = allowed_transitions(
            direction=Direction(case.direction),
            kind=CaseKind(case.kind),
            source=CaseState(case.status),
            role=Role.SUPERVISOR,
        ) + allowed_transitions(
            direction=Direction(case.direction),
            kind=CaseKind(case.kind),
            source=CaseState(case.status),
            role=Role.REGISTRY_CLERK,
        )
        if not options:
            return
        # Favour moves that keep the case open, so the workload shows every state.
        final = (CaseState.CLOSED, CaseState.WITHDRAWN, CaseState.REFUSED)
        t = rng.choices(options, weights=[0.15 if o.target in final else 1 for o in options])[0]
        # The drafting officer submits for approval, so the supervisor may approve (four eyes).
        preferred = (
            (Role.CASE_OFFICER,)
            if t.target is CaseState.PENDING_APPROVAL
            else (Role.SUPERVISOR, Role.REGISTRY_CLERK)
        )
        actor = next(by_role[r] for r in preferred if r in t.roles)
        ground = None
        if t.ground_required:
            ground = (
                "extradition_domestic_law_or_treaty"
                if CaseKind(case.kind).is_extradition
                else "mla_essential_interests"
            )
        try:
            case = transition(
                actor=actor,
                case_id=case.pk,
                target=t.target.value,
                reason="Recorded in the demo workload" if t.reason_required else "",
                ground=ground,
                officer_id=users["officer"].pk if t.target is CaseState.ASSIGNED else None,
            )
        except DomainError as err:
            # The drafting checker refuses approval of a request the requested State would
            # not accept (no legal basis in force between the two): it waits for its drafter.
            if err.code != "drafting.incomplete":
                raise
            return


def demo_cases(
    *,
    count: int,
    seed: int,
    users: dict[str, Any],
    home: str = "XA",
    progress: Callable[[int], None] | None = None,
    transition: Callable[..., Case] = case_status_change,
) -> int:
    """``transition`` moves the cases through their states: the demo-data command passes the
    proceedings service, so registered extradition cases are screened as in real use."""
    rng = random.Random(seed)
    for i in range(count):
        fields = _case_fields(rng, home)
        opener = users["officer"] if fields["direction"] == "outgoing" else users["clerk"]
        case = case_open(actor=opener, **fields)
        # The demo team works every case, sealed ones included.
        for member in ("officer", "supervisor", "clerk"):
            CaseGrant.objects.get_or_create(case=case, user=users[member], revoked_at=None)
        if rng.random() < 0.3:
            document_add(
                actor=opener,
                case_id=case.pk,
                title="Request letter",
                filename=f"request-{case.pk}.txt",
                stream=io.BytesIO(f"Request {case.our_reference}\n{case.facts}\n".encode()),
                content_type="text/plain",
                language="en",
            )
        _walk(rng, case, users, rng.randint(0, 7), transition)
        _spread(rng, case.pk)
        if progress and (i + 1) % 50 == 0:
            progress(i + 1)
    _dual_national(users, home)
    return count


def _spread(rng: random.Random, case_id: int) -> None:
    """Date a demo case back by up to 18 months, its steps days to weeks apart, so that the
    figures (issue 20) show volumes over months and real times to act. Its running time limits
    are left as computed, so the demo's clocks stay current rather than all overdue."""
    now = timezone.now()
    events = list(CaseEvent.objects.filter(case_id=case_id).order_by("at", "id"))
    if not events:
        return
    start = now - timedelta(days=rng.randint(20, 540), hours=rng.randint(0, 12))
    shift, at = start - events[0].at, start
    for event in events:
        event.at = min(at, now)
        at += timedelta(days=rng.randint(1, 45), hours=rng.randint(0, 8))
    CaseEvent.objects.bulk_update(events, ["at"])
    Case.objects.filter(pk=case_id).update(created_at=F("created_at") + shift)
    Case.objects.filter(pk=case_id, received_at__isnull=False).update(
        received_at=F("received_at") + shift
    )


def _dual_national(users: dict[str, Any], home: str) -> None:
    """Make the person sought in the first open incoming extradition a national of both States,
    with dates and evidence, and give the home State a bar on extraditing its nationals, so the
    nationality panel has a case to show (UNTOC art. 16(10), ETS 24 art. 6)."""
    State.objects.filter(code=home).update(
        bars_extradition_of_nationals=True,
        nationals_bar_source="Constitution of the demo State, art. 25 (fictional)",
    )
    case = (
        Case.objects.filter(direction=Direction.INCOMING, kind=CaseKind.EXTRADITION)
        .exclude(status=CaseState.CLOSED)
        .order_by("pk")
        .first()
    )
    person = None if case is None else case.persons.order_by("pk").first()
    if case is None or person is None:
        return
    for state, acquired, evidence in (
        (case.requesting_state_id, None, "Passport listed in the request"),
        (home, date(2018, 3, 14), "Certificate of naturalisation no. 2018/0412"),
    ):
        nationality_record(
            actor=users["supervisor"],
            case_id=case.pk,
            person_id=person.pk,
            state=state,
            acquired_on=acquired,
            evidence=evidence,
        )


def _copy(model: Any, columns: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    """Fast path for PostgreSQL (COPY); other databases use bulk_create.

    PostgreSQL refuses COPY FROM into a table whose row-level security binds the current
    role (the application's role, ADR 0006), even in the system context: there the rows go
    in by INSERT instead, through the policies. The owner's superuser or a BYPASSRLS role
    (the system role) keeps the fast path."""
    table = model._meta.db_table
    with connection.cursor() as cur:
        cur.execute("SELECT row_security_active(%s::regclass)", [table])
        if cur.fetchone()[0]:
            model.objects.bulk_create(
                (model(**dict(zip(columns, row, strict=True))) for row in rows),
                batch_size=5000,
            )
            return
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with cur.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def demo_cases_bulk(
    *,
    count: int,
    seed: int,
    users: dict[str, Any],
    home: str = "XA",
    batch: int = 20000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Scale data: the same kinds of rows as `demo_cases`, written in batches."""
    rng = random.Random(seed)
    reachable = {
        (d, k): [
            s
            for s in CaseState
            if any(
                t.target is s
                for r in Role
                for src in CaseState
                for t in allowed_transitions(direction=d, kind=k, source=src, role=r)
            )
        ]
        for d in Direction
        for k in CaseKind
    }
    owner = users["supervisor"].authority_id
    officer = users["officer"]
    now = timezone.now()
    pg = connection.vendor == "postgresql"
    done = 0
    while done < count:
        n = min(batch, count - done)
        with transaction.atomic():
            cases: list[Case] = []
            specs: list[dict[str, Any]] = []
            for _ in range(n):
                f = _case_fields(rng, home)
                d, k = Direction(f["direction"]), CaseKind(f["kind"])
                status = rng.choice(
                    reachable[(d, k)]
                    + [CaseState.DRAFT if d is Direction.OUTGOING else CaseState.RECEIVED]
                )
                created = now - timedelta(days=rng.randint(0, 2000), seconds=rng.randint(0, 86400))
                due = created + timedelta(days=rng.randint(5, 120)) if rng.random() < 0.4 else None
                cases.append(
                    Case(
                        direction=d.value,
                        kind=k.value,
                        status=status.value,
                        legal_bases=f["legal_bases"],
                        requesting_state_id=f["requesting_state"],
                        requested_state_id=f["requested_state"],
                        owner_authority_id=owner,
                        our_reference=f"tmp-{done}-{len(cases)}-{seed}",
                        their_reference=f["their_reference"],
                        title=f["title"],
                        facts=f["facts"],
                        urgency=f["urgency"],
                        custody=f["custody"],
                        sealed=f["sealed"],
                        officer=officer,
                        due_at=due,
                    )
                )
                specs.append(f)
            Case.objects.bulk_create(cases, batch_size=5000)
            year = now.year
            for c in cases:
                c.our_reference = make_reference(
                    state=home, kind=CaseKind(c.kind), year=year, number=c.pk
                )
            Case.objects.bulk_update(cases, ["our_reference"], batch_size=5000)
            persons: list[tuple[Person, PersonInput]] = []
            name_rows: list[PersonName] = []
            nats: list[Nationality] = []
            offences: list[Offence] = []
            grants: list[CaseGrant] = []
            events: list[CaseEvent] = []
            terms: list[tuple[int, str]] = []
            for c, f in zip(cases, specs, strict=True):
                grants.append(CaseGrant(case=c, user=officer, granted_by=officer))
                events.append(
                    CaseEvent(case=c, at=now, actor=officer, kind="created", to_status=c.status)
                )
                for o in f["offences"]:
                    offences.append(
                        Offence(
                            case=c,
                            description=o.description,
                            legal_provisions=o.legal_provisions,
                            max_penalty_months=o.max_penalty_months,
                            place=o.place,
                        )
                    )
                person_names: list[str] = []
                for p in f["persons"]:
                    year_, month, day = (int(x) for x in [*p.birth_date.split("-"), 0, 0][:3])
                    person = Person(
                        case=c,
                        role=p.role,
                        gender=p.gender,
                        birth_year=year_,
                        birth_month=month or None,
                        birth_day=day or None,
                    )
                    persons.append((person, p))
                    person_names += [n.full_name for n in p.names] + [n.latin for n in p.names]
                # The same terms as the writer's (services.indexing): identity documents are
                # not stored by this bulk loader, so they are not indexed either.
                found = case_terms_of(
                    references=[c.our_reference, c.their_reference],
                    texts=[c.title, c.subject, c.facts]
                    + [t for o in f["offences"] for t in (o.description, o.place)],
                    names=person_names,
                    documents=[],
                )
                terms.extend((c.pk, t) for t in found)
            Person.objects.bulk_create([p for p, _ in persons], batch_size=5000)
            for person, p in persons:
                name_rows.extend(
                    PersonName(
                        person=person,
                        role=n.role,
                        full_name=n.full_name,
                        latin=n.latin,
                        script=script_of(n.full_name),
                    )
                    for n in p.names
                )
                nats.extend(Nationality(person=person, state_id=s) for s in p.nationalities)
            PersonName.objects.bulk_create(name_rows, batch_size=5000)
            Nationality.objects.bulk_create(nats, batch_size=5000)
            Offence.objects.bulk_create(offences, batch_size=5000)
            CaseGrant.objects.bulk_create(grants, batch_size=5000)
            CaseEvent.objects.bulk_create(events, batch_size=5000)
            if pg:
                _copy(SearchTerm, ["case_id", "term"], iter(terms))
            else:
                SearchTerm.objects.bulk_create(
                    [SearchTerm(case_id=cid, term=t) for cid, t in terms], batch_size=5000
                )
            audit_record_many(
                Entry(
                    actor_id=officer.pk,
                    actor=officer.username,
                    action="case.open",
                    object_type="cases.case",
                    object_id=str(c.pk),
                    case_id=c.pk,
                    changes={"reference": c.our_reference, "bulk": True},
                )
                for c in cases
            )
        done += n
        if progress:
            progress(done)
    return done
