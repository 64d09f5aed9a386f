"""The gazetteer: built from installed packages, spelling variants, GeoNames dump import, CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventledger.geo.cli import app
from eventledger.geo.gazetteer import Gazetteer, GazetteerError, ensure_built
from eventledger.geo.importer import import_files
from eventledger.geo.names import name_key

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.fixture()
def index_copy(tmp_path: Path) -> Path:
    """A private copy of the built index, so that imports do not touch the shared one."""
    path = tmp_path / "gazetteer.sqlite"
    shutil.copy(ensure_built(), path)
    return path


@pytest.mark.parametrize("variant", ["Hasaka", "Hasakah", "Al-Hasakah", "al-Hasakah", "Hassakeh", "El Haseke"])
def test_transliteration_variants_find_the_same_city(gazetteer: Gazetteer, variant: str) -> None:
    cities = [c for c in gazetteer.search(variant, country="SY") if c.feature_class == "P"]
    assert cities and cities[0].geonameid == 173811


def test_name_key_folds_articles_hyphens_and_type_words() -> None:
    assert name_key("Deir ez-Zor") == name_key("Deir al Zor") == "deir zor"
    assert name_key("Diyala Governorate") == name_key("Diyala province") == "diyala"
    assert name_key("al-") == ""
    assert name_key("Colombia's") == name_key("Colombia’s") == "colombia"  # a possessive, not part of the name
    assert name_key("Ra's al-Ayn") == "ras ayn"


def test_admin1_units_are_places(gazetteer: Gazetteer) -> None:
    diyala = gazetteer.search("Diyala province")[0]
    assert (diyala.feature_code, diyala.country_code, diyala.admin1) == ("ADM1", "IQ", "Diyala")
    assert 33 < diyala.latitude < 35.5 and 44 < diyala.longitude < 46.5


def test_close_spellings_match_by_fuzzy_search(gazetteer: Gazetteer) -> None:
    found = gazetteer.search("Deir al-Zur")
    assert found[0].country_code == "SY" and found[0].score < 100


def test_a_name_written_as_one_word_finds_the_two_word_place(gazetteer: Gazetteer) -> None:
    assert [(c.name, c.country_code) for c in gazetteer.search("Banibangou", fuzzy=False)] == [("Bani Bangou", "NE")]
    assert gazetteer.search("Sanaa", fuzzy=False)[0].country_code == "YE"  # a one-word name is matched as itself


def test_unknown_names_find_nothing(gazetteer: Gazetteer) -> None:
    assert gazetteer.search("Qwxzyville") == []


def test_import_adds_villages_admin2_and_alternate_names(index_copy: Path) -> None:
    stats = import_files([DATA / "alternate_names_sample.txt", DATA / "geonames_sample.txt"], db=index_copy)
    assert stats.places == 3  # two villages and one district; the mountain (class T) is skipped
    gaz = Gazetteer(index_copy)
    village = gaz.search("Khirbet Umm Zar")[0]
    assert (village.geonameid, village.country_code, village.admin2) == (9900002, "SY", "Mintaqat Sahm")
    assert village.admin1 == "Halab"  # admin1 name from the packaged data, by code SY.09
    assert gaz.search("Umm Zar Village")[0].geonameid == 9900002  # from the alternate names file
    assert gaz.search("Jabal Sahm", fuzzy=False) == []


def test_import_rejects_files_that_are_not_dumps(index_copy: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes\n")
    with pytest.raises(GazetteerError, match="not a GeoNames dump"):
        import_files([bad], db=index_copy)


def test_cli_lookup_and_friendly_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["lookup", "Mosul", "--country", "IQ"])
    assert result.exit_code == 0 and "Mosul" in result.output
    assert runner.invoke(app, ["lookup", "Qwxzyville"]).exit_code == 1
    missing = runner.invoke(app, ["import", str(tmp_path / "missing.txt")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_cli_import_goes_to_the_users_copy_not_the_shared_index(tmp_path: Path, monkeypatch) -> None:
    from eventledger.geo.gazetteer import base_path, user_path

    monkeypatch.setenv("EVENTLEDGER_HOME", str(tmp_path / "home"))
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(DATA / "geonames_sample.txt")])
    assert result.exit_code == 0, result.output
    assert "imported 3 places" in result.output and user_path().exists()
    found = runner.invoke(app, ["lookup", "Khirbet Umm Zar", "--country", "SY"])
    assert found.exit_code == 0 and "9900002" in found.output
    assert Gazetteer(base_path()).search("Khirbet Umm Zar", fuzzy=False) == []
