"""The official indices as plain data (dicts of numbers, texts and dates):
what the API returns and ``pustaka indicators --json`` prints."""

from pustaka.monitoring import indices, standard
from pustaka.surveys import index_data


def skm_data(found) -> dict | None:
    """An IKM with how many answered (``None``: no answers)."""
    if found is None:
        return None
    return {"respondents": found.respondents, "index": index_data.skm_data(found.index)}


def tgm_data(found) -> dict | None:
    """A TGM with how many answered (``None``: no answers)."""
    if found is None:
        return None
    return {"respondents": found.respondents, "index": index_data.tgm_data(found.index)}


def iplm_data(result: indices.IplmResult) -> dict:
    index = result.index
    return {
        "year": result.year,
        "method": index.method,
        "population": index.population,
        "population_source": result.population_source,
        "total": index.total,
        "value": index.value,
        "category": index.category,
        "elements": [
            {
                "number": element.definition.number,
                "code": element.definition.code,
                "name": str(element.definition.name),
                "figure": str(element.definition.figure),
                "pustaka": result.pustaka_figures[element.definition.code],
                "value": element.value,
                "missing": list(element.missing),
                "parts": [vars(part) for part in element.parts],
            }
            for element in index.elements
        ],
    }


def library_data(found: indices.LibraryIndices) -> dict:
    checklist = found.checklist
    return {
        "library": found.library.code,
        "name": found.library.name,
        "ikm": skm_data(found.skm),
        "tgm": tgm_data(found.tgm),
        "checklist": {
            "method": standard.STANDARD_METHOD,
            "as_on": found.as_on,
            "meets": checklist.meets,
            "criteria": [vars(criterion) for criterion in checklist.criteria],
        },
    }


def district_data(found: indices.DistrictIndices) -> dict:
    """The district's indices of a period and each library's."""
    return {
        "year": found.year,
        "start": found.start,
        "end": found.end,
        "ikm": skm_data(found.skm),
        "tgm": tgm_data(found.tgm),
        "iplm": iplm_data(found.iplm),
        "libraries": [library_data(row) for row in found.libraries],
    }
