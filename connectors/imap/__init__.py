"""IMAP connector: any mailbox that speaks IMAP (iCloud, Yahoo, Fastmail, Proton Bridge, a
university server, Gmail with an app password). Never sends: there is no SMTP code here.

- ``account.py``: the config model (imports no client library).
- ``session.py``: one logged-in connection, error mapping, retries, round-trip counting.
- ``folders.py``: finding the sent and drafts folders (SPECIAL-USE, then common names).
- ``reading.py``: the incremental pull (UID/UIDVALIDITY, HIGHESTMODSEQ, headers first).
- ``drafts.py``: APPEND with ``\\Draft \\Seen`` and the marker; listing by a header SEARCH.
- ``connector.py``: ``ImapConnector``, the ``MailConnector`` tying them together.
- ``auth/``: the password (``password_command`` or the OS keyring) and ``agent auth``.
"""
