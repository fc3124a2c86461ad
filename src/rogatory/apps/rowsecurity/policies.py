"""The row-level security policies of the case tables, as PostgreSQL text.

They mirror `rogatory.apps.cases.selectors.visible_cases_q`, so that a query which forgets the
selector still returns nothing the acting user may not see:
- a case is visible to its team (an unrevoked grant);
- to supervisors and auditors of the owning authority unless it is sealed;
- to registry clerks of the owning authority while it waits to be registered (received),
  unless sealed; never to administrators, inactive users or nobody.
The acting user is the setting `rogatory.user_id`, set for each request
(rogatory.apps.rowsecurity.middleware); `rogatory.system = 'on'` is the explicit system
context of background work (rogatory.apps.rowsecurity.context.system_context).

FORCE makes the table owner obey the policies too: only a superuser or a BYPASSRLS role
(which the application must never use) sees past them.
"""

from rogatory.core.workflow import CaseState, Role

USER_SETTING = "rogatory.user_id"
SYSTEM_SETTING = "rogatory.system"
# Cases inserted or changed in the current transaction (noted by a trigger, transaction-local):
# the INSERT ... RETURNING that creates a case must read back the row it has just been allowed
# to write, before the grant that makes its author part of the team exists; and a step that
# takes a case out of its author's sight (a clerk registering it) still writes its event in
# the same transaction. Only a row the user could write is noted, and the note ends with the
# transaction.
OPENED_SETTING = "rogatory.opened_cases"

# Tables whose rows belong to one case, with the column naming it.
CASE_CHILD_TABLES: tuple[tuple[str, str], ...] = (
    ("cases_casegrant", "case_id"),
    ("cases_person", "case_id"),
    ("cases_offence", "case_id"),
    ("cases_measure", "case_id"),
    ("cases_document", "case_id"),
    ("cases_caseevent", "case_id"),
    # The search index: without it, search would be an oracle for words of hidden cases.
    ("cases_searchterm", "case_id"),
)
# Tables whose rows belong to a person (and so to the person's case).
PERSON_CHILD_TABLES: tuple[tuple[str, str], ...] = (("cases_personname", "person_id"),)

PROTECTED_TABLES: tuple[str, ...] = (
    "cases_case",
    *(t for t, _ in CASE_CHILD_TABLES),
    *(t for t, _ in PERSON_CHILD_TABLES),
)

_SEES_OWN_AUTHORITY = f"('{Role.SUPERVISOR.value}', '{Role.AUDITOR.value}')"
_MAY_OPEN = (
    f"('{Role.CASE_OFFICER.value}', '{Role.SUPERVISOR.value}', '{Role.REGISTRY_CLERK.value}')"
)

# The functions read the grant, case and user tables under the system setting (the SET clause
# holds only while they run): a policy on cases that read grants whose own policy read cases
# would otherwise recurse.
# The cases a user's transaction opened or changed, so that it may go on writing to them
# (rogatory_case_visible). Only a user's transaction under row security needs the note: the
# system context and roles that bypass row security see every row, and appending each row of
# a bulk change (a million cases in one statement) to one setting grew it quadratically. A case
# already noted is not noted twice.
NOTE_OPENED = f"""
CREATE OR REPLACE FUNCTION rogatory_note_opened() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF rogatory_system() OR NOT row_security_active('cases_case') THEN
    RETURN NEW;
  END IF;
  IF NOT (NEW.id::text = ANY (string_to_array(current_setting('{OPENED_SETTING}', true), ',')))
  THEN
    PERFORM set_config('{OPENED_SETTING}',
      concat_ws(',', nullif(current_setting('{OPENED_SETTING}', true), ''), NEW.id::text), true);
  END IF;
  RETURN NEW;
END
$$;
"""

# Built from constants of this module and enums only, never from input.
FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION rogatory_system() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('{SYSTEM_SETTING}', true), '') = 'on'
$$;

CREATE OR REPLACE FUNCTION rogatory_user_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN coalesce(current_setting('{USER_SETTING}', true), '') ~ '^[0-9]{{1,18}}$'
              THEN current_setting('{USER_SETTING}', true)::bigint END
$$;

CREATE OR REPLACE FUNCTION rogatory_case_visible(cid bigint) RETURNS boolean
LANGUAGE sql STABLE SET {SYSTEM_SETTING} = 'on' AS $$
  SELECT EXISTS (
    SELECT 1 FROM cases_case c JOIN accounts_user u ON u.id = rogatory_user_id()
    WHERE c.id = cid AND u.is_active AND (
      EXISTS (SELECT 1 FROM cases_casegrant g
              WHERE g.case_id = c.id AND g.user_id = u.id AND g.revoked_at IS NULL)
      OR (u.role IN {_SEES_OWN_AUTHORITY}
          AND c.owner_authority_id = u.authority_id AND NOT c.sealed)
      OR (u.role = '{Role.REGISTRY_CLERK.value}' AND c.owner_authority_id = u.authority_id
          AND NOT c.sealed AND c.status = '{CaseState.RECEIVED.value}')
    )
  ) OR cid::text = ANY (string_to_array(current_setting('{OPENED_SETTING}', true), ','))
$$;

CREATE OR REPLACE FUNCTION rogatory_may_open(authority bigint) RETURNS boolean
LANGUAGE sql STABLE SET {SYSTEM_SETTING} = 'on' AS $$
  SELECT EXISTS (
    SELECT 1 FROM accounts_user u
    WHERE u.id = rogatory_user_id() AND u.is_active AND u.role IN {_MAY_OPEN}
      AND u.authority_id = authority
  )
$$;

CREATE OR REPLACE FUNCTION rogatory_person_case(pid bigint) RETURNS bigint
LANGUAGE sql STABLE SET {SYSTEM_SETTING} = 'on' AS $$
  SELECT case_id FROM cases_person WHERE id = pid
$$;

"""  # noqa: S608
FUNCTIONS += NOTE_OPENED


def _case_table() -> str:
    return """
ALTER TABLE cases_case ENABLE ROW LEVEL SECURITY;
ALTER TABLE cases_case FORCE ROW LEVEL SECURITY;
DROP TRIGGER IF EXISTS rogatory_case_opened ON cases_case;
CREATE TRIGGER rogatory_case_opened BEFORE INSERT OR UPDATE ON cases_case
  FOR EACH ROW EXECUTE FUNCTION rogatory_note_opened();
CREATE POLICY rogatory_read ON cases_case FOR SELECT
  USING (rogatory_system() OR rogatory_case_visible(id));
CREATE POLICY rogatory_open ON cases_case FOR INSERT
  WITH CHECK (rogatory_system() OR rogatory_may_open(owner_authority_id));
CREATE POLICY rogatory_change ON cases_case FOR UPDATE
  USING (rogatory_system() OR rogatory_case_visible(id))
  WITH CHECK (rogatory_system() OR rogatory_user_id() IS NOT NULL);
CREATE POLICY rogatory_remove ON cases_case FOR DELETE
  USING (rogatory_system() OR rogatory_case_visible(id));
"""


def _child_table(table: str, visible: str) -> str:
    return f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
CREATE POLICY rogatory_case_rows ON {table}
  USING (rogatory_system() OR {visible})
  WITH CHECK (rogatory_system() OR {visible});
"""


def enable_sql() -> str:
    parts = [FUNCTIONS, _case_table()]
    parts += [_child_table(t, f"rogatory_case_visible({c})") for t, c in CASE_CHILD_TABLES]
    parts += [
        _child_table(t, f"rogatory_case_visible(rogatory_person_case({c}))")
        for t, c in PERSON_CHILD_TABLES
    ]
    return "\n".join(parts)


def disable_sql() -> str:
    parts = []
    for table in PROTECTED_TABLES:
        parts.append(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;")
        parts.append(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;")
        parts.append(f"DROP POLICY IF EXISTS rogatory_case_rows ON {table};")
    for name in ("rogatory_read", "rogatory_open", "rogatory_change", "rogatory_remove"):
        parts.append(f"DROP POLICY IF EXISTS {name} ON cases_case;")
    parts.append("DROP TRIGGER IF EXISTS rogatory_case_opened ON cases_case;")
    parts.append(
        "DROP FUNCTION IF EXISTS rogatory_note_opened(), rogatory_person_case(bigint), "
        "rogatory_may_open(bigint), rogatory_case_visible(bigint), rogatory_user_id(), "
        "rogatory_system();"
    )
    return "\n".join(parts)


# ---- The other tables that hold case data (migration rowsecurity/0002_more_case_tables) ----
# Their rows follow their case the same way, mirroring the selectors of their apps (each reads
# through `case_queryset_for` / `visible_cases_q`): a row is visible, and may be written, when
# its case is.

MORE_CASE_TABLES: tuple[tuple[str, str], ...] = (
    ("cases_deadline", "case_id"),
    ("cases_communication", "case_id"),
    ("cases_caseeventdate", "case_id"),
    ("cases_nationalityfollowup", "case_id"),
    ("proceedings_channelrecord", "case_id"),
    ("extradition_competingfile_cases", "case_id"),
    ("extradition_surrender", "case_id"),
    ("extradition_detentionassessment", "case_id"),
    ("extradition_assurance", "case_id"),
    ("extradition_monitoringvisit", "case_id"),
    ("hearings_hearing", "case_id"),
    ("hearings_hearingmessage", "case_id"),
)
MORE_PERSON_TABLES: tuple[tuple[str, str], ...] = (
    ("cases_nationality", "person_id"),
    ("cases_identitydocument", "person_id"),
)
# A parent table's row names the case: a function (run in the system context, like
# rogatory_person_case) gives the case of a parent's id.
PARENT_CASE_FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("rogatory_hearing_case", "hearings_hearing"),
    ("rogatory_surrender_case", "extradition_surrender"),
    ("rogatory_document_case", "cases_document"),
    ("rogatory_assessment_case", "extradition_detentionassessment"),
)
# (table, column naming the parent, function giving the parent's case)
PARENT_CHILD_TABLES: tuple[tuple[str, str, str], ...] = (
    ("hearings_slot", "hearing_id", "rogatory_hearing_case"),
    ("hearings_participant", "hearing_id", "rogatory_hearing_case"),
    ("hearings_safeguardrecord", "hearing_id", "rogatory_hearing_case"),
    ("hearings_connection", "hearing_id", "rogatory_hearing_case"),
    ("hearings_interruption", "hearing_id", "rogatory_hearing_case"),
    ("hearings_minutes", "hearing_id", "rogatory_hearing_case"),
    ("hearings_recording", "hearing_id", "rogatory_hearing_case"),
    ("extradition_specialityconsent", "surrender_id", "rogatory_surrender_case"),
    ("cases_documenttranslation", "original_id", "rogatory_document_case"),
    (
        "extradition_detentionassessment_general_sources",
        "detentionassessment_id",
        "rogatory_assessment_case",
    ),
)
# Tables with a rule of their own (see _special_tables).
SPECIAL_TABLES: tuple[str, ...] = (
    "cases_notification",
    "cases_caselink",
    "screening_personmatch",
    "extradition_competingfile",
    "extradition_consultation",
)
MORE_PROTECTED_TABLES: tuple[str, ...] = (
    *(t for t, _ in MORE_CASE_TABLES),
    *(t for t, _ in MORE_PERSON_TABLES),
    *(t for t, _, _ in PARENT_CHILD_TABLES),
    *SPECIAL_TABLES,
)
# Notices written in the current transaction (transaction-local, like OPENED_SETTING): the
# service that puts a case in a colleague's queue writes the colleague's notice, and the
# INSERT ... RETURNING must read back a row only its recipient may otherwise see.
WRITTEN_NOTICES_SETTING = "rogatory.written_notices"

_SPECIAL_POLICIES: tuple[tuple[str, str], ...] = (
    ("cases_notification", "rogatory_recipient"),
    ("cases_notification", "rogatory_notify"),
    ("cases_notification", "rogatory_mark"),
    ("cases_notification", "rogatory_forget"),
    ("cases_caselink", "rogatory_case_rows"),
    ("screening_personmatch", "rogatory_case_rows"),
    ("extradition_competingfile", "rogatory_case_rows"),
    ("extradition_consultation", "rogatory_case_rows"),
)


def _parent_functions() -> str:
    return "\n".join(
        f"""
CREATE OR REPLACE FUNCTION {name}(pid bigint) RETURNS bigint
LANGUAGE sql STABLE SET {SYSTEM_SETTING} = 'on' AS $$
  SELECT case_id FROM {table} WHERE id = pid
$$;
"""  # noqa: S608 - constants of this module only
        for name, table in PARENT_CASE_FUNCTIONS
    )


# A file is visible when no request in it is hidden (the selector's rule, which a file just
# opened, before its requests are added in the same transaction, passes; the row being
# inserted is not yet in the table, so the check cannot ask for it).
MORE_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION rogatory_competing_visible(fid bigint) RETURNS boolean
LANGUAGE sql STABLE SET {SYSTEM_SETTING} = 'on' AS $$
  SELECT fid IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM extradition_competingfile_cases l
      WHERE l.competingfile_id = fid AND NOT rogatory_case_visible(l.case_id))
$$;

CREATE OR REPLACE FUNCTION rogatory_note_notice() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('{WRITTEN_NOTICES_SETTING}',
    concat_ws(',', nullif(current_setting('{WRITTEN_NOTICES_SETTING}', true), ''),
              NEW.id::text), true);
  RETURN NEW;
END
$$;
"""  # noqa: S608


def _special_tables() -> str:
    forced = "".join(
        f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;\nALTER TABLE {t} FORCE ROW LEVEL SECURITY;\n"
        for t in SPECIAL_TABLES
    )
    return (
        forced
        + f"""
DROP TRIGGER IF EXISTS rogatory_notice_written ON cases_notification;
CREATE TRIGGER rogatory_notice_written BEFORE INSERT ON cases_notification
  FOR EACH ROW EXECUTE FUNCTION rogatory_note_notice();
-- A notice is its recipient's alone, and only while they may still open its case.
CREATE POLICY rogatory_recipient ON cases_notification FOR SELECT
  USING (rogatory_system()
         OR (user_id = rogatory_user_id() AND rogatory_case_visible(case_id))
         OR id::text = ANY (string_to_array(
              current_setting('{WRITTEN_NOTICES_SETTING}', true), ',')));
-- Whoever puts a case they may see in a colleague's queue writes the colleague's notice.
CREATE POLICY rogatory_notify ON cases_notification FOR INSERT
  WITH CHECK (rogatory_system() OR rogatory_case_visible(case_id));
CREATE POLICY rogatory_mark ON cases_notification FOR UPDATE
  USING (rogatory_system() OR user_id = rogatory_user_id())
  WITH CHECK (rogatory_system() OR user_id = rogatory_user_id());
CREATE POLICY rogatory_forget ON cases_notification FOR DELETE
  USING (rogatory_system() OR user_id = rogatory_user_id());
-- A link or a match between two cases is shown only to whom may see both (the selectors'
-- rule): otherwise it would name a hidden case, or show its person's details.
CREATE POLICY rogatory_case_rows ON cases_caselink
  USING (rogatory_system()
         OR (rogatory_case_visible(source_id) AND rogatory_case_visible(target_id)))
  WITH CHECK (rogatory_system()
         OR (rogatory_case_visible(source_id) AND rogatory_case_visible(target_id)));
CREATE POLICY rogatory_case_rows ON screening_personmatch
  USING (rogatory_system()
         OR (rogatory_case_visible(case_id) AND rogatory_case_visible(other_case_id)))
  WITH CHECK (rogatory_system()
         OR (rogatory_case_visible(case_id) AND rogatory_case_visible(other_case_id)));
-- A competing-requests file only to whom may see every request in it.
CREATE POLICY rogatory_case_rows ON extradition_competingfile
  USING (rogatory_system() OR rogatory_competing_visible(id))
  WITH CHECK (rogatory_system() OR rogatory_competing_visible(id));
-- A consultation follows its case, or its competing-requests file.
CREATE POLICY rogatory_case_rows ON extradition_consultation
  USING (rogatory_system() OR CASE WHEN case_id IS NOT NULL
         THEN rogatory_case_visible(case_id)
         ELSE rogatory_competing_visible(competing_file_id) END)
  WITH CHECK (rogatory_system() OR CASE WHEN case_id IS NOT NULL
         THEN rogatory_case_visible(case_id)
         ELSE rogatory_competing_visible(competing_file_id) END);
"""
    )


def more_enable_sql() -> str:
    parts = [_parent_functions(), MORE_FUNCTIONS]
    parts += [_child_table(t, f"rogatory_case_visible({c})") for t, c in MORE_CASE_TABLES]
    parts += [
        _child_table(t, f"rogatory_case_visible(rogatory_person_case({c}))")
        for t, c in MORE_PERSON_TABLES
    ]
    parts += [
        _child_table(t, f"rogatory_case_visible({f}({c}))") for t, c, f in PARENT_CHILD_TABLES
    ]
    parts.append(_special_tables())
    return "\n".join(parts)


def more_disable_sql() -> str:
    parts = []
    for table in MORE_PROTECTED_TABLES:
        parts.append(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;")
        parts.append(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;")
        parts.append(f"DROP POLICY IF EXISTS rogatory_case_rows ON {table};")
    parts += [f"DROP POLICY IF EXISTS {p} ON {t};" for t, p in _SPECIAL_POLICIES]
    parts.append("DROP TRIGGER IF EXISTS rogatory_notice_written ON cases_notification;")
    functions = ["rogatory_note_notice()", "rogatory_competing_visible(bigint)"]
    functions += [f"{name}(bigint)" for name, _ in PARENT_CASE_FUNCTIONS]
    parts.append(f"DROP FUNCTION IF EXISTS {', '.join(functions)};")
    return "\n".join(parts)
