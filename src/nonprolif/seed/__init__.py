"""Built-in data: program documents (the 2009 program) and demonstration data.

``load_program_document`` loads any program document; ``nonprolif seed`` loads the built-in
one (``fixtures/mx-2009.json``) and, with ``--demo``, the demo document
(``fixtures/mx-2009-demo.json``).
"""
