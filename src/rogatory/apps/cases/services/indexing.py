from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

from rogatory.apps.cases.models import (
    Case,
    IdentityDocument,
    Offence,
    Person,
    PersonName,
    SearchTerm,
)
from rogatory.apps.cases.search import case_terms_of


def case_terms(case: Case) -> set[str]:
    """The terms of everything a user may type to find the case: references, title, subject,
    facts, offences and their places, persons' names, places and identity documents."""
    names = PersonName.objects.filter(person__case=case).values_list("full_name", "latin")
    offences = Offence.objects.filter(case=case).values_list("description", "place")
    places = Person.objects.filter(case=case).values_list("birth_place", "location")
    numbers = IdentityDocument.objects.filter(person__case=case).values_list("number", flat=True)
    return case_terms_of(
        references=[case.our_reference, case.their_reference],
        texts=[
            case.title,
            case.subject,
            case.facts,
            *(t for row in offences for t in row),
            *(t for row in places for t in row),
        ],
        names=[n for pair in names for n in pair],
        documents=list(numbers),
    )


def case_reindex(case: Case) -> None:
    """Replace the case's search terms (call inside the writing transaction)."""
    SearchTerm.objects.filter(case=case).delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(case=case, term=t) for t in sorted(case_terms(case))], batch_size=1000
    )


def search_reindex_all(*, batch: int = 2000, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the search terms of every case, a batch of cases per transaction (after an
    upgrade that indexes more of a case). Returns the number of cases indexed."""
    done = 0
    last = 0
    while True:
        cases = list(
            Case.objects.filter(pk__gt=last)
            .order_by("pk")
            .values("pk", "our_reference", "their_reference", "title", "subject", "facts")[:batch]
        )
        if not cases:
            return done
        ids = [c["pk"] for c in cases]
        texts: dict[int, list[str]] = defaultdict(list)
        names: dict[int, list[str]] = defaultdict(list)
        numbers: dict[int, list[str]] = defaultdict(list)
        for case_id, description, place in Offence.objects.filter(case_id__in=ids).values_list(
            "case_id", "description", "place"
        ):
            texts[case_id] += [description, place]
        for case_id, birth_place, location in Person.objects.filter(case_id__in=ids).values_list(
            "case_id", "birth_place", "location"
        ):
            texts[case_id] += [birth_place, location]
        for case_id, full_name, latin in PersonName.objects.filter(
            person__case_id__in=ids
        ).values_list("person__case_id", "full_name", "latin"):
            names[case_id] += [full_name, latin]
        for case_id, number in IdentityDocument.objects.filter(person__case_id__in=ids).values_list(
            "person__case_id", "number"
        ):
            numbers[case_id].append(number)
        rows = [
            SearchTerm(case_id=c["pk"], term=t)
            for c in cases
            for t in sorted(
                case_terms_of(
                    references=[c["our_reference"], c["their_reference"]],
                    texts=[c["title"], c["subject"], c["facts"], *texts[c["pk"]]],
                    names=names[c["pk"]],
                    documents=numbers[c["pk"]],
                )
            )
        ]
        with transaction.atomic():
            SearchTerm.objects.filter(case_id__in=ids).delete()
            SearchTerm.objects.bulk_create(rows, batch_size=5000)
        done += len(cases)
        last = ids[-1]
        if progress:
            progress(done)
