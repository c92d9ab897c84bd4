"""Local offices composed from a place and an office name (crawler/config/offices.py, offices.toml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crawler.config import ConfigError, load_gazetteer, load_topic
from pipelines.relevance import score
from pipelines.tagging import Tagger

CONFIG = Path(__file__).resolve().parent.parent / "config"

PLACES = """
location = [
  { id = "cn-testprov", name = "Testprov", names_zh_hans = ["测江"], jurisdiction = "CN", kind = "province", source = "t" },
  { id = "cn-testcity", name = "Testcity", names_zh_hans = ["测城"], aliases = ["Test City"], jurisdiction = "CN", kind = "city", source = "t" },
  { id = "cn-twin-a", name = "Twin A", names_zh_hans = ["双子"], jurisdiction = "CN", kind = "province", source = "t" },
  { id = "cn-twin-b", name = "Twin B", names_zh_hans = ["双子"], jurisdiction = "CN", kind = "city", source = "t" },
  { id = "cn-plaincity", name = "Plaincity", names_zh_hans = ["平城市"], jurisdiction = "CN", kind = "city", source = "t", compose_offices = false },
]

[sources]
t = "test"
"""

OFFICES = """
[sources]
t = "test"

[[office]]
id = "data"
jurisdiction = "CN"
places = ["province", "city"]
kind = "government department"
source = "t"
name = "{place} Data Bureau"
aliases = ["{place} municipal data bureau"]
names_zh_hans = ["数据局", "大数据局"]

[[office]]
id = "gov"
jurisdiction = "CN"
places = ["city"]
kind = "executive office"
source = "t"
name = "People's Government of {place}"
names_zh_hans = ["人民政府", "政府"]
administrative_only = true
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "gazetteers"
    shutil.copytree(CONFIG / "gazetteers", target)
    (target / "locations").mkdir(exist_ok=True)
    (target / "locations" / "zz-test.toml").write_text(PLACES, encoding="utf-8")
    (target / "offices.toml").write_text(OFFICES, encoding="utf-8")
    return target


def ids(entries: list[dict[str, str]]) -> list[str]:
    return [e["id"] for e in entries]


def test_offices_are_composed_for_each_place(folder: Path) -> None:
    g = load_gazetteer(folder)
    data = g.agency("cn-testcity-data")
    assert data is not None and data.name == "Testcity Data Bureau" and data.place == "cn-testcity"
    assert data.jurisdiction == "CN" and data.kind == "government department"
    assert g.agency("cn-testprov-data") is not None
    assert g.agency("cn-testprov-gov") is None  # "gov" applies to cities only
    assert [o.id for o in g.offices] == ["data", "gov"]


def test_tagging_reports_office_jurisdiction_and_place(folder: Path) -> None:
    tagger = Tagger(load_gazetteer(folder))
    for title, text in (("", "测江大数据局今日发布通知。"), ("", "测江省大数据局"),
                        ("Data", "The Testprov Data Bureau said on Monday.")):
        tags = tagger.tag(title, text)
        assert ids(tags.agencies) == ["cn-testprov-data"], text
        assert tags.jurisdictions == ["CN"] and ids(tags.locations) == ["cn-testprov"], text
    # Traditional script matches the Simplified office names too
    assert ids(tagger.tag("", "測城市數據局").agencies) == ["cn-testcity-data"]


def test_administrative_only_needs_the_suffix(folder: Path) -> None:
    tagger = Tagger(load_gazetteer(folder))
    assert ids(tagger.tag("", "测城市人民政府宣布").agencies) == ["cn-testcity-gov"]
    assert ids(tagger.tag("", "测城政府宣布").agencies) == []  # bare place + 政府: not composed


def test_a_name_two_places_share_names_neither(folder: Path) -> None:
    g = load_gazetteer(folder)
    tagger = Tagger(g)
    assert ids(tagger.tag("", "双子数据局发布").agencies) == []  # province or city?
    assert ids(tagger.tag("", "双子省数据局发布").agencies) == ["cn-twin-a-data"]
    assert ids(tagger.tag("", "双子市数据局发布").agencies) == ["cn-twin-b-data"]


def test_a_listed_office_wins(folder: Path) -> None:
    (folder / "offices.toml").write_text(OFFICES.replace('"数据局", "大数据局"', '"科技厅"'),
                                         encoding="utf-8")
    g = load_gazetteer(folder)
    assert g.agency("cn-guangdong-data") is None  # 广东省科技厅 is listed as cn-gd-most
    assert ids(Tagger(g).tag("", "广东省科技厅发布").agencies) == ["cn-gd-most"]
    assert g.agency("cn-testprov-data") is not None


def test_composed_office_is_public_sector_evidence(folder: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    shutil.copytree(CONFIG, config, ignore=shutil.ignore_patterns("gazetteers"))
    shutil.copytree(folder, config / "gazetteers")
    topic = load_topic(config, "public-sector-ai")
    text = ("测城市大数据局昨日宣布，将在全市政务服务大厅部署人工智能客服系统，"
            "首批覆盖社保和公积金业务。测城市大数据局表示，系统基于大模型开发，计划年底前推广。")
    assert score("测城市大数据局部署人工智能客服", text, topic).relevant


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('kind = "government department"', 'kind = "ministry"', "office 'data': key 'kind': unknown value"),
        ('name = "{place} Data Bureau"', 'name = "Data Bureau"', "office 'data': key 'name': 'Data Bureau' must contain {place} once"),
        ('source = "t"\nname = "{place} Data', 'source = "x"\nname = "{place} Data', "office 'data': key 'source': unknown source 'x'"),
        ('jurisdiction = "CN"\nplaces = ["city"]', 'jurisdiction = "MO"\nplaces = ["province"]', "office 'gov': key 'places': no location of kind province in MO"),
        ('names_zh_hans = ["人民政府", "政府"]', 'names_zh_hans = ["数据局"]', "office 'gov': key 'names_zh_hans': '数据局' is also a name of office 'data'"),
        ('places = ["city"]', 'places = ["town"]', "office 'gov': key 'places': unknown location kind 'town'"),
        ('id = "gov"', 'id = "gov"\ncolour = "red"', "office 'gov': key 'colour': unknown key"),
    ],
)
def test_bad_office_names_file_entry_key(folder: Path, old: str, new: str, expected: str) -> None:
    path = folder / "offices.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_gazetteer(folder)
    message = str(err.value)
    assert message.startswith(str(path)) and expected in message and "\n" not in message, message


def test_shipped_offices_compose_mainland_bureaux(tagger: Tagger) -> None:
    tags = tagger.tag("北京市经信局推出AI政务助手", "北京市经济和信息化局表示，助手已上线。")
    assert ids(tags.agencies) == ["cn-beijing-miit"] and ids(tags.locations) == ["cn-beijing"]
    tags = tagger.tag("", "The Chengdu Municipal Data Bureau launched an AI assistant.")
    assert ids(tags.agencies) == ["cn-chengdu-data"]


@pytest.mark.parametrize(("text", "agency_id"), [
    # a province's or city's people's congress standing committee; a Taiwan city council
    ("浙江省人大常委会正在审议修正草案。", "cn-zhejiang-pcsc"),
    ("上海市人民代表大会常务委员会听取报告。", "cn-shanghai-pcsc"),
    ("The Standing Committee of Zhejiang Provincial People's Congress met.", "cn-zhejiang-pcsc"),
    ("高雄市議會部分議員要求公布合約。", "tw-kh-council"),
    ("宜蘭縣議會今天開會。", "tw-yilan-council"),
    ("新北市議會部分議員擔心影像保存過長。", "tw-ntpc-council"),
    ("北市議會今天開會。", "tw-tpe-council"),
])
def test_legislatures_of_places(tagger: Tagger, text: str, agency_id: str) -> None:
    assert ids(tagger.tag("", text).agencies) == [agency_id]


def test_office_words_inside_the_office_are_not_tagged_apart(tagger: Tagger) -> None:
    # 教育局 alone is Hong Kong's Education Bureau; after a mainland city it is that city's
    assert ids(tagger.tag("", "广州市教育局发布通知").agencies) == ["cn-guangzhou-edu"]
    assert ids(tagger.tag("", "教育局今日發布通告").agencies) == ["hk-edb"]


def test_false_endings_are_not_offices(folder: Path) -> None:
    tagger = Tagger(load_gazetteer(folder))
    assert ids(tagger.tag("", "测城数据局限于人手，未能回应").agencies) == []
    assert ids(tagger.tag("", "测城数据局长表示").agencies) == ["cn-testcity-data"]


def test_english_templates_around_the_place(folder: Path) -> None:
    (folder / "offices.toml").write_text(OFFICES.replace(
        'aliases = ["{place} municipal data bureau"]',
        'aliases = ["{place} municipal data bureau", "data bureau of {place} municipality"]'),
        encoding="utf-8")
    tagger = Tagger(load_gazetteer(folder))
    for text in ("The Data Bureau of Test City Municipality said", "the Testcity municipal data bureau"):
        assert ids(tagger.tag("", text).agencies) == ["cn-testcity-data"], text
    assert ids(tagger.tag("", "the Testcity bureau of data").agencies) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Sichuan Provincial Department of Transportation said", ["cn-sichuan-transport"]),
        ("天津市高级人民法院宣布推广AI辅助办案", ["cn-tianjin-hpc"]),
        ("天津高院介绍", ["cn-tianjin-hpc"]),
        ("合肥市数据资源局介绍", ["cn-hefei-data"]),
        ("苏州市统计局发布", ["cn-suzhou-stats"]),
        ("浙江省民政厅上线养老补贴智能体", ["cn-zhejiang-civil"]),
        ("广州海关启用智能审图系统", ["cn-guangzhou-customs"]),
        # Taiwan's county governments: the same office id in another jurisdiction
        ("宜蘭縣政府今日啟用AI客服", ["tw-yilan-gov"]),
        ("the Yilan County Government said", ["tw-yilan-gov"]),
        ("臺北市政府宣布", ["tw-tpe-gov"]),  # listed in agencies/tw.toml: the listing wins
    ],
)
def test_shipped_offices_in_running_text(tagger: Tagger, text: str, expected: list[str]) -> None:
    assert ids(tagger.tag("", text).agencies) == expected


def test_procuratorates_are_offices(tagger: Tagger) -> None:
    tags = tagger.tag("", "青岛市人民检察院利用AI模型比对社保数据。")
    assert ids(tags.agencies) == ["cn-qingdao-procuratorate"]


def test_healthcare_security_and_provident_fund_offices(tagger: Tagger) -> None:
    """Two more kinds of local office (issue #12): one id for both wordings."""
    tags = tagger.tag("", "江苏省医疗保障局和江苏省医保局表示，武汉住房公积金管理中心亦参与。")
    assert [a["id"] for a in tags.agencies] == ["cn-jiangsu-hsa", "cn-wuhan-hpf"]
    assert tags.agencies[0]["mentions"] == ["江苏省医疗保障局", "江苏省医保局"]


def test_a_place_without_composed_offices_still_has_its_offices(folder: Path) -> None:
    g = load_gazetteer(folder)
    assert g.agency("cn-plaincity-data") is None  # compose_offices = false
    assert g.agency("cn-testcity-data") is not None
    tags = Tagger(g).tag("", "平城市大数据局今日发布通知。")
    assert ids(tags.agencies) == ["cn-plaincity-data"]  # the id composing would give
    assert tags.agencies[0]["name_en"] == "Plaincity Data Bureau"
    assert not tags.agencies[0]["listed"]
    assert ids(tags.locations) == ["cn-plaincity"] and tags.jurisdictions == ["CN"]


def test_compose_offices_must_be_true_or_false(folder: Path) -> None:
    path = folder / "locations" / "zz-test.toml"
    path.write_text(PLACES.replace("compose_offices = false", 'compose_offices = "no"'),
                    encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_gazetteer(folder)
    assert "compose_offices" in str(err.value) and "zz-test.toml" in str(err.value)


@pytest.mark.parametrize(("text", "agencies", "locations"), [
    ("遵义市人民政府已将湄潭经验列入全市数字政府建设年度任务。", ["cn-zunyi-gov"], ["cn-zunyi"]),
    ("江苏省昆山市数据局表示。", ["cn-kunshan-data"], ["cn-jiangsu", "cn-kunshan"]),
    ("大理州大数据管理局上线政务大模型。", None, ["cn-dali"]),
    # the short form of a city is an ordinary word; its full form inside a phrase too
    ("白银市场价格上涨，普洱市场交投清淡。", [], []),
    # an English name of one of these cities needs China nearby
    ("Nanyang Polytechnic in Singapore trains civil servants in AI.", [], []),
])
def test_the_shipped_prefecture_cities(text: str, agencies: list[str] | None,
                                       locations: list[str]) -> None:
    tags = Tagger(load_gazetteer(CONFIG / "gazetteers")).tag("", text)
    if agencies is not None:
        assert ids(tags.agencies) == agencies
    assert sorted(ids(tags.locations)) == locations
