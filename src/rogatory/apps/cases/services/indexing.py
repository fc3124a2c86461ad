from rogatory.apps.cases.models import Case, PersonName, SearchTerm
from rogatory.apps.cases.search import reference_terms, text_terms


def case_terms(case: Case) -> set[str]:
    names = PersonName.objects.filter(person__case=case).values_list("full_name", "latin")
    terms = reference_terms(case.our_reference)
    if case.their_reference:
        terms |= reference_terms(case.their_reference)
    terms |= text_terms([case.title, case.facts, *(n for pair in names for n in pair)])
    return terms


def case_reindex(case: Case) -> None:
    """Replace the case's search terms (call inside the writing transaction)."""
    SearchTerm.objects.filter(case=case).delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(case=case, term=t) for t in sorted(case_terms(case))], batch_size=1000
    )
