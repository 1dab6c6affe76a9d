"""Which program a thread belongs to: by the participants' domains and known addresses,
and for platform mail (ERAS, Thalamus, Interview Broker) by the program's name."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from agent.config import Config, Program
from agent.facts.threads import Thread
from connectors.base import Address, MailMessage
from connectors.prefilter import HeaderTerms

# Interview platforms write on the program's behalf; their mail names the program instead.
PLATFORM_DOMAINS = (
    "aamc.org",
    "thalamusgme.com",
    "thalamus.app",
    "interviewbroker.com",
    "erasmail.org",
)


def domain_of(address: str) -> str:
    return address.rpartition("@")[2]


def _in_domain(address: str, domain: str) -> bool:
    host = domain_of(address)
    return host == domain or host.endswith("." + domain)


def is_platform(address: str) -> bool:
    return any(_in_domain(address, d) for d in PLATFORM_DOMAINS)


def participants(message: MailMessage) -> list[Address]:
    return [a for a in (message.sender, *message.to, *message.cc) if a is not None]


@dataclass(frozen=True)
class _Names:
    program: Program
    pattern: re.Pattern[str]


class Matcher:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.me = config.applicant.addresses
        self._addresses: dict[str, Program] = {}
        self._domains: dict[str, Program] = {}
        for program in config.programs:
            for person in program.interviewers:
                if person.email:
                    self._addresses[person.email] = program
            for domain in program.domains:
                self._domains.setdefault(domain, program)
        self._cache: dict[str, Program | None] = {}
        self._by_name = {p.name: p for p in config.programs}
        self._names = [
            _Names(
                p,
                re.compile(
                    r"(?<!\w)("
                    + "|".join(re.escape(n) for n in sorted({p.name, *p.aliases}, key=len)[::-1])
                    + r")(?!\w)",
                    re.IGNORECASE,
                ),
            )
            for p in config.programs
        ]

    def by_address(self, address: str) -> Program | None:
        if address not in self._cache:
            self._cache[address] = self._lookup(address)
        return self._cache[address]

    def _lookup(self, address: str) -> Program | None:
        if address in self.me:
            return None
        if address in self._addresses:
            return self._addresses[address]
        labels = domain_of(address).split(".")
        for i in range(len(labels) - 1):  # the domain itself, then each parent domain
            program = self._domains.get(".".join(labels[i:]))
            if program is not None:
                return program
        return None

    def fingerprint(self) -> str:
        """Changes exactly when what counts as program mail changes."""
        parts = sorted(self.me) + list(self.program_parts().values())
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def program_parts(self) -> dict[str, str]:
        """What makes each program's mail its own (name, aliases, domains, interviewers)."""
        return {
            p.name: f"{p.name}|{sorted(p.aliases)}|{sorted(p.domains)}|"
            f"{sorted(i.email or '' for i in p.interviewers)}"
            for p in self.config.programs
        }

    def header_terms(self) -> HeaderTerms:
        """What program mail's raw headers must contain (for the connectors' pre-filter):
        the programs' and platforms' domains, the interviewers' addresses, the programs'
        names and aliases."""
        names = {n for p in self.config.programs for n in (p.name, *p.aliases)}
        return HeaderTerms(
            domains=tuple(sorted({*self._domains, *PLATFORM_DOMAINS})),
            addresses=tuple(sorted(self._addresses)),
            names=tuple(sorted(names)),
        )

    def by_name(self, text: str) -> list[Program]:
        return [n.program for n in self._names if n.pattern.search(text)]

    def is_program_mail(self, message: MailMessage) -> bool:
        """From headers alone: is this message worth its body? (program or platform mail)"""
        people = participants(message)
        if any(self.by_address(a.email) for a in people):
            return True
        if message.sender and is_platform(message.sender.email):
            return True
        return bool(self.by_name(message.subject))

    def program_of(self, thread: Thread) -> Program | None:
        """The program a thread belongs to, or None when nothing ties it to exactly one."""
        votes: dict[str, int] = {}
        for message in thread.messages:
            for person in participants(message):
                program = self.by_address(person.email)
                if program:
                    votes[program.name] = votes.get(program.name, 0) + 10
        if not votes and any(m.sender and is_platform(m.sender.email) for m in thread.messages):
            for message in thread.messages:
                in_subject = self.by_name(message.subject)
                in_body = self.by_name(message.body or "")
                for program in in_subject:
                    votes[program.name] = votes.get(program.name, 0) + 3
                if len(in_body) == 1:  # a digest naming several programs is nobody's
                    votes[in_body[0].name] = votes.get(in_body[0].name, 0) + 1
        if len(votes) < 2:  # most threads: one program's or none's
            return self._by_name[next(iter(votes))] if votes else None
        ranked = sorted(votes.items(), key=lambda kv: kv[1], reverse=True)
        if ranked[0][1] == ranked[1][1]:  # a tie is nobody's
            return None
        return self._by_name[ranked[0][0]]
