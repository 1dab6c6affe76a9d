"""Provider connectors: every mailbox behind one small interface (see ``base.MailConnector``).

Connectors know nothing of programs or rules; the sync orchestrator in ``agent.engine.sync`` is the
only code that touches both a connector and the state store.

Adding a provider (say ``imap``) touches ``registry.py`` and the provider's own folder, nothing
in ``agent/``:

1. ``connectors/imap/account.py``: ``ImapAccount(Account)`` with ``provider: Literal["imap"]``
   and its keys, validated with messages a user can act on. The module imports no client
   library (reading a config must stay light).
2. ``connectors/imap/connector.py``: a class implementing ``base.MailConnector``, built as
   ``Connector(account, state_dir)``; what it keeps between passes lives under ``state_dir``.
   It raises only the errors of ``errors.py``; ``retry.RetryPolicy`` paces retries.
3. Sign-in, if the provider needs one: ``authorize(account, state_dir, *, browser) -> str``
   returning the message ``agent auth`` prints. Tokens live owner-only under
   ``state_dir / "tokens"`` (``files.write_private``). A ``token_command`` key (a command
   printing an access token) is run by ``token_command.run_token_command``, the one runner,
   and ``registry.authorize`` checks it instead of signing in.
4. ``registry.PROVIDERS``: one ``Provider`` entry naming the model, the connector and
   authorize paths (``"module:name"``, imported only when used) and the ``path_keys``
   (resolved relative to the config file).
5. ``config.example.toml``: a commented ``[[accounts]]`` example with every key (a test fails
   on a missing one). README: how to sign in.
6. Tests in ``tests/connectors/``: the connector against an emulator of the provider
   (``tests/support/emulators/``), subclassing ``ConnectorContract`` from
   ``tests/support/contract.py`` (what every connector must do); the e2e tests drive it
   through the CLI.
"""
