"""pipelines.dedup: the pure parts (normalisation, shingles, MinHash/LSH, titles)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crawler.config import ConfigError, DedupRules, load_dedup_rules
from crawler.shared.text import is_cjk
from pipelines import dedup

EN = ("The Digital Policy Office announced on Monday a new register of artificial intelligence "
      "systems used by government departments. Each department must list the systems it runs, "
      "what data they use and who is accountable for them, the office said in a statement. "
      "The register will be published online and updated every quarter.")
EN_OTHER = ("The Transport Department said on Tuesday that road works on the bridge will close two "
            "lanes for three weeks from next month. Motorists are advised to use alternative routes, "
            "and additional bus services will run during the morning peak, the department said.")
ZH = ("數字政策辦公室星期一宣布設立政府人工智能系統登記冊，各政策局及部門須列出所使用的系統、"
      "系統所用的數據及負責人員。辦公室表示，登記冊將於網上公布，並每季更新一次，以提高透明度。")


def test_normalize_folds_width_case_and_punctuation():
    assert dedup.normalize("  ＡＩ, Register!  ") == "ai register"


def test_script_decides_shingle_kind():
    assert not is_cjk(EN)
    assert is_cjk(ZH)
    assert all(" " in s for s in dedup.shingles(EN))
    assert all(len(s) == dedup.CHAR_SHINGLE and " " not in s for s in dedup.shingles(ZH))


def test_minhash_is_deterministic_across_processes():
    here = dedup.minhash(dedup.hashed_shingles(EN))
    code = ("import sys; from pipelines import dedup; "
            "print(dedup.minhash(dedup.hashed_shingles(sys.stdin.read())))")
    other = subprocess.run([sys.executable, "-c", code], input=EN, capture_output=True,
                           text=True, check=True, env={"PYTHONHASHSEED": "123", "PYTHONPATH": "."})
    assert other.stdout.strip() == repr(here)
    assert len(here) == dedup.NUM_PERM


def test_band_keys_are_signed_64_bit_and_shared_by_near_copies():
    keys = dedup.lsh_keys(EN)
    assert len(keys) == dedup.BANDS
    assert all(-(1 << 63) <= k < (1 << 63) for _, k in keys)
    edited = EN + " Editor's note: an earlier version misspelt the office's name."
    assert set(keys) & set(dedup.lsh_keys(edited))
    assert not set(keys) & set(dedup.lsh_keys(EN_OTHER))


@pytest.mark.parametrize("variant", [
    EN + " Editor's note: this story was updated to add the office's statement.",  # note added
    EN[: int(len(EN) * 0.8)],  # the first 80%
    "Home | News | Login\n" + EN + "\nShare this article. Related: more stories.",  # boilerplate
])
def test_same_story_for_copies(variant):
    assert dedup.same_story(EN, variant)


def test_chinese_copy_with_note_is_same_story():
    assert dedup.same_story(ZH, ZH + "（編者按：本文已更新。）")


def test_traditional_and_simplified_copies_are_the_same_story():
    simplified = ("数字政策办公室星期一宣布设立政府人工智能系统登记册，各政策局及部门须列出所使用的系统、"
                  "系统所用的数据及负责人员。办公室表示，登记册将于网上公布，并每季更新一次，以提高透明度。")
    assert dedup.similarity(ZH, simplified).jaccard > 0.9
    assert set(dedup.lsh_keys(ZH)) == set(dedup.lsh_keys(simplified))


def test_different_articles_are_not_the_same_story():
    assert not dedup.same_story(EN, EN_OTHER)
    assert dedup.similarity(EN, EN_OTHER).jaccard < 0.1


def test_short_texts_never_merge_on_near_duplicate_evidence():
    short = "Typhoon signal No. 8 is in force."
    assert len(dedup.normalize(short)) < dedup.MIN_CHARS
    assert dedup.similarity(short, short) == dedup.NOT_SIMILAR
    assert not dedup.same_story(short, short)
    assert dedup.lsh_keys(short) == []


def test_size_ratio_guards_containment():
    roundup = EN + " " + " ".join(f"Other item {i} about unrelated things here." for i in range(80))
    sim = dedup.similarity(EN, roundup)
    assert sim.containment > 0.9 and sim.size_ratio < dedup.CONTAINMENT_SIZE_RATIO
    assert not sim.same_story


def test_normalize_title_drops_digits_and_punctuation():
    assert dedup.normalize_title("Press Release (2)") == dedup.normalize_title("press release")


RULES = DedupRules(generic_exact=("Press release", "新聞公報"), generic_prefixes=("Speech by",),
                   max_generic_words=1, max_generic_cjk_chars=2, common_title_after=3)


@pytest.mark.parametrize("title,generic", [
    ("Press release", True), ("PRESS RELEASE 3", True), ("新聞公報", True),
    ("Speech by the Secretary at the AI forum", True), ("", True), ("Business", True),
    ("政府", True), ("Government launches AI register", False), ("政府推出人工智能指引", False),
])
def test_generic_titles(title, generic):
    assert dedup.is_generic_title(title, RULES) is generic


def test_title_common_across_articles_is_generic():
    assert not dedup.is_generic_title("Daily market wrap", RULES, times_seen=2)
    assert dedup.is_generic_title("Daily market wrap", RULES, times_seen=3)


def test_project_dedup_config_loads():
    rules = load_dedup_rules("config/dedup.toml")
    assert dedup.is_generic_title("新聞公報", rules)
    assert rules.title_window_days == 7


def test_missing_dedup_config_falls_back_to_the_project_file(tmp_path):
    assert load_dedup_rules(tmp_path / "none.toml") == load_dedup_rules("config/dedup.toml")
    assert load_dedup_rules("config/dedup.toml") != DedupRules()


@pytest.mark.parametrize("body,needle", [
    ("[generic_titles]\nexact = 3\n", "key 'exact'"),
    ("[generic_titles]\nmax_words = -1\n", "key 'max_words'"),
    ("[generic_titles]\nbogus = 1\n", "key 'bogus'"),
    ("[title_merge]\nwindow_days = 'week'\n", "key 'window_days'"),
])
def test_bad_dedup_config_names_file_and_key(tmp_path, body, needle):
    path = tmp_path / "dedup.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as err:
        load_dedup_rules(path)
    assert str(path) in str(err.value) and needle in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("n", [0, 1, 4, 5, 6, 9])
def test_word_shingles_are_every_window_of_five(n):
    words = [f"w{i}" for i in range(n)]
    expected = ({" ".join(words[i:i + 5]) for i in range(max(1, n - 4))} if words else set())
    assert dedup.shingles(" ".join(words)) == expected
