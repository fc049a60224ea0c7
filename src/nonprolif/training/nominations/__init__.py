"""Seats and nominations: each agency's quota per item, nominations one by one and by upload
(CSV/XLSX), the coordinator's approval, withdrawals and substitutions, and the assignment of
approved nominees to sessions."""
