"""The state's schema, as the list of migrations that built it: version N is the first N
entries. Append to upgrade; never edit one that has shipped (states in the field ran it)."""

from __future__ import annotations

# Each entry upgrades the schema by one version; never edit one that has shipped.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE cursors (account TEXT PRIMARY KEY, value TEXT NOT NULL, saved_at TEXT NOT NULL);
    CREATE TABLE messages (
        account TEXT NOT NULL, id TEXT NOT NULL, folder TEXT NOT NULL,
        message_id TEXT NOT NULL, subject TEXT NOT NULL,
        sender TEXT, recipients TEXT NOT NULL,
        date TEXT NOT NULL, in_reply_to TEXT, refs TEXT NOT NULL, thread_hint TEXT,
        body TEXT,
        PRIMARY KEY (account, id)
    );
    CREATE INDEX messages_by_message_id ON messages (message_id);
    CREATE TABLE ledger (
        key TEXT PRIMARY KEY, kind TEXT NOT NULL, program TEXT NOT NULL,
        account TEXT NOT NULL, recipient TEXT NOT NULL, subject TEXT NOT NULL,
        message_id TEXT NOT NULL, state TEXT NOT NULL, provider_id TEXT,
        reason TEXT NOT NULL, needs_detail INTEGER NOT NULL DEFAULT 0,
        planned_at TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE TABLE sightings (key TEXT PRIMARY KEY, first_seen TEXT NOT NULL);
    CREATE TABLE accounts (
        name TEXT PRIMARY KEY, last_pass TEXT, last_error TEXT, last_error_at TEXT
    );
    """,
    """
    CREATE TABLE updates (
        id TEXT PRIMARY KEY, text TEXT NOT NULL, date TEXT NOT NULL, added_at TEXT NOT NULL
    );
    """,
    # What a provider needs to recognise its draft cheaply (Gmail: the draft's message id).
    "ALTER TABLE ledger ADD COLUMN provider_extra TEXT NOT NULL DEFAULT '{}'",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE facts (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # Programs not in the config whose mail arrived (engine/newcomers.py): said once.
    "CREATE TABLE newcomers (name TEXT PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL,"
    " date TEXT NOT NULL, account TEXT NOT NULL, found_at TEXT NOT NULL, announced_at TEXT)",
    # What the agent wrote (a digest of its words), and whether the user has edited it since.
    "ALTER TABLE ledger ADD COLUMN written TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE ledger ADD COLUMN edited INTEGER NOT NULL DEFAULT 0",
    # A digest of each message's columns (mail_rows.digest), so a pass need not read every
    # field of the program mail to know it unchanged; NULL until the next pull fills it.
    """
    ALTER TABLE messages ADD COLUMN digest TEXT;
    CREATE INDEX messages_undigested ON messages (account) WHERE digest IS NULL
    """,
]
DIGESTS = 9  # the version from which messages have a digest column
