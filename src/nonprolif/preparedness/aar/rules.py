"""Who may read the after-action report: whoever may read the exercise
(``Exercise.objects.visible_to``); the report adds no permission of its own."""
