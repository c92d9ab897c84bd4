"""crawler.shared.zhconvert gives opencc-python-reimplemented's output, character for character."""

from __future__ import annotations

from functools import cache

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.config import load_gazetteer
from crawler.shared.text import has_han
from crawler.shared.zhconvert import converter

CONVERSIONS = ("s2t", "s2hk", "t2s", "hk2s")


@cache
def _package(name: str) -> opencc.OpenCC:
    return opencc.OpenCC(name)


@pytest.fixture(scope="module")
def package() -> dict[str, opencc.OpenCC]:
    return {name: _package(name) for name in CONVERSIONS}


@pytest.mark.parametrize("name", CONVERSIONS)
def test_the_gazetteers_names_convert_as_the_package_converts_them(
        name: str, package: dict[str, opencc.OpenCC]) -> None:
    gazetteer = load_gazetteer("config/gazetteers")
    names = sorted({n for e in (*gazetteer.agencies, *gazetteer.vendors, *gazetteer.locations)
                    for field in ("names", "names_zh_hant", "names_zh_hans")
                    for n in getattr(e, field, ()) if has_han(n)})
    assert len(names) > 1000
    ours = converter(name)
    assert [ours.convert(n) for n in names] == [package[name].convert(n) for n in names]


# Characters the dictionaries treat specially: several candidates (系 → 系 係 繫), parts of
# phrases (計劃, 乾燥, 後臺), Hong Kong variants (裏, 衞), and separators (space, 、 and 「」).
_CHARS = "系係繫計劃划干乾幹燥後后台臺裏裡衞衛著着数數据據政府局署中心人工智能發发 、「」-.ab"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=14))
def test_random_text_converts_as_the_package_converts_it(text: str) -> None:
    for name in CONVERSIONS:
        assert converter(name).convert(text) == _package(name).convert(text), name


def test_known_conversions() -> None:
    assert converter("s2t").convert("数字政策办公室") == "數字政策辦公室"
    assert converter("s2hk").convert("卫生署") == "衞生署"
    assert converter("t2s").convert("系統、數據") == "系统、数据"
    assert converter("hk2s").convert("衞生署") == "卫生署"
    # a phrase left of a longer phrase is still read as a phrase (上鍊 → 上链, not 上炼)
    assert converter("t2s").convert("上鍊不瞭解") == "上链不了解"


@pytest.mark.parametrize("name", CONVERSIONS)
def test_the_same_dictionaries_in_the_same_order(name: str,
                                                  package: dict[str, opencc.OpenCC]) -> None:
    theirs = [d for group in package[name]._dict_chain_data for d in group]
    ours = [d for group in converter(name).groups for d in group.dicts]
    assert [d[:3] for d in ours] == [tuple(d) for d in theirs]
