"""The demo district: Kabupaten Kutai Kartanegara, its kecamatan and villages
(official codes), about twenty libraries and one account per role.

Loaded through the same services as the pages, and idempotent: what exists
already is left as it is.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from pustaka.core.permissions import Role
from pustaka.libraries import services
from pustaka.libraries.models import District, Library, Region
from pustaka.libraries.queries import district_current

DEMO_PASSWORD = "demo-pustaka-2026"

WEEKDAYS_8_TO_4 = {str(day): [["08:00", "12:00"], ["13:00", "16:00"]] for day in range(5)}
VILLAGE_HOURS = {**WEEKDAYS_8_TO_4, "5": [["08:00", "12:00"]]}
READING_GARDEN_HOURS = {
    **{str(day): [["15:00", "18:00"]] for day in range(6)},
    "6": [["08:00", "12:00"]],
}
DISTRICT_HOURS = {
    **{str(day): [["08:00", "16:00"]] for day in range(4)},
    "4": [["08:00", "11:00"], ["13:30", "16:00"]],
    "5": [["09:00", "14:00"]],
}

# code, name, kind, village code, population served, year established
LIBRARIES = [
    (
        "PUD",
        "Perpustakaan Umum Daerah Kutai Kartanegara",
        "district",
        "64.02.06.1007",
        806964,
        2001,
    ),
    ("DS01", "Perpustakaan Desa Rebaq Rinding", "desa", "64.02.01.2006", 1450, 2012),
    ("DS02", "Perpustakaan Desa Jonggon Desa", "desa", "64.02.02.2001", 2380, 2015),
    ("DS03", "Perpustakaan Desa Lung Anai", "desa", "64.02.02.2010", 1620, 2016),
    ("DS04", "Perpustakaan Desa Loa Janan Ulu", "desa", "64.02.03.2003", 5210, 2010),
    ("DS05", "Perpustakaan Desa Tani Baru", "desa", "64.02.04.2003", 3020, 2014),
    ("DS06", "Perpustakaan Desa Sallo Cela", "desa", "64.02.05.2012", 1890, 2018),
    ("DS07", "Perpustakaan Desa Selerong", "desa", "64.02.07.2001", 2140, 2013),
    ("DS08", "Perpustakaan Desa Liang", "desa", "64.02.08.2007", 1770, 2017),
    ("DS09", "Perpustakaan Desa Lamin Telihan", "desa", "64.02.09.2001", 980, 2019),
    ("DS10", "Perpustakaan Desa Muai", "desa", "64.02.10.2009", 1230, 2016),
    ("DS11", "Perpustakaan Desa Sabintulung", "desa", "64.02.11.2006", 1560, 2015),
    ("DS12", "Perpustakaan Desa Tabang Lama", "desa", "64.02.12.2012", 1110, 2020),
    ("DS13", "Perpustakaan Desa Bhuana Jaya", "desa", "64.02.16.2008", 4380, 2011),
    ("DS14", "Perpustakaan Desa Enggelam", "desa", "64.02.18.2004", 870, 2019),
    ("KL01", "Perpustakaan Kelurahan Sungai Seluang", "kelurahan", "64.02.13.1007", 6120, 2012),
    ("KL02", "Perpustakaan Kelurahan Dondang", "kelurahan", "64.02.14.1005", 5480, 2014),
    ("KL03", "Perpustakaan Kelurahan Sanga-Sanga Muara", "kelurahan", "64.02.15.1005", 4270, 2013),
    ("KL04", "Perpustakaan Kelurahan Karya Merdeka", "kelurahan", "64.02.20.1003", 3950, 2018),
    ("TB01", "Taman Baca Makarti", "taman_baca", "64.02.17.2007", 1320, 2021),
    ("TB02", "Taman Baca Kota Bangun II", "taman_baca", "64.02.19.2005", 1680, 2020),
    ("TB03", "Taman Baca Muara Badak Ulu", "taman_baca", "64.02.05.2003", 2210, 2022),
    ("TB04", "Taman Baca Senoni", "taman_baca", "64.02.07.2010", 940, 2021),
]
HOURS_BY_KIND = {
    "district": DISTRICT_HOURS,
    "desa": VILLAGE_HOURS,
    "kelurahan": VILLAGE_HOURS,
    "taman_baca": READING_GARDEN_HOURS,
}
OFFERS_BY_KIND = {
    "district": ["lending", "reading_room", "children", "computers", "wifi", "activities"],
    "desa": ["lending", "reading_room", "children", "activities"],
    "kelurahan": ["lending", "reading_room", "computers", "activities"],
    "taman_baca": ["lending", "children", "outreach"],
}

# username, first name, last name, role, library code
ACCOUNTS = [
    ("admin", "Admin", "Dinas", Role.DISTRICT_ADMIN, None),
    ("pemantau", "Pemantau", "Dinas", Role.DISTRICT_VIEWER, None),
    ("pengelola", "Siti", "Rahmawati", Role.LIBRARY_MANAGER, "DS01"),
    ("relawan", "Budi", "Santoso", Role.VOLUNTEER, "DS01"),
    ("pengelola2", "Yohanes", "Lahang", Role.LIBRARY_MANAGER, "DS02"),
]


@transaction.atomic
def demo_load() -> dict:
    """Load whatever part of the demo district is missing; return what was added."""
    regions = services.regions_load(actor=None, rows=services.read_regions_csv())
    admin = _demo_admin()
    district = district_current() or services.district_create(
        actor=admin, name="Kabupaten Kutai Kartanegara", region_code="64.02"
    )
    if district.population is None:
        services.district_update(
            actor=admin,
            district=district,
            changes={
                "population": 806964,
                "office_name": "Dinas Kearsipan dan Perpustakaan Kabupaten Kutai Kartanegara",
                "address": "Jl. Muso Salim No. 1, Tenggarong",
            },
        )
    libraries = sum(_demo_library(admin, *row) for row in LIBRARIES)
    accounts = sum(_demo_account(admin, *row) for row in ACCOUNTS[1:])
    return {"regions": regions, "libraries": libraries, "accounts": accounts}


def demo_is_needed() -> bool:
    """An empty database: no district and no accounts yet (a real installation
    being set up has its first administrator and must not get the demo)."""
    return not District.objects.exists() and not get_user_model().objects.exists()


def demo_is_loaded() -> bool:
    """The demo's accounts are here (so printing their logins helps, not misleads)."""
    usernames = [username for username, *_rest in ACCOUNTS]
    return get_user_model().objects.filter(username__in=usernames).count() == len(usernames)


def _demo_admin():
    User = get_user_model()
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        username, first, last, _role, _library = ACCOUNTS[0]
        admin = services.staff_create_first_admin(
            username=username, password=DEMO_PASSWORD, first_name=first, last_name=last
        )
    return admin


def _demo_library(admin, code, name, kind, village_code, population, year) -> int:
    if Library.objects.filter(code=code).exists():
        return 0
    village = Region.objects.get(code=village_code)
    services.library_create(
        actor=admin,
        code=code,
        name=name,
        kind=kind,
        kecamatan=village.parent,
        village=village,
        address=f"{village.name}, Kecamatan {village.parent.name}, Kutai Kartanegara",
        opening_hours=HOURS_BY_KIND[kind],
        offers=OFFERS_BY_KIND[kind],
        population_served=population,
        established_on=datetime.date(year, 8, 17),
        phone="0541-661000" if kind == "district" else "",
        latitude="-0.418100" if kind == "district" else None,
        longitude="116.987900" if kind == "district" else None,
        description="",
    )
    return 1


def _demo_account(admin, username, first_name, last_name, role, library_code) -> int:
    if get_user_model().objects.filter(username=username).exists():
        return 0
    services.staff_create(
        actor=admin,
        username=username,
        password=DEMO_PASSWORD,
        role=role,
        library=Library.objects.get(code=library_code) if library_code else None,
        first_name=first_name,
        last_name=last_name,
    )
    return 1


def demo_logins() -> list[tuple[str, str, str]]:
    """``(username, password, what they are)`` of the demo accounts, for printing."""
    labels = dict(Role.choices)
    rows = []
    for username, _first, _last, role, library_code in ACCOUNTS:
        where = f" ({library_code})" if library_code else ""
        rows.append((username, DEMO_PASSWORD, f"{labels[role]}{where}"))
    return rows
