"""Unlisted bodies (issue #12, twenty-second session): the head of a county, city or
province written with the place's own suffix (屏東縣長, 上海市长) and the words that only
look like one (宜蘭縣長者, 广东省长期)."""

from __future__ import annotations

from pipelines.tagging import Tagger
from tests.tag_support import agencies


def test_a_head_written_with_the_places_suffix_is_its_government(tagger: Tagger) -> None:
    assert "tw-pingtung-gov" in agencies(tagger, "屏東縣長也透過書面意見，建議中央補助偏鄉設備。")
    assert "tw-hsinchu-gov" in agencies(tagger, "新竹縣長表示，將擴大試辦。")
    assert "cn-gd-gov" in agencies(tagger, "广东省长在会上表示，要加快人工智能应用。")
    assert "cn-shanghai" in agencies(tagger, "上海市长表示，将推进城市数字化转型。")
    # a deputy is written with the suffix too: 新竹縣副縣長
    assert "tw-hsinchu-gov" in agencies(tagger, "新竹縣副縣長出席啟用典禮。")


def test_a_word_after_the_suffix_is_no_head(tagger: Tagger) -> None:
    # the elderly of the county, "for a long time", and another place (湖南省长沙市)
    assert not agencies(tagger, "宜蘭縣長者可免費使用AI陪伴機器人。")
    assert not agencies(tagger, "广东省长期以来重视人工智能产业。")
    assert "cn-hunan-gov" not in agencies(tagger, "湖南省长沙市发布人工智能产业规划。")
