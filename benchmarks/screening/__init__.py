"""The screening benchmark: labelled pairs (``pairs``, from ``identities``), three scorers
(``baselines``), metrics computed here (``metrics``), speed (``throughput``); ``run`` prints
every figure side by side (``python -m benchmarks.screening.run``)."""
