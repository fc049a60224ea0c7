"""Outreach to industry and academia: the stakeholders an agency visits, its visits, the
awareness materials it hands over and the tips stakeholders report."""
