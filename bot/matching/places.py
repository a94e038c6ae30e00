"""Places a text names (countries, their people, US states, Canadian provinces), as country codes.

Used for one rule only: advice that depends on the country (tax, law, permits, insurance: skills marked
`local` in the vocabulary) does not carry across borders. "I do the books for German freelancers" does not
answer a question about Spain's autónomo quota, however alike the words are.
"""

import re
from functools import cache

from bot.matching.text import words

EU = "EU"
EU_MEMBERS = frozenset(
    {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"}
    | {"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
)

COUNTRIES: dict[str, tuple[str, ...]] = {
    "AR": ("argentina", "argentinian", "argentine"),
    "AU": ("australia", "australian"),
    "AT": ("austria", "austrian"),
    "BE": ("belgium", "belgian"),
    "BR": ("brazil", "brasil", "brazilian", "brasileiro", "brasileira"),
    "CA": (
        "canada",
        "canadian",
        "québec",
        "quebec",
        "ontario",
        "british columbia",
        "alberta",
        "manitoba",
        "nova scotia",
        "saskatchewan",
        "revenu québec",
    ),
    "CL": ("chile", "chilean"),
    "CN": ("china", "chinese mainland"),
    "CO": ("colombia", "colombian"),
    "CZ": ("czechia", "czech republic"),
    "DK": ("denmark", "danish"),
    "EG": ("egypt", "egyptian"),
    "FI": ("finland", "finnish"),
    "FR": ("france", "urssaf"),
    "DE": (
        "germany",
        "deutschland",
        "german freelancers",
        "german companies",
        "german clients",
        "kleinunternehmerregelung",
        "finanzamt",
    ),
    "GR": ("greece", "greek tax"),
    "HK": ("hong kong",),
    "HU": ("hungary", "hungarian"),
    "IN": ("india", "indian rupee", "gst india"),
    "ID": ("indonesia", "indonesian"),
    "IE": ("ireland", "irish"),
    "IL": ("israel", "israeli"),
    "IT": ("italy", "italia", "partita iva"),
    "JP": ("japan", "japanese tax", "インボイス制度", "日本"),
    "KE": ("kenya", "kenyan"),
    "KR": ("south korea", "korea"),
    "MX": ("mexico", "méxico", "mexican", "nom-051", "nom 051", "sat mexico"),
    "MA": ("morocco", "moroccan"),
    "NL": ("netherlands", "the netherlands", "holland", "dutch", "kvk"),
    "NZ": ("new zealand",),
    "NG": ("nigeria", "nigerian"),
    "NO": ("norway", "norwegian"),
    "PK": ("pakistan", "pakistani"),
    "PE": ("peru", "peruvian"),
    "PH": ("philippines", "filipino"),
    "PL": ("poland", "polish zus", "zus"),
    "PT": ("portugal", "recibos verdes"),
    "RO": ("romania", "romanian"),
    "SG": ("singapore", "singaporean"),
    "ZA": ("south africa", "south african"),
    "ES": ("spain", "españa", "autónomo", "autónomos", "autonomo", "autonomos", "hacienda", "gestor"),
    "SE": ("sweden", "swedish"),
    "CH": ("switzerland", "swiss"),
    "TW": ("taiwan", "taiwanese"),
    "TH": ("thailand", "thai"),
    "TR": ("turkey", "türkiye", "turkish"),
    "UA": ("ukraine", "ukrainian"),
    "AE": ("uae", "dubai", "abu dhabi", "emirates"),
    "GB": (
        "uk",
        "u.k",
        "united kingdom",
        "britain",
        "great britain",
        "british",
        "england",
        "scotland",
        "wales",
        "northern ireland",
        "hmrc",
        "companies house",
    ),
    "US": (
        "usa",
        "u.s.a",
        "united states",
        "america",
        "llc",
        "alabama",
        "alaska",
        "arizona",
        "arkansas",
        "california",
        "colorado",
        "connecticut",
        "delaware",
        "florida",
        "georgia",
        "hawaii",
        "idaho",
        "illinois",
        "indiana",
        "iowa",
        "kansas",
        "kentucky",
        "louisiana",
        "maine",
        "maryland",
        "massachusetts",
        "michigan",
        "minnesota",
        "mississippi",
        "missouri",
        "montana",
        "nebraska",
        "nevada",
        "new hampshire",
        "new jersey",
        "new mexico",
        "new york",
        "north carolina",
        "north dakota",
        "ohio",
        "oklahoma",
        "oregon",
        "pennsylvania",
        "rhode island",
        "south carolina",
        "south dakota",
        "tennessee",
        "texas",
        "utah",
        "vermont",
        "virginia",
        "washington state",
        "west virginia",
        "wisconsin",
        "wyoming",
    ),
    "VN": ("vietnam", "vietnamese"),
    EU: ("european union", "euipo", "creative europe", "erasmus"),
}
# Short names that are also everyday words ("contact us", Portuguese "eu"): only in capitals.
IN_CAPITALS = re.compile(r"\b(?:(US|U\.S\.|IRS)|(EU)|(CRA))\b")
LONGEST = max(len(words(name)) for names in COUNTRIES.values() for name in names)


@cache
def _index() -> dict[tuple[str, ...], str]:
    return {tuple(words(name)): code for code, names in COUNTRIES.items() for name in names if words(name)}


@cache
def _unspaced() -> dict[str, str]:
    """Names in scripts written without spaces between words (インボイス制度): found as substrings."""
    return {name: code for code, names in COUNTRIES.items() for name in names if not words(name)}


def places(text: str) -> frozenset[str]:
    """The country codes a text names ("EU" for the European Union)."""
    written = words(text)
    index = _index()
    found: set[str] = set()
    for match in IN_CAPITALS.finditer(text):
        found.add("US" if match.group(1) else EU if match.group(2) else "CA")
    found.update(code for name, code in _unspaced().items() if name in text)
    for start in range(len(written)):
        for length in range(min(LONGEST, len(written) - start), 0, -1):
            code = index.get(tuple(written[start : start + length]))
            if code is not None:
                found.add(code)
                break
    return frozenset(found)


def overlap(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two sets of places share one (the EU counts as each of its members)."""
    if first & second:
        return True
    return (EU in first and bool(second & EU_MEMBERS)) or (EU in second and bool(first & EU_MEMBERS))
