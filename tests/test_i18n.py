"""The English catalogue covers every Dutch source string."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(po_text: str):
    """(msgid, msgstr-is-empty, fuzzy) for every entry but the header."""
    for block in po_text.split("\n\n"):
        if "msgid" not in block:
            continue
        msgid = "".join(
            re.findall(r'^(?:msgid|msgid_plural)? ?"(.*)"$', block.split("msgstr")[0], re.M)
        )
        if not msgid:
            continue
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        empty = any(not "".join(re.findall(r'"(.*)"', s)) for s in msgstrs) or not msgstrs
        yield msgid, empty, "#, fuzzy" in block


def test_every_dutch_string_has_an_english_translation():
    po = CATALOGUE.read_text()
    missing = [msgid for msgid, empty, fuzzy in _entries(po) if empty or fuzzy]
    assert not missing, f"{len(missing)} strings lack an English translation, e.g. {missing[:5]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext not installed")
def test_the_english_catalogue_is_up_to_date_with_the_source(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "test-artifacts"),
    )
    before = {m for m, _e, _f in _entries((copy / "locale/en/LC_MESSAGES/django.po").read_text())}
    subprocess.run(
        [
            str(ROOT / ".venv/bin/python"),
            "manage.py",
            "makemessages",
            "-l",
            "en",
            "--no-obsolete",
            "--ignore=bench/*",
            "--ignore=tests/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    after = {m for m, _e, _f in _entries((copy / "locale/en/LC_MESSAGES/django.po").read_text())}
    assert after <= before, f"strings not yet in the catalogue: {sorted(after - before)[:10]}"


def test_a_page_speaks_english_when_english_is_chosen(client, db):
    from django.urls import reverse

    client.cookies["django_language"] = "en"
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page
    assert "Log in" in page or "Sign in" in page
    assert "Wachtwoord vergeten" not in page
