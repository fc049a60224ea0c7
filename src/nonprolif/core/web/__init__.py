"""Web pieces every app's views and forms share: form base classes and date inputs
(``forms``), putting a service's errors back on a form (``submit``), pagination."""
