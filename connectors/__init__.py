"""Provider connectors: every mailbox behind one small interface (see ``base.MailConnector``).

Connectors know nothing of programs or rules; the sync orchestrator in ``agent.engine.sync`` is the
only code that touches both a connector and the state store.
"""
