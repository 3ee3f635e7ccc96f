import pytest

from volunteers.privacy import ANONYMOUS, mask_name


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张", "*"),
        ("张芬", "张*"),
        ("张小芬", "张*芬"),
        ("张小明华", "张**华"),
        ("欧阳修", "欧阳*"),
        ("欧阳小明", "欧阳*明"),
        ("司马相如", "司马*如"),
        ("诸葛亮", "诸葛*"),
        ("司马", "司*"),
        (" 王 建国 ", "王*国"),
        ("", ANONYMOUS),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_masked_name_never_contains_the_middle_characters():
    assert "小" not in mask_name("张小芬")
    assert "相" not in mask_name("司马相如")
