"""A resident (penduduk) as the population register holds them.

>>> import datetime
>>> ani = Resident(
...     nik="1808014101050001",
...     name="Ani Lestari",
...     sex=Sex.FEMALE,
...     birth_place="Blambangan Umpu",
...     birth_date=datetime.date(2005, 1, 1),
...     religion=Religion.ISLAM,
...     marital_status=MaritalStatus.SINGLE,
...     education=Education.SENIOR_SECONDARY,
...     occupation=Occupation.STUDENT,
... )
>>> ani
Resident(nik='180801**********', name='Ani Lestari', sex=<Sex.FEMALE: 2>, ...)
>>> ani.age(datetime.date(2026, 11, 27)), ani.must_hold_ktp_el(datetime.date(2026, 11, 27))
(21, True)

The NIK must agree with the sex and birth date:

>>> attrs.evolve(ani, sex=Sex.MALE)
Traceback (most recent call last):
...
adminduk.errors.InvalidComponent: NIK 180801********** says female, born 01-01-05, but the resident is male, born 2005-01-01
"""

from __future__ import annotations

import calendar
import datetime
import functools

import attrs

from adminduk._fields import age_on, nik_field, require_date, require_member, require_text
from adminduk._privacy import mask, redacted_repr
from adminduk.codes import (
    BloodType,
    Citizenship,
    Disability,
    Education,
    KTPElStatus,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Religion,
    Sex,
)
from adminduk.errors import InvalidComponent
from adminduk.identifiers.nik import FEMALE_DAY_OFFSET, birth_part

__all__ = ["KTP_EL_AGE", "Resident", "ktp_el_birth_limit"]

#: Age from which a citizen must hold a KTP-el (Pasal 63 UU 24/2013), unless married earlier.
KTP_EL_AGE = 17


@functools.lru_cache(maxsize=256)
def ktp_el_birth_limit(on: datetime.date) -> datetime.date:
    """The latest birth date of someone who has reached the KTP-el age on ``on``.

    Someone born on 29 February reaches an age on 1 March in years without one. Bulk counts
    compare birth dates with this once-computed day instead of computing every age.

    >>> ktp_el_birth_limit(datetime.date(2026, 11, 27))
    datetime.date(2009, 11, 27)
    >>> ktp_el_birth_limit(datetime.date(2024, 2, 29))
    datetime.date(2007, 2, 28)
    """
    year = on.year - KTP_EL_AGE
    if on.month == 2 and on.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return on.replace(year=year)


_ENUM_FIELDS = (
    ("sex", Sex),
    ("religion", Religion),
    ("marital_status", MaritalStatus),
    ("education", Education),
    ("occupation", Occupation),
    ("blood_type", BloodType),
    ("citizenship", Citizenship),
    ("life_status", LifeStatus),
    ("ktp_el_status", KTPElStatus),
)


#: The DDMMYY part of a NIK for a birth date (and sex), as computed: dates repeat, so each is
#: formatted once (the table is emptied when it grows past a century of days, both sexes).
_BIRTH_PARTS: dict[tuple[datetime.date, bool], str] = {}


def _birth_part(born: datetime.date, female: bool) -> str:
    found = _BIRTH_PARTS.get((born, female))
    if found is None:
        found = birth_part(born, Sex.FEMALE if female else Sex.MALE)
        if len(_BIRTH_PARTS) >= 80_000:
            _BIRTH_PARTS.clear()
        _BIRTH_PARTS[(born, female)] = found
    return found


@redacted_repr
@attrs.frozen(kw_only=True)
class Resident:
    """One person in the register, with the data of the family card form (F-1.01).

    ``death_date`` is set exactly when ``life_status`` is ``DEAD``. The NIK keeps the birth date
    and sex the person had when it was issued, and must agree with them: with ``birth_date`` and
    ``sex``, or, after a correction changed those, with ``nik_birth_date`` and ``nik_sex``.
    """

    # Checked for structure only: a real resident may carry a district code from a list older
    # than the ones adminduk knows.
    nik: str = nik_field()
    name: str
    sex: Sex
    birth_place: str
    birth_date: datetime.date
    religion: Religion
    marital_status: MaritalStatus
    education: Education
    occupation: Occupation
    blood_type: BloodType = BloodType.UNKNOWN
    citizenship: Citizenship = Citizenship.WNI
    father_name: str = ""
    mother_name: str = ""
    life_status: LifeStatus = LifeStatus.ALIVE
    ktp_el_status: KTPElStatus = KTPElStatus.NOT_REQUIRED
    death_date: datetime.date | None = None
    #: The birth date and sex the NIK was issued with, when a correction changed them: a NIK is
    #: for life (Pasal 13 UU 24/2013), so it keeps encoding what was registered first.
    nik_birth_date: datetime.date | None = None
    nik_sex: Sex | None = None
    #: The disability F-1.01 records (jenis disabilitas), if any: outreach visits the resident.
    disability: Disability | None = None

    def __attrs_post_init__(self) -> None:
        # The common case in one expression (every value of its exact type); anything else,
        # including str subclasses, takes the checks that say what is wrong.
        if not (
            type(self.name) is str
            and type(self.birth_place) is str
            and type(self.father_name) is str
            and type(self.mother_name) is str
            and self.name.strip()
            and self.birth_place.strip()
            and type(self.birth_date) is datetime.date
            and type(self.sex) is Sex
            and type(self.religion) is Religion
            and type(self.marital_status) is MaritalStatus
            and type(self.education) is Education
            and type(self.occupation) is Occupation
            and type(self.blood_type) is BloodType
            and type(self.citizenship) is Citizenship
            and type(self.life_status) is LifeStatus
            and type(self.ktp_el_status) is KTPElStatus
        ):
            self._check_types()
        born = self.birth_date if self.nik_birth_date is None else self.nik_birth_date
        sex = self.sex if self.nik_sex is None else self.nik_sex
        if self.nik[6:12] != _birth_part(born, sex is Sex.FEMALE):
            day = int(self.nik[6:8])
            said = Sex.FEMALE if day > FEMALE_DAY_OFFSET else Sex.MALE
            raise InvalidComponent(
                f"NIK {mask(self.nik)} says {said.label_en.lower()}, born "
                f"{day % FEMALE_DAY_OFFSET:02d}-{self.nik[8:10]}-{self.nik[10:12]}, but the "
                f"resident is {sex.label_en.lower()}, born {born.isoformat()}"
            )
        if self.nik_birth_date is not None:
            require_date(self.nik_birth_date, "nik_birth_date")
        if self.nik_sex is not None:
            require_member(self.nik_sex, Sex, "nik_sex")
        if self.disability is not None:
            require_member(self.disability, Disability, "disability")
        if (self.death_date is None) is (self.life_status is LifeStatus.DEAD):
            raise InvalidComponent("a death date is given exactly when the resident is dead")
        if self.death_date is not None:
            require_date(self.death_date, "death_date")
            if self.death_date < self.birth_date:
                raise InvalidComponent("the death date is before the birth date")

    def _check_types(self) -> None:
        """Every field's type, one by one, raising for the first that is wrong."""
        require_text(self.name, "name")
        require_text(self.birth_place, "birth_place")
        require_text(self.father_name, "father_name", empty=True)
        require_text(self.mother_name, "mother_name", empty=True)
        require_date(self.birth_date, "birth_date")
        for field, kind in _ENUM_FIELDS:
            require_member(getattr(self, field), kind, field)

    def age(self, on: datetime.date) -> int:
        """Return the age in whole years on ``on``."""
        return age_on(self.birth_date, on)

    @property
    def is_alive(self) -> bool:
        """Whether the resident is alive and in the register's area (life status ``ALIVE``)."""
        return self.life_status is LifeStatus.ALIVE

    def must_hold_ktp_el(self, on: datetime.date) -> bool:
        """Return whether the resident must hold a KTP-el on ``on``: 17 or older, or ever married.

        Pasal 63(1) UU 24/2013: residents aged 17, married or ever married must hold a KTP-el.
        """
        return self.marital_status.ever_married or self.birth_date <= ktp_el_birth_limit(on)
