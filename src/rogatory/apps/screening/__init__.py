"""Same-person screening across cases: the node's person index (core.matching), suggested
links between cases that name the same person, and officers' decisions on them.
Imports cases, audit and core.matching; cases calls it explicitly (no signals)."""
