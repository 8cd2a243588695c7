"""The registry's Russian and Ukrainian outlets: names in both scripts, domains, state
affiliation and designations, each with its source."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from parallax.ingest.language import language_code
from parallax.ingest.outlets import OutletRegistry, load_outlets, resolve_outlet
from parallax.report.glance import affiliation

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
URL = re.compile(r"https?://[^\s/]+\.\S*")

# Each outlet of the Russian and Ukrainian press the registry must cover, and the language
# its articles are mostly written in (the first tag of its registry language).
RUSSIAN = {
    "rt": "en", "sputnik": "multilingual", "ria-novosti": "ru", "tass": "ru", "vgtrk": "ru",
    "channel-one": "ru", "ntv": "ru", "izvestia": "ru", "rossiyskaya-gazeta": "ru",
    "komsomolskaya-pravda": "ru", "moskovsky-komsomolets": "ru", "kommersant": "ru",
    "rbc": "ru", "vedomosti": "ru", "interfax": "ru", "novaya-gazeta": "ru",
    "novaya-gazeta-europe": "ru", "meduza": "ru", "tv-rain": "ru", "echo-of-moscow": "ru",
}  # fmt: skip
UKRAINIAN = {
    "ukrainska-pravda": "uk", "kyiv-independent": "en", "ukrinform": "uk", "suspilne": "uk",
    "unian": "uk", "interfax-ukraine": "uk", "rbc-ukraine": "uk", "nv": "uk", "hromadske": "uk",
    "1plus1": "uk",
}  # fmt: skip
# The rows added with the Russian and Ukrainian press (the others predate them).
NEW = (
    "komsomolskaya-pravda", "moskovsky-komsomolets", "kommersant", "rbc", "vedomosti",
    "interfax", "novaya-gazeta", "novaya-gazeta-europe", "tv-rain", "echo-of-moscow",
    "ukrinform", "suspilne", "unian", "interfax-ukraine", "rbc-ukraine", "nv", "hromadske",
    "1plus1",
)  # fmt: skip


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    return load_outlets()


def test_the_main_russian_and_ukrainian_outlets_are_in_the_registry(
    registry: OutletRegistry,
) -> None:
    for outlet_id, language in (RUSSIAN | UKRAINIAN).items():
        outlet = registry.get(outlet_id)
        assert outlet is not None, outlet_id
        assert outlet.domains and outlet.country and outlet.language, outlet_id
        expected = None if language == "multilingual" else language
        assert language_code(outlet.language.value) == expected, outlet_id
    for outlet_id in UKRAINIAN:
        outlet = registry.get(outlet_id)
        assert outlet and outlet.country and outlet.country.value.startswith("Ukraine")


def test_new_rows_cite_every_fact_and_have_a_cyrillic_name(registry: OutletRegistry) -> None:
    for outlet_id in NEW:
        outlet = registry.get(outlet_id)
        assert outlet is not None, outlet_id
        # Every new row names its owner, except where no source documents one.
        assert outlet.owner is not None or outlet_id == "rbc-ukraine", outlet_id
        facts = [outlet.country, outlet.language, outlet.owner, outlet.state_affiliation]
        for fact in filter(None, facts):
            assert URL.fullmatch(fact.source), (outlet_id, fact.source)
        for designation in outlet.designations:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", designation.date), outlet_id
            assert URL.fullmatch(designation.citation), outlet_id
        assert any(CYRILLIC.search(alias) for alias in outlet.aliases), outlet_id


def test_a_citation_to_an_issuers_home_page_says_why(registry: OutletRegistry) -> None:
    """A designation cited to a site rather than a document must say in its note that the
    document's own URL was not verified."""
    for outlet in registry.all():
        for designation in outlet.designations:
            if urlsplit(designation.citation).path.strip("/") == "":
                assert designation.note and "not verified" in designation.note, (
                    outlet.id,
                    designation.date,
                )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Коммерсантъ", "kommersant"),
        ("Коммерсант", "kommersant"),
        ("Комерсант", "kommersant"),
        ("Комсомольская правда", "komsomolskaya-pravda"),
        ("Комсомольська правда", "komsomolskaya-pravda"),
        ("«Московский комсомолец»", "moskovsky-komsomolets"),
        ("РБК", "rbc"),
        ("РБК-Україна", "rbc-ukraine"),
        ("РБК-Украина", "rbc-ukraine"),
        ("Ведомости", "vedomosti"),
        ("Интерфакс", "interfax"),
        ("Інтерфакс-Україна", "interfax-ukraine"),
        ("Интерфакс-Украина", "interfax-ukraine"),
        ("Новая газета", "novaya-gazeta"),
        ("Нова газета", "novaya-gazeta"),
        ("Новая газета. Европа", "novaya-gazeta-europe"),
        ("Телеканал Дождь", "tv-rain"),
        ("Дощ", "tv-rain"),
        ("Эхо Москвы", "echo-of-moscow"),
        ("Ехо Москви", "echo-of-moscow"),
        ("Укрінформ", "ukrinform"),
        ("Укринформ", "ukrinform"),
        ("Суспільне", "suspilne"),
        ("УНІАН", "unian"),
        ("УНИАН", "unian"),
        ("Громадське", "hromadske"),
        ("ТСН", "1plus1"),
        ("1+1", "1plus1"),
        ("Новое время", "nv"),
        ("Новий час", "nv"),
        ("Українська правда", "ukrainska-pravda"),
        ("Украинская правда", "ukrainska-pravda"),
        ("РИА Новости", "ria-novosti"),
        ("РІА Новості", "ria-novosti"),
        ("Первый канал", "channel-one"),
        ("Перший канал", "channel-one"),
        ("Российская газета", "rossiyskaya-gazeta"),
        ("Російська газета", "rossiyskaya-gazeta"),
        ("Россия 1", "vgtrk"),
        ("ТАСС", "tass"),
        ("Медуза", "meduza"),
        ("Ukrinform", "ukrinform"),
        ("UA:PBC", "suspilne"),
        ("Ekho Moskvy", "echo-of-moscow"),
        ("Dozhd", "tv-rain"),
        ("112 Україна", "112-ukraine"),
        ("ЗІК", "zik"),
    ],
)
def test_find_by_russian_or_ukrainian_name(
    registry: OutletRegistry, name: str, expected: str
) -> None:
    outlet = registry.find(name)
    assert outlet is not None and outlet.id == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("https://www.kommersant.ru/doc/1", "kommersant"),
        ("https://www.rbc.ru/politics/1", "rbc"),
        ("https://www.rbc.ua/rus/news/1.html", "rbc-ukraine"),
        ("https://newsukraine.rbc.ua/news/1.html", "rbc-ukraine"),
        ("https://www.interfax.ru/russia/1", "interfax"),
        ("https://en.interfax.com.ua/news/general/989018.html", "interfax-ukraine"),
        ("https://www.kp.ru/daily/1/", "komsomolskaya-pravda"),
        ("https://www.mk.ru/politics/1.html", "moskovsky-komsomolets"),
        ("https://www.vedomosti.ru/politics/1", "vedomosti"),
        ("https://novayagazeta.ru/articles/1", "novaya-gazeta"),
        ("https://novayagazeta.eu/articles/2023/06/28/x", "novaya-gazeta-europe"),
        ("https://tvrain.tv/news/1/", "tv-rain"),
        ("https://echo.msk.ru/news/1.html", "echo-of-moscow"),
        ("https://www.ukrinform.ua/rubric-ato/1.html", "ukrinform"),
        ("https://www.ukrinform.net/rubric-ato/1.html", "ukrinform"),
        ("https://suspilne.media/1-x/", "suspilne"),
        ("https://www.unian.ua/war/1.html", "unian"),
        ("https://www.unian.info/war/1.html", "unian"),
        ("https://nv.ua/ukr/world/1.html", "nv"),
        ("https://hromadske.ua/en/posts/the-search-into-dragon-capital", "hromadske"),
        ("https://tsn.ua/exclusive/1.html", "1plus1"),
        ("https://112.ua/politika/1.html", "112-ukraine"),
        ("https://zik.ua/news/1", "zik"),
        ("https://www.themoscowtimes.com/2024/07/10/x", "the-moscow-times"),
        ("https://en.zona.media/article/1", "mediazona"),
    ],
)
def test_by_domain_for_russian_and_ukrainian_hosts(
    registry: OutletRegistry, host: str, expected: str
) -> None:
    outlet = registry.by_domain(host)
    assert outlet is not None and outlet.id == expected


def test_cyrillic_bylines_and_site_names_resolve(registry: OutletRegistry) -> None:
    outlet, evidence = resolve_outlet(
        registry, url=None, raw_text="Текст.", stated="Коммерсантъ", site_name=None
    )
    assert outlet is not None and outlet.id == "kommersant"
    assert evidence == "stated:Коммерсантъ"
    outlet, evidence = resolve_outlet(
        registry, url=None, raw_text="Текст.", stated=None, site_name="Українська правда"
    )
    assert outlet is not None and outlet.id == "ukrainska-pravda"
    assert evidence == "site-name:Українська правда"
    # The page's domain wins over a Cyrillic site name of another outlet.
    outlet, evidence = resolve_outlet(
        registry, url="https://www.unian.net/x.html", raw_text="", stated=None, site_name="РБК"
    )
    assert outlet is not None and (outlet.id, evidence) == ("unian", "domain:unian.net")


def test_state_owned_and_public_outlets_are_marked(registry: OutletRegistry) -> None:
    labels = {}
    for outlet_id in ("ukrinform", "suspilne", "tass", "ria-novosti", "vgtrk", "channel-one"):
        badge = affiliation(registry.get(outlet_id))
        assert badge is not None, outlet_id
        labels[outlet_id] = badge.label
    assert labels["ukrinform"] == "state-owned"
    assert labels["suspilne"] == "public broadcaster"
    suspilne = registry.get("suspilne")
    assert suspilne and suspilne.state_affiliation
    assert "independen" in suspilne.state_affiliation.value
    # Privately owned outlets document an owner and no state affiliation.
    for outlet_id in ("kommersant", "rbc", "komsomolskaya-pravda", "unian", "nv", "1plus1"):
        outlet = registry.get(outlet_id)
        assert outlet and outlet.owner and outlet.state_affiliation is None, outlet_id


def test_designations_of_russian_and_ukrainian_outlets(registry: OutletRegistry) -> None:
    def by_date(outlet_id: str) -> dict[str, tuple[str, str, str]]:
        outlet = registry.get(outlet_id)
        assert outlet is not None
        return {d.date: (d.issuer, d.description, d.citation) for d in outlet.designations}

    tv_rain = by_date("tv-rain")
    assert "Ministry of Justice" in tv_rain["2021-08-20"][0]
    assert "foreign agent" in tv_rain["2021-08-20"][1]
    assert "NEPLP" in tv_rain["2022-12-06"][0]
    assert tv_rain["2022-12-06"][2].startswith("https://www.neplp.lv/")
    assert "undesirable" in tv_rain["2023-07-25"][1]
    assert "Roskomnadzor" in tv_rain["2022-03-01"][0]
    assert "undesirable" in by_date("novaya-gazeta-europe")["2023-06-28"][1]
    novaya = by_date("novaya-gazeta")
    assert set(novaya) == {"2022-03-28", "2022-09-05", "2022-09-15"}
    assert "Roskomnadzor" in novaya["2022-09-05"][1]
    assert "Roskomnadzor" in by_date("echo-of-moscow")["2022-03-01"][0]
    for outlet_id in ("channel-one", "vgtrk", "ntv"):
        ofac = by_date(outlet_id)["2022-05-08"]
        assert "OFAC" in ofac[0] and "E.O. 14024" in ofac[1], outlet_id
        assert ofac[2].startswith("https://home.treasury.gov/"), outlet_id
    # Ukraine's 2017 sanctions decree on Russian broadcasters and Rossiya Segodnya.
    for outlet_id in ("rbc", "vgtrk", "tv-centre", "zvezda", "ren-tv", "ria-novosti", "sputnik"):
        decree = by_date(outlet_id)["2017-05-15"]
        assert "NSDC" in decree[0] and "133/2017" in decree[1], outlet_id
    # Ukraine's 2021 sanctions on the channels of the Novyny media holding.
    for outlet_id in ("112-ukraine", "newsone", "zik"):
        issuer, description, _ = by_date(outlet_id)["2021-02-02"]
        assert "NSDC" in issuer and "Taras Kozak" in description, outlet_id

    # Exiled Russian outlets named "foreign agents" and then "undesirable".
    assert set(by_date("the-insider")) == {"2021-07-23", "2022-07-15"}
    assert set(by_date("the-moscow-times")) == {"2023-11-17", "2024-07-10"}
    assert "foreign agent" in by_date("mediazona")["2021-09-29"][1]


def test_an_english_name_does_not_resolve_to_a_russian_namesake(
    registry: OutletRegistry,
) -> None:
    """The name "Insider" (the former Business Insider) is not The Insider of theins.ru."""
    assert registry.find("Insider") is None
    assert registry.find("The Insider") is None
    outlet = registry.by_domain("https://theins.ru/en/news/263724")
    assert outlet is not None and outlet.id == "the-insider"


def test_designations_are_listed_in_date_order(registry: OutletRegistry) -> None:
    for outlet in registry.all():
        dates = [designation.date for designation in outlet.designations]
        assert dates == sorted(dates), outlet.id
