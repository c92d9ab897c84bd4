"""Loading topics.toml and the gazetteers: the shipped files load, bad files fail with
one line naming the file, the entry and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crawler.config import (
    ConfigError,
    Topic,
    load_gazetteer,
    load_topic,
    load_topics,
)

CONFIG = Path(__file__).resolve().parent.parent / "config"

GOOD_TOPIC = """
[[topic]]
id = "t"
threshold = 3
together = ["a", "b"]
  [[topic.concept]]
  id = "a"
  weight = 2
  terms_en = ["AI"]
  [[topic.concept]]
  id = "b"
  terms_zh = ["政府"]
"""


def write(tmp_path: Path, text: str, name: str = "topics.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_topic_loads() -> None:
    topic = load_topic(CONFIG, "public-sector-ai")
    assert isinstance(topic, Topic)
    assert {c.id for c in topic.concepts} == {"ai", "public", "action"}
    assert "人工智能" in next(c for c in topic.concepts if c.id == "ai").terms
    assert topic.together == ("ai", "public")


def test_shipped_gazetteer_loads_with_required_entries() -> None:
    g = load_gazetteer(CONFIG / "gazetteers")
    ids = {a.id for a in g.agencies}
    for required in ("hk-dpo", "hk-itib", "hk-customs", "hk-wsd", "hk-csb", "hk-ha", "hk-police",
                     "hk-legco", "hk-hkstp", "hk-hkpc", "hk-cyberport", "hk-astri", "cn-cac",
                     "cn-sz-data", "cn-gd-data", "sg-govtech", "gb-dsit", "us-nist",
                     "eu-ai-office", "au-dta", "ca-ised", "tw-moda", "mo-safp"):
        assert required in ids
    dpo = g.agency("hk-dpo")
    assert dpo is not None and dpo.name == "Digital Policy Office"
    assert "數字政策辦公室" in dpo.names_zh_hant and "DPO" in dpo.ambiguous
    assert {j.code for j in g.jurisdictions} >= {"HK", "CN", "MO", "TW", "SG", "GB", "US", "EU"}
    assert {v.id for v in g.vendors} >= {"microsoft", "openai", "huawei", "sensetime", "hkstp"}
    assert any(v.agency == "hk-hkstp" for v in g.vendors)
    assert "hk-science-park" in {loc.id for loc in g.locations}
    assert all(a.source for a in g.agencies)


def test_topic_ok_and_defaults(tmp_path: Path) -> None:
    topics = load_topics(write(tmp_path, GOOD_TOPIC))
    assert topics["t"].concepts[1].weight == 1.0
    assert topics["t"].concepts[1].required is True


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ('threshold = 3', 'threshold = "high"', "topic 't': key 'threshold': expected an integer or a number"),
        ('threshold = 3', '', "topic 't': key 'threshold': missing"),
        ('threshold = 3', 'threshold = -1', "topic 't': key 'threshold': must be at least 0"),
        ('together = ["a", "b"]', 'together = ["a", "zz"]', "topic 't': key 'together': unknown concept 'zz'"),
        ('  weight = 2', '  weight = true', "topic 't' concept 'a': key 'weight'"),
        ('  terms_en = ["AI"]', '  terms_en = []', "topic 't' concept 'a': key 'terms_en': no terms"),
        ('  terms_zh = ["政府"]', '  terms_zh = ["政府", ""]', "topic 't' concept 'b': key 'terms_zh'"),
        ('  id = "b"', '  id = "a"', "topic 't': key 'concept': duplicate concept id 'a'"),
        ('  id = "b"', '  id = "B b"', "topic 't' concept 'B b': key 'id': not a lowercase slug"),
        ('threshold = 3', 'threshold = 3\nthreshhold = 4', "topic 't': key 'threshhold': unknown key"),
    ],
)
def test_bad_topic_names_file_entry_key(tmp_path: Path, replace: str, by: str, expected: str) -> None:
    path = write(tmp_path, GOOD_TOPIC.replace(replace, by, 1))
    with pytest.raises(ConfigError) as err:
        load_topics(path)
    message = str(err.value)
    assert message.startswith(str(path)), message
    assert expected in message
    assert "\n" not in message


def test_topic_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_topics(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_topics(write(tmp_path, "[[topic]\nid="))
    with pytest.raises(ConfigError, match="unknown topic 'nope'"):
        write(tmp_path, GOOD_TOPIC)
        load_topic(tmp_path, "nope")


@pytest.fixture()
def gazetteer_dir(tmp_path: Path) -> Path:
    target = tmp_path / "gazetteers"
    shutil.copytree(CONFIG / "gazetteers", target)
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("agencies.toml", 'id = "hk-dpo", name = "Digital Policy Office"', 'id = "hk-dpo"',
         "agency 'hk-dpo': key 'name': missing"),
        ("agencies.toml", 'kind = "public company" },\n  { id = "hk-hkpc"', 'kind = "ministry" },\n  { id = "hk-hkpc"',
         "agency 'hk-hkstp': key 'kind': unknown value 'ministry'"),
        ("agencies.toml", 'id = "hk-wsd", name = "Water Supplies Department"',
         'id = "hk-wsd", jurisdiction = "XX", name = "Water Supplies Department"',
         "agency 'hk-wsd': key 'jurisdiction': unknown code 'XX'"),
        ("agencies.toml", 'ambiguous = ["DPO",', 'ambiguous = ["DP0",',
         "agency 'hk-dpo': key 'ambiguous': 'DP0' is not one of this entry's names"),
        ("agencies.toml", 'id = "hk-wsd"', 'id = "hk-dpo"', "agency 'hk-dpo': key 'id': duplicate id"),
        ("agencies.toml", 'abbreviations = ["WSD"]', 'abbreviations = "WSD", colour = "blue"',
         "agency 'hk-wsd': key 'colour': unknown key"),
        ("vendors.toml", 'agency = "hk-hkpc"', 'agency = "hk-nope"',
         "vendor 'hkpc': key 'agency': unknown agency id 'hk-nope'"),
        ("vendors.toml", 'id = "openai", name = "OpenAI", names_zh_hant = []', 'id = "openai", name = "OpenAI", names_zh_hant = [1]',
         "vendor 'openai': key 'names_zh_hant'"),
        ("locations.toml", 'id = "cn-qianhai", name = "Qianhai", names_zh_hans = ["前海", "前海合作区"], jurisdiction = "CN", kind = "zone", source = "cn"',
         'id = "cn-qianhai", name = "Qianhai", jurisdiction = "CN", kind = "zone", source = "nowhere"',
         "location 'cn-qianhai': key 'source': unknown source 'nowhere'"),
        ("jurisdictions.toml", 'code = "SG"', 'code = "Singapore"',
         "jurisdiction 'Singapore': key 'code': not an ISO 3166 code"),
        ("locations.toml", 'false_friends = ["广东话"]', 'false_friends = ["普通话"]',
         "location 'cn-guangdong': key 'false_friends': '普通话' does not contain one of this entry's names"),
        ("jurisdictions.toml",
         'false_friends = ["New South Wales", "New England", "British Columbia"]',
         'false_friends = ["Wales"]',
         "jurisdiction 'GB': key 'false_friends': 'Wales' does not contain one of this entry's names"),
    ],
)
def test_bad_gazetteer_names_file_entry_key(gazetteer_dir: Path, file: str, old: str, new: str,
                                            expected: str) -> None:
    path = gazetteer_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, "test setup: the shipped file changed"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_gazetteer(gazetteer_dir)
    message = str(err.value)
    assert message.startswith(str(path)), message
    assert expected in message
    assert "\n" not in message


def test_list_after_sources_table_is_explained(gazetteer_dir: Path) -> None:
    path = gazetteer_dir / "vendors.toml"
    path.write_text('[sources]\nsite = "x"\nvendor = [{ id = "a", name = "A", source = "site" }]\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[sources\]: key 'vendor': expected a string"):
        load_gazetteer(gazetteer_dir)


EXTRA_AGENCIES = """
[sources]
test = "a test source"

[[group]]
jurisdiction = "SG"
kind = "statutory body"
source = "test"
agency = [
  { id = "sg-test-board", name = "Test Board of Singapore", abbreviations = ["TBS"] },
]
"""


def test_agencies_may_be_split_into_a_folder(gazetteer_dir: Path) -> None:
    (gazetteer_dir / "agencies").mkdir(exist_ok=True)
    (gazetteer_dir / "agencies" / "zz-test.toml").write_text(EXTRA_AGENCIES, encoding="utf-8")
    g = load_gazetteer(gazetteer_dir)
    extra = g.agency("sg-test-board")
    assert extra is not None and extra.jurisdiction == "SG" and extra.abbreviations == ("TBS",)
    assert g.agency("hk-dpo") is not None  # agencies.toml still read


def test_duplicate_id_across_files_names_both(gazetteer_dir: Path) -> None:
    (gazetteer_dir / "agencies").mkdir(exist_ok=True)
    extra = gazetteer_dir / "agencies" / "zz-test.toml"
    extra.write_text(EXTRA_AGENCIES.replace("sg-test-board", "hk-dpo"), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_gazetteer(gazetteer_dir)
    message = str(err.value)
    assert message.startswith(str(extra)) and "duplicate id 'hk-dpo'" in message
    assert "agencies.toml" in message and "\n" not in message


def test_missing_list_file_is_one_line(gazetteer_dir: Path) -> None:
    (gazetteer_dir / "vendors.toml").unlink()
    shutil.rmtree(gazetteer_dir / "vendors", ignore_errors=True)
    with pytest.raises(ConfigError, match=r"vendors\.toml: file not found \(nor any vendors/\*\.toml"):
        load_gazetteer(gazetteer_dir)


def test_agency_terms_keep_shared_full_names_and_drop_lone_ambiguous_ones() -> None:
    from crawler.config import agency_terms

    terms = set(agency_terms(load_gazetteer(CONFIG / "gazetteers")))
    assert "教育部" in terms  # ambiguous for Beijing's and Taipei's ministries, public either way
    assert "Housing & Development Board" in terms and "Housing and Development Board" in terms
    assert "DPO" not in terms  # one agency's ambiguous abbreviation
    assert "市数据局" in terms and "省科技厅" in terms  # offices in their administrative form


def test_agency_terms_keep_names_that_read_as_public_bodies() -> None:
    from crawler.config import agency_terms

    terms = set(agency_terms(load_gazetteer(CONFIG / "gazetteers")))
    assert "衞生局" in terms or "衛生局" in terms  # Macao's, marked ambiguous: still public
    assert "HA" not in terms  # an ambiguous abbreviation
