"""The IKM (from an SKM survey) and the TGM as plain data (dicts of numbers
and texts): what the surveys' results and the official indices give in
the API and on the command line."""


def skm_data(skm) -> dict:
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
    return {
        "method": skm.method,
        "ikm": skm.ikm,
        "unit": skm.unit,
        "grade": skm.grade,
        "performance": skm.performance,
        "missing": list(skm.missing),
        "elements": elements,
    }


def tgm_data(tgm) -> dict:
    return {
        "method": tgm.method,
        "value": tgm.value,
        "category": tgm.category,
        "missing": list(tgm.missing),
        "measures": [vars(measure) for measure in tgm.measures],
    }
