"""Tests of adminduk.identifiers.nik: every rejection rule, round trips and the century rule."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk import Sex, errors, regions
from adminduk.identifiers import _common, nik
from adminduk.strategies import niks, region_codes

ON = datetime.date(2026, 11, 27)
#: A synthetic NIK: a woman born 1 January 2005, first issued in 18.08.01, serial 0001.
SAMPLE = "1808014101050001"


def replace(number: str, start: int, text: str) -> str:
    """Return ``number`` with ``text`` written over it from ``start``."""
    return number[:start] + text + number[start + len(text) :]


# --- compact, validate, is_valid, format --------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        SAMPLE,
        "1808 0141 0105 0001",
        "18.08.01.410105.0001",
        "1808-01-410105-0001",
        " 1808014101050001\n",
    ],
)
def test_separators_are_stripped(written: str) -> None:
    """Spaces, dots, dashes and line breaks do not count."""
    assert SAMPLE == nik.compact(written)
    assert SAMPLE == nik.validate(written)
    assert nik.is_valid(written)


@pytest.mark.parametrize("length", [0, 1, 15, 17, 32])
def test_wrong_length(length: int) -> None:
    """Anything but 16 digits is an InvalidLength, which is also an InvalidFormat."""
    number = (SAMPLE * 2)[:length]
    with pytest.raises(errors.InvalidLength, match=f"has {length} characters"):
        nik.validate(number)
    assert not nik.is_valid(number)


@pytest.mark.parametrize(
    ("number", "position"),
    [
        (replace(SAMPLE, 3, "x"), 4),
        (replace(SAMPLE, 15, "+"), 16),
        (replace(SAMPLE, 0, "١"), 1),  # an Arabic-Indic digit: a digit, but not ASCII
        (replace(SAMPLE, 9, "²"), 10),  # superscript two: str.isdigit() says yes
    ],
)
def test_non_digits(number: str, position: int) -> None:
    """Only the ASCII digits 0-9 count as digits."""
    with pytest.raises(errors.InvalidFormat, match=f"non-digit at position {position}"):
        nik.validate(number)


@pytest.mark.parametrize("value", [1808014101050001, None, b"1808014101050001", 18.08])
def test_non_strings(value: object) -> None:
    """A number that is not a string is an InvalidFormat naming the type, not a crash."""
    with pytest.raises(errors.InvalidFormat, match="must be a string"):
        nik.validate(value)  # type: ignore[arg-type]
    assert not nik.is_valid(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(("start", "part"), [(0, "province"), (2, "regency"), (4, "district")])
def test_region_parts_00(start: int, part: str) -> None:
    """A province, regency or district part 00 is impossible, even with unknown regions allowed."""
    number = replace(SAMPLE, start, "00")
    with pytest.raises(errors.InvalidComponent, match=f"{part} part 00"):
        nik.validate(number, allow_unknown_region=True)


@pytest.mark.parametrize("day", ["00", "32", "35", "40", "72", "80", "99"])
def test_impossible_days(day: str) -> None:
    """Day 00, 32-40 and 72 or more are impossible for men and women."""
    with pytest.raises(errors.InvalidComponent, match=f"day {day}"):
        nik.validate(replace(SAMPLE, 6, day))


@pytest.mark.parametrize("day", ["01", "31", "41", "71"])
def test_possible_days(day: str) -> None:
    """Days 01-31 (men) and 41-71 (women) are possible in a 31-day month."""
    assert nik.is_valid(replace(SAMPLE, 6, day + "01"))


@pytest.mark.parametrize("month", ["00", "13", "20", "99"])
def test_impossible_months(month: str) -> None:
    """Months run 01-12."""
    with pytest.raises(errors.InvalidComponent, match=f"month {month}"):
        nik.validate(replace(SAMPLE, 8, month))


@pytest.mark.parametrize(
    "day_month",
    ["3102", "7102", "3002", "7002", "3104", "7104", "3106", "3109", "3111", "7111"],
)
def test_days_beyond_the_month(day_month: str) -> None:
    """31 February, 30 February, 31 April and the like are impossible (also for women)."""
    with pytest.raises(errors.InvalidComponent, match="impossible in month"):
        nik.validate(replace(SAMPLE, 6, day_month))


@pytest.mark.parametrize("year", ["01", "02", "03", "05", "99", "98", "19"])
def test_29_february_outside_leap_years(year: str) -> None:
    """29 February needs a year that is a leap year in the 1900s or the 2000s."""
    for day in ("29", "69"):
        with pytest.raises(errors.InvalidComponent, match="29 February"):
            nik.validate(replace(SAMPLE, 6, day + "02" + year))


@pytest.mark.parametrize("year", ["00", "04", "96", "24"])
def test_29_february_in_leap_years(year: str) -> None:
    """29 February 00 is valid (2000 was a leap year although 1900 was not); so is 04, 96."""
    assert nik.is_valid(replace(SAMPLE, 6, "2902" + year))
    assert nik.is_valid(replace(SAMPLE, 6, "6902" + year))


def test_serial_0000() -> None:
    """Serials start at 0001."""
    with pytest.raises(errors.InvalidComponent, match="serial 0000"):
        nik.validate(replace(SAMPLE, 12, "0000"))


def test_unknown_district() -> None:
    """A district in no known code list is refused unless the caller allows it."""
    number = replace(SAMPLE, 4, "99")
    with pytest.raises(errors.UnknownRegionCode, match=r"district 18\.08\.99"):
        nik.validate(number)
    with pytest.raises(errors.UnknownRegion):
        nik.validate(number)
    assert not nik.is_valid(number)
    assert number == nik.validate(number, allow_unknown_region=True)
    assert nik.is_valid(number, allow_unknown_region=True)


def test_codes_dropped_from_the_current_list_still_count() -> None:
    """A district that only an older list carries is accepted: NIKs keep their first code."""
    current = {r.code.replace(".", "") for r in regions.walk(level=regions.RegionLevel.DISTRICT)}
    dropped = sorted(regions.known_district_codes() - current)
    assert dropped, "the older lists carry codes the 2025 list dropped"
    assert nik.is_valid(dropped[0] + SAMPLE[6:])


def test_format_of_a_valid_number() -> None:
    """The display form groups region parts, date and serial."""
    assert "18.08.01.410105.0001" == nik.format(SAMPLE)


def test_format_refuses_invalid_numbers() -> None:
    """format() validates first (structure only)."""
    with pytest.raises(errors.InvalidComponent):
        nik.format(replace(SAMPLE, 12, "0000"))
    assert "18.08.99.410105.0001" == nik.format(replace(SAMPLE, 4, "99"))


@given(niks())
def test_format_and_compact_are_inverses(number: str) -> None:
    """compact(format(n)) is n, and the display form validates to n."""
    assert number == nik.compact(nik.format(number))
    assert number == nik.validate(nik.format(number))


@given(st.text(alphabet="0123456789 .-x", max_size=24))
def test_is_valid_never_raises(text: str) -> None:
    """is_valid answers True or False for any string, and agrees with validate()."""
    try:
        nik.validate(text)
    except errors.ValidationError:
        assert not nik.is_valid(text)
    else:
        assert nik.is_valid(text)


@given(st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_messages_never_show_the_whole_number(number: str) -> None:
    """Whatever is wrong with a 16-digit string, the message masks all but its region part."""
    message = ""
    try:
        nik.validate(number)
    except errors.ValidationError as error:
        message = str(error)
    assert number not in message
    assert number[6:] not in message


# --- parse, compose and the century rule ---------------------------------------------------------


def test_parse_sample() -> None:
    """A woman's NIK has 40 added to the birth day."""
    expected = nik.NIKInfo(
        region_code="18.08.01", birth_date=datetime.date(2005, 1, 1), sex=Sex.FEMALE, serial=1
    )
    assert expected == nik.parse(SAMPLE, on=ON)


def test_parse_man() -> None:
    """A man's NIK carries the birth day as it is."""
    info = nik.parse("1808151708870012", on=ON)
    assert (Sex.MALE, datetime.date(1987, 8, 17), 12) == (info.sex, info.birth_date, info.serial)


@pytest.mark.parametrize(
    ("date_part", "on", "expected"),
    [
        # a child born in 2015 is not born in 1915
        ("010115", ON, datetime.date(2015, 1, 1)),
        # someone born in 1930 is not born in 2030
        ("200630", ON, datetime.date(1930, 6, 20)),
        # born on the reference date: this century
        ("271126", ON, datetime.date(2026, 11, 27)),
        # a day after the reference date: the previous century
        ("281126", ON, datetime.date(1926, 11, 28)),
        # the reference date decides, not the clock
        ("010115", datetime.date(2014, 12, 31), datetime.date(1915, 1, 1)),
        ("010100", datetime.date(2000, 1, 1), datetime.date(2000, 1, 1)),
        ("020100", datetime.date(2000, 1, 1), datetime.date(1900, 1, 2)),
        # 29 February 00 exists only in 2000 (1900 was no leap year)
        ("290200", ON, datetime.date(2000, 2, 29)),
        ("290296", ON, datetime.date(1996, 2, 29)),
        # a reference date in the next century
        ("010105", datetime.date(2104, 1, 1), datetime.date(2005, 1, 1)),
        ("010104", datetime.date(2104, 1, 1), datetime.date(2104, 1, 1)),
    ],
)
def test_century_rule(date_part: str, on: datetime.date, expected: datetime.date) -> None:
    """The birth year is the latest one ending in YY that is not after the reference date."""
    assert expected == nik.parse(replace(SAMPLE, 6, date_part), on=on).birth_date


def test_29_february_00_before_2000() -> None:
    """Before 29 Feb 2000, a NIK born 29 Feb 00 has no possible birth date (1900 was not leap)."""
    with pytest.raises(errors.InvalidComponent, match="29 February 00"):
        nik.parse(replace(SAMPLE, 6, "290200"), on=datetime.date(1999, 12, 31))


def test_parse_needs_a_date() -> None:
    """The reference date must be a date."""
    with pytest.raises(errors.InvalidFormat, match="on must be a date"):
        nik.parse(SAMPLE, on="2026-11-27")  # type: ignore[arg-type]


def test_parse_checks_the_region_unless_allowed() -> None:
    """parse() validates like validate(), including the allow_unknown_region switch."""
    number = replace(SAMPLE, 4, "99")
    with pytest.raises(errors.UnknownRegionCode):
        nik.parse(number, on=ON)
    assert "18.08.99" == nik.parse(number, on=ON, allow_unknown_region=True).region_code


@given(
    code=region_codes(),
    birth=st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)),
    sex=st.sampled_from(Sex),
    serial=st.integers(1, 9999),
    age_days=st.integers(0, 99 * 365),
)
def test_compose_parse_round_trip(
    code: str, birth: datetime.date, sex: Sex, serial: int, age_days: int
) -> None:
    """parse(compose(x)) is x for any district, date 1900-2099, sex and serial.

    The reference date lies less than a hundred years after the birth, as the century rule needs.
    """
    on = birth + datetime.timedelta(days=age_days)
    number = nik.compose(region_code=code, birth_date=birth, sex=sex, serial=serial)
    assert nik.NIKInfo(region_code=code, birth_date=birth, sex=sex, serial=serial) == nik.parse(
        number, on=on
    )
    assert number == nik.validate(number)


@given(niks(), st.dates(datetime.date(1990, 1, 1), datetime.date(2200, 1, 1)))
def test_parse_compose_round_trip(number: str, on: datetime.date) -> None:
    """compose(parse(n)) is n, and the birth date is never after the reference date."""
    try:
        info = nik.parse(number, on=on)
    except errors.InvalidComponent:
        # only 29 February 00 before 2000 has no possible birth date
        assert number[6:12] in ("290200", "690200")
        assert on < datetime.date(2000, 2, 29)
        return
    assert info.birth_date <= on
    assert (on - info.birth_date).days < 100 * 366
    assert number == nik.compose(
        region_code=info.region_code, birth_date=info.birth_date, sex=info.sex, serial=info.serial
    )


@given(niks(sex=Sex.FEMALE))
def test_women_have_40_added_to_the_day(number: str) -> None:
    """Every woman's NIK has a day part of 41-71, and the extractors agree."""
    assert 41 <= int(number[6:8]) <= 71
    assert Sex.FEMALE is nik.get_sex(number)
    assert int(number[6:8]) - 40 == nik.get_birth_date(number, on=ON).day


@given(niks(sex=Sex.MALE))
def test_men_have_the_day_as_it_is(number: str) -> None:
    """Every man's NIK has a day part of 01-31."""
    assert 1 <= int(number[6:8]) <= 31
    assert Sex.MALE is nik.get_sex(number)


@given(niks(), st.dates(datetime.date(2000, 3, 1), datetime.date(2100, 1, 1)))
def test_extractors_agree_with_parse(number: str, on: datetime.date) -> None:
    """get_birth_date, get_sex and get_region_code return what parse() does."""
    info = nik.parse(number, on=on)
    assert info.birth_date == nik.get_birth_date(number, on=on)
    assert info.sex == nik.get_sex(number)
    assert info.region_code == nik.get_region_code(number)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"region_code": "18.08"}, errors.InvalidComponent, "needs a district code"),
        ({"region_code": "18.08.01.2001"}, errors.InvalidComponent, "needs a district code"),
        ({"region_code": "18.8.1"}, errors.InvalidFormat, "not a region code"),
        ({"region_code": "18.08.99"}, errors.UnknownRegionCode, "18.08.99"),
        ({"serial": 0}, errors.InvalidComponent, "serial 0 is outside 1-9999"),
        ({"serial": 10000}, errors.InvalidComponent, "outside 1-9999"),
        ({"serial": "1"}, errors.InvalidFormat, "serial must be an int"),
        ({"serial": True}, errors.InvalidFormat, "serial must be an int"),
        ({"sex": "F"}, errors.InvalidFormat, "sex must be a Sex"),
        ({"birth_date": "2005-01-01"}, errors.InvalidFormat, "must be a date"),
    ],
)
def test_compose_rejects_bad_parts(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    """compose() refuses parts that cannot make a valid NIK, with a typed error."""
    arguments: dict[str, object] = {
        "region_code": "18.08.01",
        "birth_date": datetime.date(2005, 1, 1),
        "sex": Sex.FEMALE,
        "serial": 1,
    }
    arguments.update(kwargs)
    with pytest.raises(error, match=message):
        nik.compose(**arguments)  # type: ignore[arg-type]


def test_compose_accepts_undotted_codes_and_unknown_regions_when_allowed() -> None:
    """The region code may come without dots; an unknown one needs allow_unknown_region."""
    birth = datetime.date(1987, 8, 17)
    assert "1808151708870012" == nik.compose(
        region_code="180815", birth_date=birth, sex=Sex.MALE, serial=12
    )
    assert "1808991708870012" == nik.compose(
        region_code="18.08.99",
        birth_date=birth,
        sex=Sex.MALE,
        serial=12,
        allow_unknown_region=True,
    )


@given(niks(region_codes=["18.08.15"]))
def test_niks_respects_region_codes(number: str) -> None:
    """The strategy draws regions only from the given codes."""
    assert number.startswith("180815")


def _mutated(number: str, position: int, digit: str) -> str:
    return replace(number, position, digit)


NEAR_NIKS = st.one_of(
    niks(),
    st.text(alphabet="0123456789", min_size=16, max_size=16),
    st.builds(_mutated, niks(), st.integers(0, 15), st.sampled_from("0123456789")),
    # Digits that are not ASCII, and characters that are not digits at all: no table holds them.
    st.builds(_mutated, niks(), st.integers(0, 15), st.sampled_from("\u0661\uff11\u00b2a -.")),
)


@given(NEAR_NIKS, st.booleans(), st.booleans())
def test_fast_path_agrees_with_the_full_checks(
    number: str, female_days: bool, allow_unknown_region: bool
) -> None:
    """The fast path for compact valid numbers never accepts what the full checks refuse."""
    nik.validate(SAMPLE)  # make sure the code lists are loaded, so the fast path is live

    def outcome(check: Callable[[str, str, bool, bool], str]) -> object:
        try:
            return check(number, "NIK", female_days, allow_unknown_region)
        except errors.ValidationError as error:
            return type(error)

    assert outcome(_common._check_fully) == outcome(_common.check)


@given(
    NEAR_NIKS,
    st.dates() | st.sampled_from([datetime.date(2026, 11, 27)]),
    st.booleans(),
)
def test_one_pass_parse_agrees_with_the_full_path(
    number: str, on: datetime.date, allow_unknown_region: bool
) -> None:
    """parse's one-pass table lookups give what validating first and then reading gives."""

    def outcome(parse: Callable[[], object]) -> object:
        try:
            return parse()
        except errors.ValidationError as error:
            return type(error)

    fast = outcome(lambda: nik.parse(number, on=on, allow_unknown_region=allow_unknown_region))
    full = outcome(lambda: nik._parse_fully(number, on, allow_unknown_region))
    assert full == fast


# --- pasted numbers and the edges of the calendar (issue 25) -----------------------------------

#: What chat apps and browsers wrap around or put inside a pasted number.
PASTED = {
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "Arabic letter mark": "\u061c",
    "left-to-right embedding": "\u202a",
    "right-to-left embedding": "\u202b",
    "pop directional formatting": "\u202c",
    "left-to-right override": "\u202d",
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "right-to-left isolate": "\u2067",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
    "soft hyphen": "\u00ad",
    "full-width hyphen-minus": "\uff0d",
    "small hyphen-minus": "\ufe63",
    "small em dash": "\ufe58",
}


@pytest.mark.parametrize("mark", sorted(PASTED))
def test_marks_pasted_around_and_inside_a_number_are_removed(mark: str) -> None:
    """WhatsApp wraps numbers in bidirectional marks; a pasted NIK is still the same NIK."""
    character = PASTED[mark]
    wrapped = f"{character}1808{character}0141{character}0105{character}0001{character}"
    assert SAMPLE == nik.compact(wrapped)
    assert SAMPLE == nik.validate(wrapped)


@given(
    on=st.dates(datetime.date(100, 1, 1), datetime.date(299, 12, 31)),
    date_part=st.sampled_from(["010100", "311299", "290200", "690200", "150650"]),
)
def test_a_reference_day_in_the_first_centuries_never_leaves_the_calendar(
    on: datetime.date, date_part: str
) -> None:
    """Years 100-299: the century rule never asks for year 0; no year fits is a typed refusal."""
    try:
        born = nik.parse(replace(SAMPLE, 6, date_part), on=on).birth_date
    except errors.InvalidComponent:
        return
    assert born <= on


@pytest.mark.parametrize("year", [1, 2, 99])
def test_a_reference_day_before_year_100_is_refused(year: int) -> None:
    """nik.parse refuses a reference day in the first century with a typed error."""
    with pytest.raises(errors.InvalidComponent, match="year 100"):
        nik.parse(SAMPLE, on=datetime.date(year, 1, 1))


def test_compose_refuses_a_moment_for_a_birth_date() -> None:
    """A birth date is a day: a datetime is refused, as Resident refuses it."""
    with pytest.raises(errors.InvalidFormat, match=r"datetime\.date"):
        nik.compose(
            region_code="18.08.01",
            birth_date=datetime.datetime(2005, 1, 1, 8, 0),
            sex=Sex.FEMALE,
            serial=1,
        )
