"""Names normalised: folding, transliteration (the original kept), legal forms set aside."""

import pytest

from nonprolif.matching.names import Kind, fold, normalise, normalise_for, transliterate


@pytest.mark.parametrize(
    ("text", "tokens", "forms"),
    [
        ("Importadora del Norte, S.A. de C.V.", ("importadora", "del", "norte"), ("sa de cv",)),
        ("Servicios Delta S. de R.L. de C.V.", ("servicios", "delta"), ("s de rl de cv",)),
        ("Grupo Minero SAPI de CV", ("grupo", "minero"), ("sapi de cv",)),
        ("OOO Romashka", ("romashka",), ("ooo",)),
        ("ООО «Ромашка»", ("romashka",), ("ООО",)),
        ("ZAO Tekhnika", ("tekhnika",), ("zao",)),
        ("Acme Trading LLC", ("acme", "trading"), ("llc",)),
        ("Acme Trading Co., Ltd.", ("acme", "trading"), ("co ltd",)),
        ("Müller Anlagenbau GmbH", ("muller", "anlagenbau"), ("gmbh",)),
        ("朝鲜矿业开发贸易有限公司", ("chaoxiankuangyekaifamaoyi",), ("有限公司",)),
        ("شركة النور", ("lnwr",), ("شركة",)),
        (
            "Korea Mining Development Trading Corporation",
            ("korea", "mining", "development", "trading"),
            ("corporation",),
        ),
    ],
)
def test_legal_forms_are_set_aside(text, tokens, forms):
    name = normalise(text)
    assert name.tokens == tokens
    assert name.legal_forms == forms
    assert name.original == text


def test_a_person_keeps_words_that_look_like_legal_forms():
    assert normalise_for("Ana Co Sa", Kind.PERSON).tokens == ("ana", "co", "sa")
    assert normalise_for("Ana Co Sa", Kind.ENTITY).tokens == ("ana",)


def test_a_name_of_nothing_but_a_legal_form_keeps_it():
    assert normalise("Limited Co.").tokens == ("limited", "co")


def test_folding_drops_case_accents_and_punctuation():
    assert fold("García-López, José Ñúñez") == "garcia lopez jose nunez"
    assert fold("O'Brien J.R.") == "obrien jr"
    assert fold("  MÜLLER\t&  Söhne ") == "muller sohne"


def test_transliteration_keeps_the_original_and_groups_syllables():
    assert normalise("Ким Чен Ын").tokens == ("kim", "chen", "yn")
    assert normalise("Ким Чен Ын").transliterated
    assert not normalise("José Pérez").transliterated
    assert normalise("金正恩").tokens == ("jinzhengen",)
    assert normalise("김정은").tokens == ("gimjeongeun",)
    assert normalise("Kim 김정은").tokens == ("kim", "gimjeongeun")
    assert transliterate("محمد علي").split() == ["mhmd", "`ly"]
    assert normalise("محمد علي").tokens == ("mhmd", "ly")
