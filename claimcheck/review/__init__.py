"""`claimcheck review`: a terminal session that steps through a draft's claims and records the
reviewer's decisions in the ledger (`claimcheck.ledger`).

The Textual app lives in `app`; the pipeline runs in a separate process (`worker`), so the app
opens at once and fills in as claims, flags and verdicts arrive; `session` ties the claims on
screen to the ledger file; `export` writes the review report.
"""
