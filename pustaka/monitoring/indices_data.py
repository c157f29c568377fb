"""The official indices as plain data (dicts of numbers, texts and dates):
what the API returns and ``pustaka indicators --json`` prints."""

from pustaka.monitoring import indices, standard


def skm_data(found) -> dict | None:
    if found is None:
        return None
    skm = found.index
    elements = [
        {
            "code": element.code,
            "label": element.label,
            "name": element.name,
            "answers": element.answers,
            "nrr": element.nrr_rounded,
        }
        for element in skm.elements
    ]
    index = {
        "method": skm.method,
        "ikm": skm.ikm,
        "unit": skm.unit,
        "grade": skm.grade,
        "performance": skm.performance,
        "missing": list(skm.missing),
        "elements": elements,
    }
    return {"respondents": found.respondents, "index": index}


def tgm_data(found) -> dict | None:
    if found is None:
        return None
    tgm = found.index
    index = {
        "method": tgm.method,
        "value": tgm.value,
        "category": tgm.category,
        "missing": list(tgm.missing),
        "measures": [vars(measure) for measure in tgm.measures],
    }
    return {"respondents": found.respondents, "index": index}


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
