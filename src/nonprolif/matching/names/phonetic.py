"""A phonetic key for folded name tokens: a consonant skeleton aware of Spanish spelling.

The key keeps the consonants a listener hears, spelled one way, and drops the vowels, ``h``
and doubled letters, so that the spellings a clerk, a list or a transliteration gives the same
name fall together: ``Mohammed``, ``Muhammad`` and ``Mohamed`` all give ``mmd`` → ``md``;
``Vásquez``, ``Vazquez`` and ``Basques`` give ``bsks``; ``Guillermo`` and ``Guiyermo`` give
``gyrm``… It is a blocking key and a tie-breaker, not a similarity.

The rules, applied left to right on the folded token (``a``–``z`` and digits):

- digraphs first: ``ch``, ``sh``, ``sch``, ``tch``, ``zh`` → ``x`` (the "ch/sh" sound);
  ``ll`` → ``y``; ``ph`` → ``f``; ``th`` → ``t``; ``kh`` → ``j``; ``qu`` → ``k``;
  ``gu`` before ``e``/``i`` → ``g``; ``ck`` → ``k``;
- ``c`` before ``e``/``i``/``y`` → ``s``, any other ``c`` → ``k``; ``q`` → ``k``;
- ``g`` before ``e``/``i`` → ``j`` (Spanish *gente*), other ``g`` → ``g``; ``j`` → ``j``;
- ``z`` → ``s`` (seseo), ``v`` and ``w`` → ``b`` (Spanish *b*/*v*), ``x`` → ``ks``;
- ``y`` before a vowel is a consonant ``y``, otherwise a vowel; ``h`` is silent;
- vowels are dropped; then runs of the same letter collapse to one; digits are kept.

A token without consonants (``ana`` gives ``n``, ``eu`` gives ``""``) has a short or empty key;
callers ignore keys shorter than two letters.
"""

from __future__ import annotations

from functools import lru_cache

_VOWELS = frozenset("aeiou")
_FRONT = frozenset("eiy")
_DIGRAPHS = (
    ("tch", "x"),
    ("sch", "x"),
    ("ch", "x"),
    ("sh", "x"),
    ("zh", "x"),
    ("ll", "y"),
    ("ph", "f"),
    ("th", "t"),
    ("kh", "j"),
    ("qu", "k"),
    ("ck", "k"),
)
_SIMPLE = {"z": "s", "v": "b", "w": "b", "q": "k", "k": "k", "x": "ks"}


@lru_cache(maxsize=1 << 17)
def phonetic_key(token: str) -> str:
    """The consonant skeleton of one folded token (see the module's rules; cached: a list and
    its queries repeat their tokens)."""
    out: list[str] = []
    i = 0
    n = len(token)
    while i < n:
        for digraph, sound in _DIGRAPHS:
            if token.startswith(digraph, i):
                out.append(sound)
                i += len(digraph)
                break
        else:
            char = token[i]
            after = token[i + 1] if i + 1 < n else ""
            if char == "g" and after == "u" and i + 2 < n and token[i + 2] in "ei":
                out.append("g")
                i += 2
                continue
            if char == "c":
                out.append("s" if after in _FRONT and after else "k")
            elif char == "g":
                out.append("j" if after in "ei" and after else "g")
            elif char == "y":
                if after in _VOWELS and after:
                    out.append("y")
            elif char == "h" or char in _VOWELS:
                pass
            else:
                out.append(_SIMPLE.get(char, char))
            i += 1
    collapsed: list[str] = []
    for sound in "".join(out):
        if not collapsed or collapsed[-1] != sound:
            collapsed.append(sound)
    return "".join(collapsed)
