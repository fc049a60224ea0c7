"""Who reads the plan: whoever reads the program (``Program.objects.visible_to``); what is on
it takes the access of the sessions and exercises themselves (see ``plan/queries.py``). The
plan has nothing to write."""
