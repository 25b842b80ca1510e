"""Place names typed in lowercase, written as a note writes them: "the new office in berlin"
-> "the new office in Berlin", "the london team" -> "the London team", "new york" -> "New
York", "our european customers" -> "our European customers".

Only names that cannot be anything else are on the list: well-known cities, countries,
regions, and the words made from them (nationalities, languages). A place whose name is
also an everyday word is left as typed - "mobile" (Alabama, and "moving intake to mobile"),
"reading", "bath", "nice", "split", "male", "hull", "sale", "derby", "cork", "buffalo",
"boulder", "providence", "phoenix", "turkey", "jersey", "polish" - as is anything typed
with a capital ("NYC", "Berlin" stay as typed). A list, not a gazetteer: every one of the
tens of thousands of towns in a gazetteer would need the same check, and a thank-you note
is better with "reading" left alone than with "Reading" guessed."""

from __future__ import annotations

import re

__all__ = ["PLACE_NAMES", "place_names"]

_CITIES = """
    London|Manchester|Birmingham|Leeds|Glasgow|Edinburgh|Bristol|Liverpool|Cardiff|Belfast|
    Sheffield|Newcastle|Nottingham|Brighton|Leicester|Southampton|Aberdeen|Cambridge|Oxford|
    York|Dublin|Galway|
    Berlin|Munich|Hamburg|Frankfurt|Stuttgart|Dusseldorf|Düsseldorf|Leipzig|Dresden|
    Paris|Lyon|Marseille|Toulouse|Bordeaux|Lille|Amsterdam|Rotterdam|Utrecht|Eindhoven|
    Brussels|Antwerp|Ghent|Zurich|Zürich|Geneva|Basel|Lausanne|Vienna|Prague|Warsaw|Krakow|
    Kraków|Wroclaw|Wrocław|Budapest|Bucharest|Athens|Rome|Milan|Turin|Naples|Florence|
    Bologna|Madrid|Barcelona|Valencia|Seville|Malaga|Málaga|Bilbao|Lisbon|Porto|Copenhagen|
    Aarhus|Stockholm|Gothenburg|Malmo|Malmö|Oslo|Bergen|Helsinki|Tallinn|Riga|Vilnius|Kyiv|
    Kiev|Lviv|Istanbul|Ankara|Zagreb|Belgrade|Ljubljana|Bratislava|Reykjavik|
    New York|New York City|Brooklyn|Manhattan|Boston|Chicago|Seattle|San Francisco|
    Los Angeles|San Diego|San Jose|Oakland|Sacramento|Austin|Dallas|Houston|San Antonio|
    Denver|Atlanta|Miami|Orlando|Tampa|Nashville|Charlotte|Raleigh|Philadelphia|Pittsburgh|
    Baltimore|Detroit|Minneapolis|Portland|Salt Lake City|Las Vegas|Columbus|Cleveland|
    Cincinnati|Indianapolis|Milwaukee|St. Louis|Kansas City|New Orleans|Honolulu|
    Washington|Washington DC|Washington D.C.|Toronto|Montreal|Montréal|Vancouver|Ottawa|
    Calgary|Edmonton|Waterloo|Mexico City|Guadalajara|Monterrey|Sao Paulo|São Paulo|
    Rio de Janeiro|Buenos Aires|Santiago|Bogota|Bogotá|Medellin|Medellín|Lima|Montevideo|
    Tokyo|Osaka|Kyoto|Seoul|Beijing|Shanghai|Shenzhen|Guangzhou|Hong Kong|Taipei|Singapore|
    Bangkok|Jakarta|Manila|Kuala Lumpur|Ho Chi Minh City|Hanoi|Bangalore|Bengaluru|Mumbai|
    Delhi|New Delhi|Hyderabad|Chennai|Pune|Kolkata|Gurgaon|Gurugram|Noida|Ahmedabad|Karachi|
    Lahore|Dhaka|Colombo|Dubai|Abu Dhabi|Doha|Riyadh|Tel Aviv|Jerusalem|Haifa|Cairo|Lagos|
    Abuja|Nairobi|Accra|Kigali|Johannesburg|Cape Town|Casablanca|Sydney|Melbourne|Brisbane|
    Perth|Adelaide|Canberra|Auckland|Wellington
"""
_COUNTRIES_AND_REGIONS = """
    England|Scotland|Wales|Northern Ireland|Britain|Great Britain|Ireland|Germany|France|
    Spain|Italy|Portugal|Netherlands|the Netherlands|Belgium|Switzerland|Austria|Poland|
    Sweden|Norway|Denmark|Finland|Iceland|Estonia|Latvia|Lithuania|Czechia|Czech Republic|
    Slovakia|Hungary|Romania|Bulgaria|Greece|Croatia|Serbia|Slovenia|Ukraine|Luxembourg|
    Canada|Mexico|Brazil|Argentina|Chile|Colombia|Peru|Uruguay|Japan|China|Taiwan|
    South Korea|Korea|India|Pakistan|Bangladesh|Sri Lanka|Vietnam|Thailand|Indonesia|
    Malaysia|Philippines|Australia|New Zealand|South Africa|Nigeria|Kenya|Ghana|Rwanda|
    Egypt|Morocco|Israel|Saudi Arabia|United Arab Emirates|Qatar|America|United States|
    United Kingdom|
    Europe|Asia|Africa|North America|South America|Latin America|Middle East|Scandinavia|
    Nordics|Baltics|Benelux|Silicon Valley|Bay Area|East Coast|West Coast|Midwest|
    California|Texas|Florida|Oregon|Colorado|Massachusetts|Illinois|Ohio|Michigan|Georgia|
    Virginia|North Carolina|Pennsylvania|New Jersey|Arizona|Utah|Minnesota|Ontario|Quebec|
    Québec|British Columbia|Alberta|Bavaria|Catalonia|Lombardy
"""
# Nationalities and languages: English writes them with a capital too.
_PEOPLE_AND_LANGUAGES = """
    English|British|Scottish|Welsh|Irish|German|French|Spanish|Italian|Portuguese|Dutch|
    Flemish|Belgian|Swiss|Austrian|Swedish|Norwegian|Danish|Finnish|Icelandic|Estonian|
    Czech|Hungarian|Romanian|Greek|Ukrainian|Russian|European|American|Canadian|Mexican|
    Brazilian|Argentinian|Chilean|Colombian|Latin American|Japanese|Chinese|Mandarin|
    Cantonese|Korean|Taiwanese|Indian|Hindi|Vietnamese|Thai|Indonesian|Filipino|Australian|
    African|South African|Nigerian|Kenyan|Arabic|Hebrew|Israeli|Asian|Nordic|
    Scandinavian|Latin|Bavarian|Catalan|Parisian|Londoner
"""


def _names(block: str) -> list[str]:
    return [name.strip() for name in block.replace("\n", "").split("|") if name.strip()]


#: The lowercase form -> as it is written.
PLACE_NAMES: dict[str, str] = {
    name.lower(): name for block in (_CITIES, _COUNTRIES_AND_REGIONS, _PEOPLE_AND_LANGUAGES)
    for name in _names(block)}

# A whole word or phrase, typed all in lowercase; "berlin-based" and "london's" count,
# "non-berlin" or "berliner" do not. Longest first, so "new york city" beats "new york".
_PLACE = re.compile(
    r"(?<![\w'’-])(?:" + "|".join(re.escape(p) for p in sorted(PLACE_NAMES, key=len,
                                                                 reverse=True))
    + r")(?![\w])(?!['’](?!s\b))")


def place_names(text: str) -> str:
    """Each place name typed in lowercase written as it is written ("berlin" -> "Berlin");
    anything typed with a capital is left as typed."""
    return _PLACE.sub(lambda m: PLACE_NAMES[m.group(0)], text)
