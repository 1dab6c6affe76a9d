"""Whose voice a message is: the program's own mail is mail FROM the program (its domains,
its configured interviewers, or an interview platform writing on its behalf). A fellow
applicant's reply-all or a friend's forward that only has the program in To or Cc is not
the program speaking, and neither is anything the applicant sent."""

from __future__ import annotations

from agent.config import Program
from agent.facts.matching import domain_of, is_platform
from connectors.base import MailMessage


def from_applicant(message: MailMessage, me: frozenset[str]) -> bool:
    """Sent by the applicant: filed in Sent, or from one of their addresses."""
    return message.folder == "sent" or (message.sender is not None and message.sender.email in me)


def _in_domains(address: str, domains: list[str]) -> bool:
    host = domain_of(address)
    return any(host == d or host.endswith("." + d) for d in domains)


def is_program_address(address: str, program: Program) -> bool:
    """An address at the program: one of its domains (or a subdomain), or an interviewer's
    address from the config."""
    address = address.lower()
    domains = [d.lower() for d in program.domains]
    people = {p.email.lower() for p in program.interviewers if p.email}
    return address in people or _in_domains(address, domains)


def speaks_for(program: Program, message: MailMessage, me: frozenset[str]) -> bool:
    """The message is the program's own statement: received, with a body, and from the
    program or a platform writing for it."""
    address = _received_from(message, me)
    return address is not None and _voice(address, program)


def _received_from(message: MailMessage, me: frozenset[str]) -> str | None:
    """The sender's address of a received message with a body (one the program may speak
    in), else None."""
    sender = message.sender
    if sender is None or not message.body or from_applicant(message, me):
        return None
    return sender.email


def _voice(address: str, program: Program) -> bool:
    """An address the program speaks from: its own, or a platform's."""
    return is_program_address(address, program) or is_platform(address)


def program_mail(
    messages: list[MailMessage], program: Program, me: frozenset[str]
) -> list[MailMessage]:
    """The program's own mail among ``messages``, in their order."""
    voices: dict[str, bool] = {}  # by sender: a few senders write most of a program's mail

    def speaks(message: MailMessage) -> bool:
        address = _received_from(message, me)
        if address is None:
            return False
        known = voices.get(address)
        if known is None:
            known = voices[address] = _voice(address, program)
        return known

    return [m for m in messages if speaks(m)]
