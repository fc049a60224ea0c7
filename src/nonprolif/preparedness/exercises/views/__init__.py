"""The exercise pages: the list and the design tab (``design``), the MSEL tab (``msel``)."""
