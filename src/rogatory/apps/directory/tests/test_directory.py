import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.directory.models import CentralAuthority, State
from rogatory.apps.directory.services import directory_export, directory_import
from rogatory.apps.directory.un_members import UN_MEMBER_CODES
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_there_are_193_un_member_states() -> None:
    assert len(UN_MEMBER_CODES) == 193


def test_seed_names_every_member_state_in_the_six_languages() -> None:
    # when the directory is seeded
    call_command("directory", "seed", stdout=io.StringIO())
    # then every Member State and the three fictional States exist, named in six languages
    assert State.objects.filter(un_member=True).count() == 193
    assert set(State.objects.filter(fictional=True).values_list("code", flat=True)) == {
        "XA",
        "XB",
        "XC",
    }
    france = State.objects.get(code="FR")
    assert set(france.names) == {"ar", "en", "es", "fr", "ru", "zh-hans"}
    assert (france.names["fr"], france.names["ru"], france.names["zh-hans"]) == (
        "France",
        "Франция",
        "法国",
    )
    assert france.name("ar") == "فرنسا"


def test_export_then_import_round_trips(authorities: Any, tmp_path: Path) -> None:
    # given an authority with contact details, languages and channels
    a = authorities["XA"]
    a.accepted_languages, a.channels, a.email = ["en", "fr"], ["secure_electronic"], "ca@xa.example"
    a.save()
    path = tmp_path / "directory.json"
    call_command("directory", "export", "--out", str(path))
    # when it is deleted and the export imported again
    CentralAuthority.objects.all().delete()
    call_command("directory", "import", str(path), stdout=io.StringIO())
    # then it is back as it was
    back = CentralAuthority.objects.get(state_id="XA")
    assert (back.name, back.email, back.accepted_languages, back.channels) == (
        "Central Authority of XA",
        "ca@xa.example",
        ["en", "fr"],
        ["secure_electronic"],
    )
    assert AuditEvent.objects.filter(action="directory.import").count() == 1


def test_a_bad_entry_rejects_the_whole_import(authorities: Any) -> None:
    data = directory_export()
    data["authorities"].append({"state": "XA", "instrument": "untoc_mla", "name": "New one"})
    data["authorities"].append({"state": "QQ", "instrument": "untoc_mla", "name": "Ghost"})
    before = CentralAuthority.objects.count()
    with pytest.raises(DomainError) as err:
        directory_import(actor=None, data=data)
    assert (err.value.code, err.value.params["where"]) == (
        "directory.unknown_state",
        "authorities[3]",
    )
    assert CentralAuthority.objects.count() == before


def test_import_of_something_else_is_refused_by_the_command(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    with pytest.raises(CommandError, match=r"directory\.unknown_format"):
        call_command("directory", "import", str(path))
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="not JSON"):
        call_command("directory", "import", str(path))
