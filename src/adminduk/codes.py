"""Code tables of the family card form (F-1.01), the KTP-el lifecycle, and the report forms.

Each table is an :class:`enum.Enum` whose members carry the numeric ``code`` used by village
software and SIAK exports, the Indonesian ``label`` (canonical) and an English ``label_en``.

>>> Religion.from_code(1)
<Religion.ISLAM: 1>
>>> Religion.from_code(1).label, Religion.from_code(1).label_en
('Islam', 'Islam')
>>> Relationship.from_label("kepala keluarga")
<Relationship.HEAD: 1>
>>> Sex.from_label("Perempuan").label_en
'Female'
>>> Occupation.from_code(88).label
'Wiraswasta'

Unknown codes and labels raise :class:`~adminduk.errors.InvalidComponent` (a ``ValidationError``):

>>> Religion.from_code(9)
Traceback (most recent call last):
...
adminduk.errors.InvalidComponent: 9 is not a Religion code; known codes are 1-7

The numbering of the family relationship (SHDK), education, occupation and blood type tables comes
from village software (OpenSID) and is **unconfirmed** against SIAK; the marital status, citizenship
and KTP-el status numbering is adminduk's own (SIAK publishes none). Labels are the stable key when
exchanging data with other systems.

The tables of the civil registration report F-2.01 (place of birth, kind of birth, attendant,
cause of death, who certified it) and of the moving form F-1.03 (reason for moving) number their
choices as the forms print them, as offices publish the forms; the annex of Permendagri 109/2019
itself could not be read, so they are **unconfirmed** against it.
"""

from __future__ import annotations

import enum
import re
from typing import Any, ClassVar, Self, cast

from adminduk.errors import InvalidComponent, InvalidFormat

__all__ = [
    "BirthAttendant",
    "BirthKind",
    "BirthPlaceKind",
    "BloodType",
    "Citizenship",
    "CodeTable",
    "DeathCause",
    "DeathCertifier",
    "Disability",
    "Education",
    "KTPElStatus",
    "LifeStatus",
    "MaritalStatus",
    "MoveReason",
    "Occupation",
    "Relationship",
    "Religion",
    "Sex",
]

_IGNORED = re.compile(r"[\s/().,_]+")


def _key(label: str) -> str:
    """Normalise a label for lookup: case, spaces, slashes, brackets and dots do not count."""
    return _IGNORED.sub("", label.casefold())


class CodeTable(enum.Enum):
    """Base of every code table: a member is ``NAME = code, "label", "English label"``."""

    _value_: int
    label: str
    label_en: str
    _by_label: ClassVar[dict[str, Any]]

    def __new__(cls, code: int, label: str, label_en: str) -> Self:
        """Create a member from its code and its Indonesian and English labels."""
        member = object.__new__(cls)
        member._value_ = code
        member.label = label
        member.label_en = label_en
        return member

    @property
    def code(self) -> int:
        """The numeric code."""
        return self._value_

    def __str__(self) -> str:
        return self.label

    @classmethod
    def from_code(cls, code: int | str) -> Self:
        """Return the member with numeric ``code`` (an int, or a string of digits).

        >>> Sex.from_code("2")
        <Sex.FEMALE: 2>
        """
        number: int | None = None
        if isinstance(code, bool):
            number = None
        elif isinstance(code, int):
            number = code
        elif isinstance(code, str) and code.strip().isdecimal() and code.strip().isascii():
            number = int(code)
        if number is None:
            raise InvalidFormat(
                f"a {cls.__name__} code must be a whole number, not {type(code).__name__}"
            )
        found = cls._value2member_map_.get(number)
        if found is None:
            codes = sorted(member.code for member in cls)
            raise InvalidComponent(
                f"{number} is not a {cls.__name__} code; known codes are {codes[0]}-{codes[-1]}"
            )
        return cast("Self", found)

    @classmethod
    def from_label(cls, label: str) -> Self:
        """Return the member whose Indonesian or English label (or name) is ``label``.

        Case, spaces, slashes, brackets and dots are ignored.

        >>> MaritalStatus.from_label("KAWIN TERCATAT")
        <MaritalStatus.MARRIED: 2>
        >>> Education.from_label("Diploma IV/Strata I").code
        8
        """
        if not isinstance(label, str):
            raise InvalidFormat(
                f"a {cls.__name__} label must be a string, not {type(label).__name__}"
            )
        index = cls.__dict__.get("_by_label")
        if index is None:
            index = {}
            for member in cls:
                for text in (member.label, member.label_en, member.name):
                    index.setdefault(_key(text), member)
            cls._by_label = index
        try:
            found: Self = index[_key(label)]
        except KeyError:
            raise InvalidComponent(f"{label!r} is not a {cls.__name__} label") from None
        return found


class Sex(CodeTable):
    """Sex (jenis kelamin) as recorded in the NIK: women have 40 added to the birth day."""

    MALE = 1, "Laki-laki", "Male"
    FEMALE = 2, "Perempuan", "Female"


class Religion(CodeTable):
    """Religion (agama), in the order of the KK form F-1.01.

    Numbering from village software (OpenSID), **unconfirmed** against SIAK.
    """

    ISLAM = 1, "Islam", "Islam"
    KRISTEN = 2, "Kristen", "Christianity (Protestant)"
    KATOLIK = 3, "Katolik", "Catholicism"
    HINDU = 4, "Hindu", "Hinduism"
    BUDDHA = 5, "Buddha", "Buddhism"
    KHONGHUCU = 6, "Khonghucu", "Confucianism"
    KEPERCAYAAN = 7, "Kepercayaan terhadap Tuhan YME", "Belief in One Almighty God"


class MaritalStatus(CodeTable):
    """Marital status (status perkawinan); numbering is adminduk's own.

    Married at any age, or ever married, makes a resident required to hold a KTP-el.
    """

    SINGLE = 1, "Belum Kawin", "Never married"
    MARRIED = 2, "Kawin Tercatat", "Married (registered)"
    MARRIED_UNREGISTERED = 3, "Kawin Belum Tercatat", "Married (not registered)"
    DIVORCED = 4, "Cerai Hidup Tercatat", "Divorced (registered)"
    DIVORCED_UNREGISTERED = 5, "Cerai Hidup Belum Tercatat", "Divorced (not registered)"
    WIDOWED = 6, "Cerai Mati", "Widowed"

    @property
    def is_married(self) -> bool:
        """Whether the resident is married now (registered or not).

        >>> MaritalStatus.MARRIED_UNREGISTERED.is_married
        True
        """
        return self in (MaritalStatus.MARRIED, MaritalStatus.MARRIED_UNREGISTERED)

    @property
    def ever_married(self) -> bool:
        """Whether the resident is or has been married.

        >>> MaritalStatus.WIDOWED.ever_married, MaritalStatus.SINGLE.ever_married
        (True, False)
        """
        return self is not MaritalStatus.SINGLE


class Relationship(CodeTable):
    """Relationship to the head of the family (status hubungan dalam keluarga, SHDK).

    Numbering from village software (OpenSID), **unconfirmed** against SIAK.
    """

    HEAD = 1, "Kepala Keluarga", "Head of family"
    HUSBAND = 2, "Suami", "Husband"
    WIFE = 3, "Istri", "Wife"
    CHILD = 4, "Anak", "Child"
    CHILD_IN_LAW = 5, "Menantu", "Son- or daughter-in-law"
    GRANDCHILD = 6, "Cucu", "Grandchild"
    PARENT = 7, "Orang Tua", "Parent"
    PARENT_IN_LAW = 8, "Mertua", "Parent-in-law"
    OTHER_RELATIVE = 9, "Famili Lain", "Other relative"
    HOUSEHOLD_HELPER = 10, "Pembantu", "Household helper"
    OTHER = 11, "Lainnya", "Other"


class Education(CodeTable):
    """Highest education completed (pendidikan terakhir).

    Numbering from village software (OpenSID), **unconfirmed** against SIAK.
    """

    NONE = 1, "Tidak/Belum Sekolah", "No schooling"
    PRIMARY_INCOMPLETE = 2, "Belum Tamat SD/Sederajat", "Primary school not completed"
    PRIMARY = 3, "Tamat SD/Sederajat", "Primary school"
    JUNIOR_SECONDARY = 4, "SLTP/Sederajat", "Junior secondary school"
    SENIOR_SECONDARY = 5, "SLTA/Sederajat", "Senior secondary school"
    DIPLOMA_1_2 = 6, "Diploma I/II", "Diploma I/II"
    DIPLOMA_3 = 7, "Akademi/Diploma III/Sarjana Muda", "Academy/Diploma III/Bachelor (old)"
    BACHELOR = 8, "Diploma IV/Strata I", "Diploma IV/Bachelor"
    MASTER = 9, "Strata II", "Master"
    DOCTORATE = 10, "Strata III", "Doctorate"


class BloodType(CodeTable):
    """Blood type (golongan darah), with rhesus where known.

    Numbering from village software (OpenSID), **unconfirmed** against SIAK.
    """

    A = 1, "A", "A"
    B = 2, "B", "B"
    AB = 3, "AB", "AB"
    O = 4, "O", "O"  # noqa: E741 - the blood type is called O
    A_POS = 5, "A+", "A+"
    A_NEG = 6, "A-", "A-"
    B_POS = 7, "B+", "B+"
    B_NEG = 8, "B-", "B-"
    AB_POS = 9, "AB+", "AB+"
    AB_NEG = 10, "AB-", "AB-"
    O_POS = 11, "O+", "O+"
    O_NEG = 12, "O-", "O-"
    UNKNOWN = 13, "Tidak Tahu", "Unknown"


class Citizenship(CodeTable):
    """Citizenship (kewarganegaraan); numbering is adminduk's own."""

    WNI = 1, "WNI", "Indonesian citizen"
    WNA = 2, "WNA", "Foreign national"


class KTPElStatus(CodeTable):
    """Where a resident stands in the KTP-el lifecycle (SIAK statuses, in order).

    Belum wajib -> belum rekam -> sudah rekam -> sent for card printing -> print ready record ->
    card printed -> card shipped -> card issued. Numbering is adminduk's own; ``code`` follows the
    order, so statuses compare by progress.

    >>> KTPElStatus.PRINT_READY.is_recorded, KTPElStatus.NOT_RECORDED.is_recorded
    (True, False)
    """

    NOT_REQUIRED = 1, "Belum Wajib", "Not yet required"
    NOT_RECORDED = 2, "Belum Rekam", "Required, not recorded"
    RECORDED = 3, "Sudah Rekam", "Biometrics recorded"
    SENT_FOR_PRINTING = 4, "Kirim Cetak", "Sent for card printing"
    PRINT_READY = 5, "Siap Cetak (PRR)", "Print ready record (PRR)"
    PRINTED = 6, "Kartu Tercetak", "Card printed"
    SHIPPED = 7, "Kartu Dikirim", "Card shipped"
    ISSUED = 8, "Kartu Diterbitkan", "Card issued"

    @property
    def is_recorded(self) -> bool:
        """Whether the biometrics have been recorded (``RECORDED`` or any later status)."""
        return self.code >= KTPElStatus.RECORDED.code


class LifeStatus(CodeTable):
    """A resident's standing in the register (status dasar), as village software records it.

    Numbering from village software (OpenSID), **unconfirmed** against SIAK.
    """

    ALIVE = 1, "Hidup", "Alive"
    DEAD = 2, "Mati", "Dead"
    MOVED_OUT = 3, "Pindah", "Moved out"
    MISSING = 4, "Hilang", "Missing"
    #: A second record of a person already in the register, merged into the first (NIK ganda):
    #: kept for its history, never again a living resident. The number is adminduk's own.
    DUPLICATE = 9, "Tidak valid (ganda)", "Not valid (duplicate)"


class Occupation(CodeTable):
    """Occupation (jenis pekerjaan), all 89 codes of the family card form.

    Numbering from village software (OpenSID), **unconfirmed** against SIAK.
    """

    UNEMPLOYED = 1, "Belum/Tidak Bekerja", "Not working"
    HOMEMAKER = 2, "Mengurus Rumah Tangga", "Homemaker"
    STUDENT = 3, "Pelajar/Mahasiswa", "Student"
    RETIRED = 4, "Pensiunan", "Retired"
    CIVIL_SERVANT = 5, "Pegawai Negeri Sipil (PNS)", "Civil servant"
    MILITARY = 6, "Tentara Nasional Indonesia (TNI)", "Armed forces (TNI)"
    POLICE = 7, "Kepolisian RI (POLRI)", "Police (POLRI)"
    TRADE = 8, "Perdagangan", "Trade"
    FARMER = 9, "Petani/Pekebun", "Farmer/planter"
    LIVESTOCK_FARMER = 10, "Peternak", "Livestock farmer"
    FISHER = 11, "Nelayan/Perikanan", "Fisher"
    INDUSTRY = 12, "Industri", "Industry"
    CONSTRUCTION = 13, "Konstruksi", "Construction"
    TRANSPORT = 14, "Transportasi", "Transport"
    PRIVATE_EMPLOYEE = 15, "Karyawan Swasta", "Private-sector employee"
    SOE_EMPLOYEE = 16, "Karyawan BUMN", "State-owned enterprise employee"
    REGIONAL_SOE_EMPLOYEE = 17, "Karyawan BUMD", "Regional enterprise employee"
    HONORARY_EMPLOYEE = 18, "Karyawan Honorer", "Honorary (contract) employee"
    DAY_LABOURER = 19, "Buruh Harian Lepas", "Day labourer"
    FARM_LABOURER = 20, "Buruh Tani/Perkebunan", "Farm labourer"
    FISHERY_LABOURER = 21, "Buruh Nelayan/Perikanan", "Fishery labourer"
    LIVESTOCK_LABOURER = 22, "Buruh Peternakan", "Livestock labourer"
    DOMESTIC_WORKER = 23, "Pembantu Rumah Tangga", "Domestic worker"
    BARBER = 24, "Tukang Cukur", "Barber"
    ELECTRICIAN = 25, "Tukang Listrik", "Electrician"
    MASON = 26, "Tukang Batu", "Mason"
    CARPENTER = 27, "Tukang Kayu", "Carpenter"
    COBBLER = 28, "Tukang Sol Sepatu", "Cobbler"
    BLACKSMITH = 29, "Tukang Las/Pandai Besi", "Welder/blacksmith"
    TAILOR = 30, "Tukang Jahit", "Tailor"
    DENTAL_TECHNICIAN = 31, "Tukang Gigi", "Dental technician"
    MAKEUP_ARTIST = 32, "Penata Rias", "Make-up artist"
    STYLIST = 33, "Penata Busana", "Clothing stylist"
    HAIRDRESSER = 34, "Penata Rambut", "Hairdresser"
    MECHANIC = 35, "Mekanik", "Mechanic"
    ARTIST = 36, "Seniman", "Artist"
    HEALER = 37, "Tabib", "Traditional healer"
    TRADITIONAL_MIDWIFE = 38, "Paraji", "Traditional birth attendant"
    FASHION_DESIGNER = 39, "Perancang Busana", "Fashion designer"
    TRANSLATOR = 40, "Penterjemah", "Translator"
    IMAM = 41, "Imam Masjid", "Mosque imam"
    PASTOR_PROTESTANT = 42, "Pendeta", "Protestant minister"
    PRIEST_CATHOLIC = 43, "Pastor", "Catholic priest"
    JOURNALIST = 44, "Wartawan", "Journalist"
    PREACHER = 45, "Ustadz/Mubaligh", "Islamic teacher/preacher"
    COOK = 46, "Juru Masak", "Cook"
    EVENT_PROMOTER = 47, "Promotor Acara", "Event promoter"
    MEMBER_DPR = 48, "Anggota DPR-RI", "Member of the House of Representatives (DPR)"
    MEMBER_DPD = 49, "Anggota DPD", "Member of the Regional Representative Council (DPD)"
    MEMBER_BPK = 50, "Anggota BPK", "Member of the Audit Board (BPK)"
    PRESIDENT = 51, "Presiden", "President"
    VICE_PRESIDENT = 52, "Wakil Presiden", "Vice President"
    CONSTITUTIONAL_JUSTICE = 53, "Anggota Mahkamah Konstitusi", "Constitutional Court justice"
    CABINET_MEMBER = 54, "Anggota Kabinet Kementerian", "Cabinet minister"
    AMBASSADOR = 55, "Duta Besar", "Ambassador"
    GOVERNOR = 56, "Gubernur", "Governor"
    VICE_GOVERNOR = 57, "Wakil Gubernur", "Vice governor"
    REGENT = 58, "Bupati", "Regent"
    VICE_REGENT = 59, "Wakil Bupati", "Vice regent"
    MAYOR = 60, "Walikota", "Mayor"
    VICE_MAYOR = 61, "Wakil Walikota", "Vice mayor"
    MEMBER_DPRD_PROVINCE = 62, "Anggota DPRD Provinsi", "Member of a provincial council"
    MEMBER_DPRD_REGENCY = 63, "Anggota DPRD Kabupaten/Kota", "Member of a regency/city council"
    LECTURER = 64, "Dosen", "Lecturer"
    TEACHER = 65, "Guru", "Teacher"
    PILOT = 66, "Pilot", "Pilot"
    LAWYER = 67, "Pengacara", "Lawyer"
    NOTARY = 68, "Notaris", "Notary"
    ARCHITECT = 69, "Arsitek", "Architect"
    ACCOUNTANT = 70, "Akuntan", "Accountant"
    CONSULTANT = 71, "Konsultan", "Consultant"
    DOCTOR = 72, "Dokter", "Physician"
    MIDWIFE = 73, "Bidan", "Midwife"
    NURSE = 74, "Perawat", "Nurse"
    PHARMACIST = 75, "Apoteker", "Pharmacist"
    PSYCHIATRIST = 76, "Psikiater/Psikolog", "Psychiatrist/psychologist"
    TV_BROADCASTER = 77, "Penyiar Televisi", "Television broadcaster"
    RADIO_BROADCASTER = 78, "Penyiar Radio", "Radio broadcaster"
    SAILOR = 79, "Pelaut", "Sailor"
    RESEARCHER = 80, "Peneliti", "Researcher"
    DRIVER = 81, "Sopir", "Driver"
    BROKER = 82, "Pialang", "Broker"
    PARANORMAL = 83, "Paranormal", "Psychic"
    TRADER = 84, "Pedagang", "Trader"
    VILLAGE_OFFICIAL = 85, "Perangkat Desa", "Village official"
    VILLAGE_HEAD = 86, "Kepala Desa", "Village head"
    NUN = 87, "Biarawati", "Nun"
    ENTREPRENEUR = 88, "Wiraswasta", "Self-employed"
    OTHER = 89, "Lainnya", "Other"


class BirthPlaceKind(CodeTable):
    """Where a child was born (tempat dilahirkan), as F-2.01 asks it.

    Numbering as the form prints it, **unconfirmed** against the annex of Permendagri 109/2019.
    """

    HOSPITAL = 1, "RS/RB", "Hospital or maternity clinic"
    HEALTH_CENTRE = 2, "Puskesmas", "Community health centre"
    VILLAGE_MATERNITY = 3, "Polindes", "Village maternity post"
    HOME = 4, "Rumah", "Home"
    OTHER = 5, "Lainnya", "Elsewhere"


class BirthKind(CodeTable):
    """Single or multiple birth (jenis kelahiran), as F-2.01 asks it.

    Numbering as the form prints it, **unconfirmed** against the annex of Permendagri 109/2019.
    """

    SINGLE = 1, "Tunggal", "Single"
    TWINS = 2, "Kembar 2", "Twins"
    TRIPLETS = 3, "Kembar 3", "Triplets"
    QUADRUPLETS = 4, "Kembar 4", "Quadruplets"
    OTHER = 5, "Lainnya", "Other"


class BirthAttendant(CodeTable):
    """Who attended the birth (penolong kelahiran), as F-2.01 asks it.

    Numbering as the form prints it, **unconfirmed** against the annex of Permendagri 109/2019.
    """

    DOCTOR = 1, "Dokter", "Doctor"
    MIDWIFE = 2, "Bidan/Perawat", "Midwife or nurse"
    TRADITIONAL = 3, "Dukun", "Traditional birth attendant"
    OTHER = 4, "Lainnya", "Other"


class DeathCause(CodeTable):
    """The cause of a death (sebab kematian), as F-2.01 asks it.

    Numbering as the form prints it, **unconfirmed** against the annex of Permendagri 109/2019.
    """

    ILLNESS_OR_AGE = 1, "Sakit biasa/tua", "Illness or old age"
    EPIDEMIC = 2, "Wabah penyakit", "Epidemic"
    ACCIDENT = 3, "Kecelakaan", "Accident"
    CRIME = 4, "Kriminalitas", "Crime"
    SUICIDE = 5, "Bunuh diri", "Suicide"
    OTHER = 6, "Lainnya", "Other"


class DeathCertifier(CodeTable):
    """Who certified a death (yang menerangkan), as F-2.01 asks it.

    Numbering as the form prints it, **unconfirmed** against the annex of Permendagri 109/2019.
    """

    DOCTOR = 1, "Dokter", "Doctor"
    HEALTH_WORKER = 2, "Tenaga kesehatan", "Health worker"
    POLICE = 3, "Kepolisian", "Police"
    OTHER = 4, "Lainnya", "Other (a village head)"


class MoveReason(CodeTable):
    """Why a family moves (alasan pindah), as the moving form F-1.03 asks it.

    Numbering as the form prints it, **unconfirmed** against the annex of Permendagri 109/2019.
    """

    WORK = 1, "Pekerjaan", "Work"
    EDUCATION = 2, "Pendidikan", "Education"
    SECURITY = 3, "Keamanan", "Security"
    HEALTH = 4, "Kesehatan", "Health"
    HOUSING = 5, "Perumahan", "Housing"
    FAMILY = 6, "Keluarga", "Family"
    OTHER = 7, "Lainnya", "Other"


class Disability(CodeTable):
    """A resident's disability (jenis disabilitas), as the family card form F-1.01 records it.

    The kinds are UU 8/2016 Pasal 4's (physical, intellectual, mental, sensory; several at once),
    the sensory kind split as the older form's "penyandang cacat" choices did (blind, deaf or
    mute). The numbering is adminduk's own, **unconfirmed** against the annex of Permendagri
    109/2019 and SIAK: a code table to correct, not a rule.
    """

    PHYSICAL = 1, "Disabilitas fisik", "Physical disability"
    INTELLECTUAL = 2, "Disabilitas intelektual", "Intellectual disability"
    MENTAL = 3, "Disabilitas mental", "Mental disability"
    BLIND = 4, "Disabilitas sensorik netra", "Blind or low vision"
    DEAF = 5, "Disabilitas sensorik rungu", "Deaf or hard of hearing"
    MUTE = 6, "Disabilitas sensorik wicara", "Speech impairment"
    MULTIPLE = 7, "Disabilitas ganda/multi", "Multiple disabilities"
