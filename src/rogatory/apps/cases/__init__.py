"""Requests (MLA, extradition, ...), their persons, offences, measures, documents, events,
deadlines and grants. Imports directory, accounts and audit; never web or api."""
