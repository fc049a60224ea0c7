from xml.etree import ElementTree  # our own output, not untrusted input

from nonprolif.core.charts import bar_chart_svg


def test_bar_chart_is_svg_with_one_bar_per_value_and_its_labels():
    svg = bar_chart_svg(
        ["CISEN", "SEDENA"],
        {"Nominados": [30, 20], "Certificados": [25, 5]},
        title="Avance",
        target=25,
        target_label="Meta",
    )
    root = ElementTree.fromstring(svg)  # noqa: S314
    assert root.tag.endswith("svg")
    text = svg.decode()
    for label in ("CISEN", "SEDENA", "Nominados", "Certificados", "Meta"):
        assert label in text
    assert "<title>Avance</title>" in text


def test_bar_chart_is_deterministic():
    args = (["A", "B"], {"x": [1, 2]})
    assert bar_chart_svg(*args) == bar_chart_svg(*args)


def test_long_titles_wrap_instead_of_running_off_the_chart():
    title = "Avance de la capacitación de Programa Nacional de No Proliferación de Armas (2009)"
    svg = bar_chart_svg(["A"], {"x": [1]}, title=title).decode()
    assert svg.count("Programa Nacional") == 2  # the accessible <title> and the drawn text
    assert (
        "Avance de la capacitación de Programa Nacional de No Proliferación de Armas (2009)</text>"
        not in svg
    )
