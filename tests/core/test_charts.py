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


def _tick_labels(svg: bytes) -> list[str]:
    root = ElementTree.fromstring(svg)  # noqa: S314
    ticks = root.iter("{http://www.w3.org/2000/svg}g")
    labels = []
    for group in ticks:
        if (group.get("id") or "").startswith("xtick_"):
            labels += [t.text for t in group.iter("{http://www.w3.org/2000/svg}text") if t.text]
    return labels


def test_counts_get_whole_number_ticks():
    labels = _tick_labels(bar_chart_svg(["A", "B"], {"Aprobados": [1, 2], "Inscritos": [0, 2]}))
    assert labels
    assert all(label.isdigit() for label in labels), labels
    assert "1" in labels


def test_fractions_keep_fractional_ticks():
    labels = _tick_labels(bar_chart_svg(["A"], {"Promedio": [0.5]}))
    assert any("." in label for label in labels), labels
