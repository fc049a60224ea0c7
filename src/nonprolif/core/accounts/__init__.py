"""Account management over the API (administrators): the accounts router and its schemas.
The writes are the account service's (``core.domain.accounts``, ``core.domain.grants``)."""
