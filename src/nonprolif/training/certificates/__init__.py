"""Certificates of completion: issuing and revoking, verification codes, the PDF, the public
verification, and officials' transcripts."""
