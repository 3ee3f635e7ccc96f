from portal.search.segment import get_tokenizer, segment, tokens


def test_compounds_are_cut_into_words_residents_type():
    words = tokens("2025年第二季度物业管理费使用明细")
    for word in ("物业", "物业管理费", "管理费", "明细", "2025"):
        assert word in words


def test_community_dictionary_is_loaded():
    # Words from portal/search/dict.txt stay whole as well as being cut.
    assert "监委会" in tokens("监委会审核通过")
    assert "社区快报" in tokens("社区快报第35期")
    assert "时代先锋" in tokens("时代先锋风采")


def test_punctuation_and_search_syntax_are_dropped():
    assert segment('"电梯" AND (维修) -加装 ^x: *') == "电梯 and 维修 加装 x"
    assert segment("……！？") == ""
    assert segment("") == ""


def test_tokenizer_is_loaded_once_per_process(settings, tmp_path):
    assert get_tokenizer() is get_tokenizer()


def test_english_is_lower_cased():
    assert tokens("Wi-Fi覆盖") == ["wi", "fi", "覆盖"]


def test_inner_words_can_be_left_out():
    assert tokens("物业管理费明细", inner=False) == ["物业管理费", "明细"]
    assert segment("监委会", inner=False) == "监委会"
    assert "监委" in tokens("监委会")
